import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff account lifecycle: a forced password change, a session epoch that revokes every session and
 * bearer token issued before it, a lock level that doubles the lockout, revoked bearer tokens
 * (API logout) and single-use password reset links (only their SHA-256 is stored).
 */
export class StaffAccountLifecycle1796800000000 implements MigrationInterface {
  name = 'StaffAccountLifecycle1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "staff_users"
         ADD COLUMN IF NOT EXISTS "must_change_password" boolean NOT NULL DEFAULT false,
         ADD COLUMN IF NOT EXISTS "session_epoch" int NOT NULL DEFAULT 0,
         ADD COLUMN IF NOT EXISTS "lock_level" int NOT NULL DEFAULT 0,
         ADD COLUMN IF NOT EXISTS "password_changed_at" timestamptz`,
    );
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "staff_revoked_tokens" (
         "token_id" uuid PRIMARY KEY,
         "user_id" uuid NOT NULL REFERENCES "staff_users"("id") ON DELETE CASCADE,
         "expires_at" timestamptz NOT NULL,
         "revoked_at" timestamptz NOT NULL DEFAULT now())`,
    );
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "staff_revoked_tokens_expires_idx" ON "staff_revoked_tokens" ("expires_at")`);
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "staff_password_resets" (
         "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         "user_id" uuid NOT NULL REFERENCES "staff_users"("id") ON DELETE CASCADE,
         "token_hash" varchar(64) NOT NULL,
         "expires_at" timestamptz NOT NULL,
         "used_at" timestamptz,
         "created_at" timestamptz NOT NULL DEFAULT now())`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX IF NOT EXISTS "staff_password_resets_hash_uq" ON "staff_password_resets" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "staff_password_resets_user_idx" ON "staff_password_resets" ("user_id", "created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "staff_password_resets"`);
    await queryRunner.query(`DROP TABLE IF EXISTS "staff_revoked_tokens"`);
    await queryRunner.query(
      `ALTER TABLE "staff_users" DROP COLUMN "must_change_password", DROP COLUMN "session_epoch", DROP COLUMN "lock_level", DROP COLUMN "password_changed_at"`,
    );
  }
}
