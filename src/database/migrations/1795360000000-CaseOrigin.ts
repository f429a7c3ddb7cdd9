import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who registered a case: the public intake (verified by the requester's e-mail link) or staff.
 * Before this, the channel stood in for it, so a staff-registered web or API case was treated as
 * a public one. Existing cases take their origin from the actor of their `case.registered` event.
 */
export class CaseOrigin1795360000000 implements MigrationInterface {
  name = 'CaseOrigin1795360000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "origin" character varying(10) NOT NULL DEFAULT 'staff'`);
    await queryRunner.query(
      `UPDATE "cases" c SET "origin" = 'intake'
        WHERE EXISTS (SELECT 1 FROM "audit_events" a WHERE a.case_id = c.id AND a.type = 'case.registered' AND a.actor = 'requester')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "origin"`);
  }
}
