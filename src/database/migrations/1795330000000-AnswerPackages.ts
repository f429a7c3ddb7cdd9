import { MigrationInterface, QueryRunner } from 'typeorm';

/** The answer: encrypted packages, one-time download codes, downloads, edited letter drafts. */
export class AnswerPackages1795330000000 implements MigrationInterface {
  name = 'AnswerPackages1795330000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "answer_packages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "ciphertext" bytea, "iv" bytea NOT NULL, "auth_tag" bytea NOT NULL, "sha256" character varying(64) NOT NULL, "size_bytes" integer NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deleted_at" TIMESTAMP WITH TIME ZONE, "failed_attempts" integer NOT NULL DEFAULT '0', "locked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "answer_packages_pk" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "answer_packages_case_uq" ON "answer_packages" ("case_id") `);
    await queryRunner.query(`CREATE INDEX "answer_packages_live_idx" ON "answer_packages" ("expires_at") WHERE deleted_at IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "answer_download_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "package_id" uuid NOT NULL, "code_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "answer_download_codes_pk" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "answer_download_codes_package_idx" ON "answer_download_codes" ("package_id") `);
    await queryRunner.query(
      `CREATE TABLE "answer_downloads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "package_id" uuid NOT NULL, "case_id" uuid NOT NULL, "code_id" uuid NOT NULL, "downloaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "answer_downloads_pk" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "answer_downloads_package_idx" ON "answer_downloads" ("package_id") `);
    await queryRunner.query(
      `CREATE TABLE "case_letter_drafts" ("case_id" uuid NOT NULL, "kind" character varying(30) NOT NULL, "subject" character varying(300) NOT NULL, "text" text NOT NULL, "edited_by" character varying(80) NOT NULL, "edited_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "case_letter_drafts_pk" PRIMARY KEY ("case_id"))`,
    );
    for (const table of ['answer_packages', 'answer_downloads', 'case_letter_drafts']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE`);
    }
    for (const table of ['answer_download_codes', 'answer_downloads']) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${table}_package_fk" FOREIGN KEY ("package_id") REFERENCES "answer_packages"("id") ON DELETE CASCADE`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_letter_drafts"`);
    await queryRunner.query(`DROP TABLE "answer_downloads"`);
    await queryRunner.query(`DROP TABLE "answer_download_codes"`);
    await queryRunner.query(`DROP TABLE "answer_packages"`);
  }
}
