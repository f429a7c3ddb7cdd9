import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The queue's free-text search matches a name by trigram and a phone or customer number exactly,
 * in one OR. Without indexes on the last two, PostgreSQL could not combine index scans and read
 * the whole cases table for every name search.
 */
export class CaseSearchIndexes1795430000000 implements MigrationInterface {
  name = 'CaseSearchIndexes1795430000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "cases_subject_phone_idx" ON "cases" ("subject_phone") `);
    await queryRunner.query(`CREATE INDEX "cases_subject_customer_number_idx" ON "cases" ("subject_customer_number") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."cases_subject_customer_number_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cases_subject_phone_idx"`);
  }
}
