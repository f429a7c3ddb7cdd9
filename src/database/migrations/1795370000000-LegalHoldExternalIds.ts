import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A hold remembers the kept records' ids in the external system (e.g. Visma associateNo): the
 * erasure blanked their e-mail and phone, so at the end of the hold a search by subject finds nothing.
 */
export class LegalHoldExternalIds1795370000000 implements MigrationInterface {
  name = 'LegalHoldExternalIds1795370000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "legal_holds" ADD "external_ids" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "legal_holds" DROP COLUMN "external_ids"`);
  }
}
