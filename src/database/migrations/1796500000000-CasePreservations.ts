import { MigrationInterface, QueryRunner } from 'typeorm';

/** Preservation checks made at receipt, one per case and system with routine deletion: whether the
 *  owner was asked to keep the person's records, from which days, and when that ended. Dates and
 *  system ids only; gone with the case. */
export class CasePreservations1796500000000 implements MigrationInterface {
  name = 'CasePreservations1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_preservations" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL,
      "system_id" character varying(40) NOT NULL,
      "status" character varying(12) NOT NULL,
      "retention_period" character varying(40) NOT NULL,
      "period_from" date NOT NULL,
      "period_to" date NOT NULL,
      "deletion_on" date NOT NULL,
      "checked_due" date NOT NULL,
      "requested_at" TIMESTAMP WITH TIME ZONE,
      "ended_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_case_preservations" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "case_preservations_uq" ON "case_preservations" ("case_id", "system_id") `);
    await queryRunner.query(
      `ALTER TABLE "case_preservations" ADD CONSTRAINT "case_preservations_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_preservations"`);
  }
}
