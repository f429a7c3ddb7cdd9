import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a removed secret reads as in a stored e-mail (also in src/notifications/mail-secrets.ts). */
const REMOVED = '[removed after sending]';

/**
 * Issue #13 point 6, the storage side.
 *
 * `case_task_exports`: exports are stored sealed from now on (ciphertext, iv, auth_tag). A
 * migration runs without the app's configuration, so it cannot encrypt: it moves any existing
 * export into `legacy_plaintext` and drops the plaintext columns; the app seals those rows on the
 * retention sweep's first run (at worker start-up) and reads them meanwhile. A check keeps each row
 * in exactly one of the two forms.
 *
 * `outbound_emails`: a pending message lists the secrets in its body (`secrets`), which are
 * removed once it is sent or given up (`secrets_removed_at`). Messages sent before this change are
 * cleaned here by their shape: signed link tokens, and the codes of the two code e-mails.
 */
export class SealedExportsAndMailSecrets1796200000000 implements MigrationInterface {
  name = 'SealedExportsAndMailSecrets1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_task_exports" ADD "ciphertext" bytea`);
    await queryRunner.query(`ALTER TABLE "case_task_exports" ADD "iv" bytea`);
    await queryRunner.query(`ALTER TABLE "case_task_exports" ADD "auth_tag" bytea`);
    await queryRunner.query(`ALTER TABLE "case_task_exports" ADD "legacy_plaintext" jsonb`);
    await queryRunner.query(`UPDATE "case_task_exports" SET "legacy_plaintext" = jsonb_build_object('data', "data", 'tables', "tables")`);
    await queryRunner.query(`ALTER TABLE "case_task_exports" DROP COLUMN "data"`);
    await queryRunner.query(`ALTER TABLE "case_task_exports" DROP COLUMN "tables"`);
    await queryRunner.query(
      `ALTER TABLE "case_task_exports" ADD CONSTRAINT "case_task_exports_one_form_ck" CHECK (("ciphertext" IS NULL) <> ("legacy_plaintext" IS NULL) AND ("ciphertext" IS NULL) = ("iv" IS NULL) AND ("iv" IS NULL) = ("auth_tag" IS NULL))`,
    );

    await queryRunner.query(`ALTER TABLE "outbound_emails" ADD "secrets" jsonb`);
    await queryRunner.query(`ALTER TABLE "outbound_emails" ADD "secrets_removed_at" TIMESTAMP WITH TIME ZONE`);
    for (const column of ['text_body', 'html_body']) {
      await queryRunner.query(
        `UPDATE "outbound_emails" SET "${column}" = regexp_replace("${column}", '/(status|verify|answer)/[A-Za-z0-9_-]{40,60}', '/\\1/${REMOVED}', 'g')
          WHERE "status" <> 'pending' AND "${column}" IS NOT NULL`,
      );
      await queryRunner.query(
        `UPDATE "outbound_emails" SET "${column}" = regexp_replace("${column}", '\\m[0-9]{4} ?[0-9]{4}\\M', '${REMOVED}', 'g')
          WHERE "status" <> 'pending' AND "kind" IN ('answer-download-code', 'proof-code') AND "${column}" IS NOT NULL`,
      );
    }
    await queryRunner.query(`UPDATE "outbound_emails" SET "secrets_removed_at" = now() WHERE "status" <> 'pending'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbound_emails" DROP COLUMN "secrets_removed_at"`);
    await queryRunner.query(`ALTER TABLE "outbound_emails" DROP COLUMN "secrets"`);
    // Sealed exports cannot be opened without the key: going down keeps only the legacy rows' data.
    await queryRunner.query(`ALTER TABLE "case_task_exports" DROP CONSTRAINT "case_task_exports_one_form_ck"`);
    await queryRunner.query(`ALTER TABLE "case_task_exports" ADD "data" jsonb`);
    await queryRunner.query(`ALTER TABLE "case_task_exports" ADD "tables" jsonb`);
    await queryRunner.query(
      `UPDATE "case_task_exports" SET "data" = coalesce("legacy_plaintext"->'data', '{}'::jsonb), "tables" = "legacy_plaintext"->'tables'`,
    );
    await queryRunner.query(`ALTER TABLE "case_task_exports" ALTER COLUMN "data" SET NOT NULL`);
    for (const column of ['legacy_plaintext', 'auth_tag', 'iv', 'ciphertext'])
      await queryRunner.query(`ALTER TABLE "case_task_exports" DROP COLUMN "${column}"`);
  }
}
