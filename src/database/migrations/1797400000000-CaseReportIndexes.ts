import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the staff dashboard and the case report (src/cases/reports/): cases received in a
 * period, read in pages by day received then reference, and cases closed in a period. Without them
 * each figure is a scan of every case ever registered.
 */
export class CaseReportIndexes1797400000000 implements MigrationInterface {
  name = 'CaseReportIndexes1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "cases_received_on_reference_idx" ON "cases" ("received_on", "reference")`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "cases_closed_at_idx" ON "cases" ("closed_at") WHERE "closed_at" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "cases_closed_at_idx"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "cases_received_on_reference_idx"`);
  }
}
