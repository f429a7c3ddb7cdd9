import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Proof codes: one-time codes sent to the contact details on file for a claimed identifier
 * (stored as HMACs only), and each delivery, with the address as a keyed hash for the
 * per-address limit. Both go with their case.
 */
export class ProofCodes1796010000000 implements MigrationInterface {
  name = 'ProofCodes1796010000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "proof_codes" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL,
      "identifier_id" uuid NOT NULL,
      "code_hash" character varying(64) NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "used_at" TIMESTAMP WITH TIME ZONE,
      "wrong_attempts" integer NOT NULL DEFAULT 0,
      "voided_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_proof_codes" PRIMARY KEY ("id"),
      CONSTRAINT "proof_codes_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE,
      CONSTRAINT "proof_codes_identifier_fk" FOREIGN KEY ("identifier_id") REFERENCES "case_identifiers"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE INDEX "proof_codes_case_identifier_idx" ON "proof_codes" ("case_id", "identifier_id") `);
    await queryRunner.query(`CREATE INDEX "proof_codes_case_created_idx" ON "proof_codes" ("case_id") `);

    await queryRunner.query(`CREATE TABLE "proof_code_sends" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "code_id" uuid NOT NULL,
      "case_id" uuid NOT NULL,
      "channel" character varying(10) NOT NULL,
      "system_id" character varying(40) NOT NULL,
      "external_id" character varying(200) NOT NULL,
      "destination_hash" character varying(64) NOT NULL,
      "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_proof_code_sends" PRIMARY KEY ("id"),
      CONSTRAINT "proof_code_sends_code_fk" FOREIGN KEY ("code_id") REFERENCES "proof_codes"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE INDEX "proof_code_sends_code_idx" ON "proof_code_sends" ("code_id") `);
    await queryRunner.query(`CREATE INDEX "proof_code_sends_destination_idx" ON "proof_code_sends" ("destination_hash", "sent_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "proof_code_sends"`);
    await queryRunner.query(`DROP TABLE "proof_codes"`);
  }
}
