import { MigrationInterface, QueryRunner } from 'typeorm';

/** The package's file carrier also takes a connector export's files (e.g. ticket attachments),
 *  whose content types are as long as their systems state them (an Office document's is 71
 *  characters): the column grows from 40 to 255. */
export class PackageFileContentType1797200000000 implements MigrationInterface {
  name = 'PackageFileContentType1797200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_handover_files" ALTER COLUMN "content_type" TYPE character varying(255)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_handover_files" ALTER COLUMN "content_type" TYPE character varying(40) USING left("content_type", 40)`);
  }
}
