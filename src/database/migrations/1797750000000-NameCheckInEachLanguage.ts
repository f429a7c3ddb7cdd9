import { MigrationInterface, QueryRunner } from 'typeorm';

/** The start-up name check's finding in each staff language ({nb, en}) next to the English
 *  `message` that logs and rows checked before it keep. */
export class NameCheckInEachLanguage1797750000000 implements MigrationInterface {
  name = 'NameCheckInEachLanguage1797750000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "system_checks" ADD "message_text" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "system_checks" DROP COLUMN "message_text"`);
  }
}
