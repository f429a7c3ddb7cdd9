import type { EntityManager } from 'typeorm';

/** The e-mails anyone can make the service send to any address by typing it into the public
 *  form: at most RECIPIENT_EMAILS_PER_HOUR of them reach one address in any hour. (Proof codes
 *  have their own per-destination limit in proofs/proof-limits.ts.) */
export const RECIPIENT_LIMITED_KINDS: readonly string[] = ['requester-verification', 'requester-verification-reminder'];

/**
 * True when the address has already had `perHour` of these e-mails in the last hour. Counted in
 * PostgreSQL (the outbox is the record of what was sent to whom) under an advisory lock on the
 * address, so two renders for one address at once cannot both slip under the limit.
 */
export async function recipientOverLimit(manager: EntityManager, address: string, perHour: number, now: Date): Promise<boolean> {
  const normalized = address.trim().toLowerCase();
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`recipient-limit:${normalized}`]);
  const [{ count }] = (await manager.query(
    `SELECT count(*)::int AS count FROM outbound_emails
      WHERE lower(to_address) = $1 AND kind = ANY($2) AND status <> 'limited' AND created_at > $3`,
    [normalized, RECIPIENT_LIMITED_KINDS, new Date(now.getTime() - 3600_000)],
  )) as Array<{ count: number }>;
  return count >= perHour;
}
