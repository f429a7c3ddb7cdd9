import { MigrationInterface, QueryRunner } from 'typeorm';

/** Files a person hands over for a manual system's part of an access answer: sealed, one row per
 *  file, deleted with the case's package (or when the case closes without one), gone with the case. */
export class HandoverFiles1796100000000 implements MigrationInterface {
  name = 'HandoverFiles1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_handover_files" (
      "id" uuid NOT NULL,
      "case_id" uuid NOT NULL,
      "task_id" uuid NOT NULL,
      "system_id" character varying(40) NOT NULL,
      "name" character varying(200) NOT NULL,
      "content_type" character varying(40) NOT NULL,
      "size_bytes" integer NOT NULL,
      "ciphertext" bytea NOT NULL,
      "iv" bytea NOT NULL,
      "auth_tag" bytea NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_case_handover_files" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "case_handover_files_case_idx" ON "case_handover_files" ("case_id") `);
    await queryRunner.query(`CREATE INDEX "case_handover_files_task_idx" ON "case_handover_files" ("task_id") `);
    await queryRunner.query(
      `ALTER TABLE "case_handover_files" ADD CONSTRAINT "case_handover_files_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_handover_files"`);
  }
}
