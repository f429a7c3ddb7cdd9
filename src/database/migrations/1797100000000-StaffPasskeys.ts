import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff passkeys (WebAuthn): each registered credential's public key, signature counter, backup
 * flags and name, and the challenges already answered (each usable once; see
 * src/staff/passkeys/spent-passkey-challenge.entity.ts).
 */
export class StaffPasskeys1797100000000 implements MigrationInterface {
  name = 'StaffPasskeys1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "staff_passkeys" (
         "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         "user_id" uuid NOT NULL,
         "credential_id" varchar(1400) NOT NULL,
         "public_key" bytea NOT NULL,
         "counter" bigint NOT NULL DEFAULT 0,
         "transports" jsonb NOT NULL,
         "device_type" varchar(20) NOT NULL,
         "backed_up" boolean NOT NULL DEFAULT false,
         "name" varchar(100) NOT NULL,
         "created_at" timestamptz NOT NULL DEFAULT now(),
         "last_used_at" timestamptz,
         CONSTRAINT "staff_passkeys_user_fk" FOREIGN KEY ("user_id") REFERENCES "staff_users"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX IF NOT EXISTS "staff_passkeys_credential_uq" ON "staff_passkeys" ("credential_id")`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "staff_passkeys_user_idx" ON "staff_passkeys" ("user_id")`);
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "staff_passkey_spent_challenges" (
         "challenge_hash" varchar(64) PRIMARY KEY,
         "expires_at" timestamptz NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "staff_passkey_spent_challenges_expires_idx" ON "staff_passkey_spent_challenges" ("expires_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "staff_passkey_spent_challenges"`);
    await queryRunner.query(`DROP TABLE IF EXISTS "staff_passkeys"`);
  }
}
