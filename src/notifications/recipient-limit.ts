import type { EntityManager } from 'typeorm';

/** The e-mails anyone can make the service send to any address by typing it into the public
 *  form: at most RECIPIENT_EMAILS_PER_HOUR of them reach one address in any hour. (Proof codes
 *  have their own per-destination limit in proofs/proof-limits.ts.) */
export const RECIPIENT_LIMITED_KINDS: readonly string[] = ['requester-verification', 'requester-verification-reminder'];

/** A condition for a statement, with its parameters numbered from the caller's `first`. */
export interface SqlGuard {
  sql: (first: number) => string;
  values: unknown[];
}

/**
 * The limit as a condition: true while the address has had fewer than `perHour` of these e-mails
 * in the last hour. Counted in PostgreSQL (the outbox is the record of what was sent to whom) by
 * `recipient_limit_admits` (migration 1797730000000), which first takes a transaction lock on the
 * address, so two renders for one address at once cannot both slip under the limit: the lock is
 * held until the statement or transaction that asked commits its row.
 */
export function recipientUnderLimit(address: string, perHour: number, now: Date): SqlGuard {
  return {
    sql: (first) => `recipient_limit_admits($${first}, $${first + 1}::text[], $${first + 2}::timestamptz, $${first + 3}::int)`,
    values: [address.trim().toLowerCase(), RECIPIENT_LIMITED_KINDS, new Date(now.getTime() - 3600_000), perHour],
  };
}

/** True when the address has already had `perHour` of these e-mails in the last hour; in a
 *  transaction, whose row then commits under the same lock. */
export async function recipientOverLimit(manager: EntityManager, address: string, perHour: number, now: Date): Promise<boolean> {
  const guard = recipientUnderLimit(address, perHour, now);
  const [{ admits }] = (await manager.query(`SELECT ${guard.sql(1)} AS admits`, guard.values)) as Array<{ admits: boolean }>;
  return !admits;
}
