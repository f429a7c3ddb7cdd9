import { MigrationInterface, QueryRunner } from 'typeorm';

/** Requests on someone else's behalf: the representative, the encrypted authority document and
 *  staff's decision on it. One per case, gone with the case. */
export class Representations1796020000000 implements MigrationInterface {
  name = 'Representations1796020000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_representations" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL,
      "name" character varying(200) NOT NULL,
      "email" character varying(320) NOT NULL,
      "relationship" character varying(30) NOT NULL,
      "covers_answer" boolean NOT NULL DEFAULT false,
      "status" character varying(20) NOT NULL DEFAULT 'pending',
      "decided_by" character varying(64),
      "decided_at" TIMESTAMP WITH TIME ZONE,
      "decision_reason" text,
      "document_type" character varying(40) NOT NULL,
      "document_size" integer NOT NULL,
      "document_ciphertext" bytea,
      "document_iv" bytea NOT NULL,
      "document_auth_tag" bytea NOT NULL,
      "document_deleted_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_case_representations" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "case_representations_case_uq" ON "case_representations" ("case_id") `);
    await queryRunner.query(
      `ALTER TABLE "case_representations" ADD CONSTRAINT "case_representations_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_representations"`);
  }
}
