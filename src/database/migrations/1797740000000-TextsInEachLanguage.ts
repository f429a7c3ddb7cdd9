import { MigrationInterface, QueryRunner } from 'typeorm';

/** Plan rows and the errors staff read while a task, search or survey is still pending, in each
 *  staff language ({nb, en}) next to the English column the REST API and older rows keep. */
export class TextsInEachLanguage1797740000000 implements MigrationInterface {
  name = 'TextsInEachLanguage1797740000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_plan_items" ADD "label_text" jsonb, ADD "note_text" jsonb`);
    await queryRunner.query(`ALTER TABLE "case_plan_surveys" ADD "error_text" jsonb`);
    await queryRunner.query(`ALTER TABLE "case_record_discoveries" ADD "error_text" jsonb`);
    await queryRunner.query(`ALTER TABLE "case_tasks" ADD "error_text" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_tasks" DROP COLUMN "error_text"`);
    await queryRunner.query(`ALTER TABLE "case_record_discoveries" DROP COLUMN "error_text"`);
    await queryRunner.query(`ALTER TABLE "case_plan_surveys" DROP COLUMN "error_text"`);
    await queryRunner.query(`ALTER TABLE "case_plan_items" DROP COLUMN "label_text", DROP COLUMN "note_text"`);
  }
}
