import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff second factor: an authenticator (TOTP) per user with its sealed secret and the last time
 * step accepted (no replay), single-use recovery codes (SHA-256 only), and the organisation's rule
 * that every staff member must have a second factor (one row, off until an admin turns it on).
 */
export class StaffSecondFactor1797000000000 implements MigrationInterface {
  name = 'StaffSecondFactor1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "staff_totp" (
         "user_id" uuid NOT NULL,
         "secret_sealed" text NOT NULL,
         "confirmed_at" timestamptz,
         "last_used_step" integer,
         "created_at" timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT "staff_totp_pk" PRIMARY KEY ("user_id"),
         CONSTRAINT "staff_totp_user_fk" FOREIGN KEY ("user_id") REFERENCES "staff_users"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE TABLE "staff_recovery_codes" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "user_id" uuid NOT NULL,
         "code_hash" varchar(64) NOT NULL,
         "used_at" timestamptz,
         "created_at" timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT "staff_recovery_codes_pk" PRIMARY KEY ("id"),
         CONSTRAINT "staff_recovery_codes_user_fk" FOREIGN KEY ("user_id") REFERENCES "staff_users"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "staff_recovery_codes_user_hash_uq" ON "staff_recovery_codes" ("user_id", "code_hash")`);
    await queryRunner.query(
      `CREATE TABLE "staff_second_factor_policy" (
         "id" integer NOT NULL,
         "required" boolean NOT NULL DEFAULT false,
         "changed_at" timestamptz,
         "changed_by" uuid,
         CONSTRAINT "staff_second_factor_policy_pk" PRIMARY KEY ("id"),
         CONSTRAINT "staff_second_factor_policy_one_row" CHECK ("id" = 1))`,
    );
    await queryRunner.query(`INSERT INTO "staff_second_factor_policy" ("id", "required") VALUES (1, false)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "staff_second_factor_policy"`);
    await queryRunner.query(`DROP TABLE "staff_recovery_codes"`);
    await queryRunner.query(`DROP TABLE "staff_totp"`);
  }
}
