import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-recipient hourly limit as one function, so the common case (an address under its limit)
 * is checked and its e-mail stored in one statement (notifications/recipient-limit.ts). The lock
 * and the count must be two queries, the count after the lock: a VOLATILE function takes a fresh
 * snapshot for each query it runs, so the count sees every row committed by whoever held the lock
 * before, and the transaction-level lock is held until the calling statement's row commits.
 */
export class RecipientLimitFunction1797730000000 implements MigrationInterface {
  name = 'RecipientLimitFunction1797730000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION recipient_limit_admits(address text, kinds text[], since timestamptz, per_hour int)
      RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('recipient-limit:' || address));
        RETURN (SELECT count(*) FROM outbound_emails
                 WHERE lower(to_address) = address AND kind = ANY(kinds) AND status <> 'limited' AND created_at > since) < per_hour;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION recipient_limit_admits(text, text[], timestamptz, int)`);
  }
}
