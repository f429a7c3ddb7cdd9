import { MigrationInterface, QueryRunner } from 'typeorm';

/** A duplicate merged into another case of the same person is closed as `merged` and points at the
 *  case that answers for both; the index lists the cases merged into a survivor. */
export class CaseMerges1797450000000 implements MigrationInterface {
  name = 'CaseMerges1797450000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "merged_into_id" uuid`);
    await queryRunner.query(`CREATE INDEX "cases_merged_into_idx" ON "cases" ("merged_into_id") WHERE merged_into_id IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."cases_merged_into_idx"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "merged_into_id"`);
  }
}
