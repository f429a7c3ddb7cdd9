import { MigrationInterface, QueryRunner } from 'typeorm';

/** Case references come from one PostgreSQL sequence per year (no row lock held until commit),
 *  continuing where the per-year counter rows left off. */
export class CaseReferenceSequences1795340000000 implements MigrationInterface {
  name = 'CaseReferenceSequences1795340000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows: Array<{ year: number; last_value: number }> = await queryRunner.query('SELECT year, last_value FROM case_reference_counters');
    for (const row of rows) {
      await queryRunner.query(`CREATE SEQUENCE IF NOT EXISTS case_reference_${Number(row.year)} START WITH ${Number(row.last_value) + 1}`);
    }
    await queryRunner.query('DROP TABLE case_reference_counters');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "case_reference_counters" ("year" integer NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "PK_071086b2232dd1ff26fcb516140" PRIMARY KEY ("year"))',
    );
    const sequences: Array<{ sequencename: string; last_value: string | null }> = await queryRunner.query(
      `SELECT sequencename, last_value FROM pg_sequences WHERE sequencename ~ '^case_reference_[0-9]{4}$'`,
    );
    for (const sequence of sequences) {
      const year = Number(sequence.sequencename.slice(-4));
      await queryRunner.query('INSERT INTO case_reference_counters (year, last_value) VALUES ($1, $2)', [year, Number(sequence.last_value ?? 0)]);
      await queryRunner.query(`DROP SEQUENCE ${sequence.sequencename}`);
    }
  }
}
