import { MigrationInterface, QueryRunner } from 'typeorm';

/** The requester journey: idempotency claims for public submissions and e-mail verification state. */
export class IntakeVerification1795319093024 implements MigrationInterface {
  name = 'IntakeVerification1795319093024';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "intake_submissions" ("key" character(64) NOT NULL, "case_id" uuid, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_intake_submissions_key" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_verifications" ("case_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "remind_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reminded_at" TIMESTAMP WITH TIME ZONE, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_case_verifications_case_id" PRIMARY KEY ("case_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "case_verifications_expires_idx" ON "case_verifications" ("expires_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."case_verifications_expires_idx"`);
    await queryRunner.query(`DROP TABLE "case_verifications"`);
    await queryRunner.query(`DROP TABLE "intake_submissions"`);
  }
}
