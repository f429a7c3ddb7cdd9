import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit events are written unchained inside the change they record (no global lock in the
 * request path) and linked afterwards by the chainer, in the order it finds them (`chain_seq`).
 * The trigger still refuses DELETE and any UPDATE, except the chainer's one-time link of an
 * unchained event that leaves its content as it was.
 */
export class AuditChainer1795350000000 implements MigrationInterface {
  name = 'AuditChainer1795350000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "chain_seq" bigint`);
    await queryRunner.query(`ALTER TABLE "audit_events" ALTER COLUMN "prev_hash" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "audit_events" ALTER COLUMN "hash" DROP NOT NULL`);
    // The table's owner may switch its own trigger off for this one-time numbering.
    await queryRunner.query(`ALTER TABLE "audit_events" DISABLE TRIGGER audit_events_no_change`);
    await queryRunner.query(`UPDATE "audit_events" SET "chain_seq" = "id"`);
    await queryRunner.query(`ALTER TABLE "audit_events" ENABLE TRIGGER audit_events_no_change`);
    await queryRunner.query(`CREATE UNIQUE INDEX "audit_events_chain_seq_uq" ON "audit_events" ("chain_seq")`);
    await queryRunner.query(`CREATE INDEX "audit_events_unchained_idx" ON "audit_events" ("id") WHERE "chain_seq" IS NULL`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.chain_seq IS NULL AND OLD.hash IS NULL
           AND NEW.id = OLD.id AND NEW.case_id IS NOT DISTINCT FROM OLD.case_id AND NEW.type = OLD.type
           AND NEW.actor = OLD.actor AND NEW.data = OLD.data AND NEW.occurred_at = OLD.occurred_at
           AND NEW.chain_seq IS NOT NULL AND NEW.hash IS NOT NULL THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only';
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`);
    await queryRunner.query(`DROP INDEX "audit_events_unchained_idx"`);
    await queryRunner.query(`DROP INDEX "audit_events_chain_seq_uq"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "chain_seq"`);
  }
}
