import { MigrationInterface, QueryRunner } from 'typeorm';

/** How the requester was told of an extension: `email`, or `post` once staff marked the letter
 *  posted. Extensions recorded as told before this column were told by e-mail. */
export class ExtensionNotifiedBy1796500000001 implements MigrationInterface {
  name = 'ExtensionNotifiedBy1796500000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "extension_notified_by" character varying(10)`);
    await queryRunner.query(`UPDATE "cases" SET "extension_notified_by" = 'email' WHERE "extension_notified_at" IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "extension_notified_by"`);
  }
}
