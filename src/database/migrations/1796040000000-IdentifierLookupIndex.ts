import { MigrationInterface, QueryRunner } from 'typeorm';

/** Lets a case find the same person's other cases by an established identifier (Art 12(5) repeat requests). */
export class IdentifierLookupIndex1796040000000 implements MigrationInterface {
  name = 'IdentifierLookupIndex1796040000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "case_identifiers_established_value_idx" ON "case_identifiers" ("kind", "value") WHERE basis IN ('proven','from_record','staff_confirmed')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "case_identifiers_established_value_idx"`);
  }
}
