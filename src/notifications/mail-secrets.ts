import type { OutboundEmailEntity } from './outbound-email.entity';

/** What a secret reads as in a stored e-mail once the message has gone (or been given up). */
export const REMOVED_SECRET = '[removed after sending]';

/** The shortest link token this service signs is 43 characters (requester and download links);
 *  32 keeps clear of references and ids in paths such as /staff/cases/DSR-2026-000001. */
const TOKEN = '[A-Za-z0-9_-]{32,}';

/**
 * The signed tokens in links to this service (`PUBLIC_URL/…/<token>`) found in a body: a net under
 * the secrets each composer declares, so a link added to a letter or a new e-mail later is removed
 * after sending too, declared or not.
 */
export function linkSecrets(publicUrl: string, ...bodies: Array<string | null | undefined>): string[] {
  const pattern = new RegExp(`${publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?:[A-Za-z0-9_.~-]+/)*(${TOKEN})`, 'g');
  return bodies.flatMap((body) => [...(body ?? '').matchAll(pattern)].map((match) => match[1]));
}

/** The secrets to keep on a pending row until it is sent: declared ones and link tokens, once each,
 *  only those the bodies hold; null when there are none. */
export function secretsOf(declared: string[] | undefined, publicUrl: string, text: string, html: string | null | undefined): string[] | null {
  const found = [...new Set([...(declared ?? []), ...linkSecrets(publicUrl, text, html)])].filter(
    (secret) => secret.trim().length > 0 && (text.includes(secret) || (html ?? '').includes(secret)),
  );
  return found.length ? found : null;
}

/** A body with every secret replaced; longest first, so a link goes whole before its token alone. */
export function withoutSecrets<T extends string | null>(body: T, secrets: readonly string[]): T {
  if (body === null) return body;
  return [...secrets].sort((a, b) => b.length - a.length).reduce((current: string, secret) => current.split(secret).join(REMOVED_SECRET), body) as T;
}

/** The columns that empty a finished row of its secrets (nothing when it held none). */
export function secretsRemoved(
  row: Pick<OutboundEmailEntity, 'textBody' | 'htmlBody' | 'secrets'>,
  now: Date,
): Partial<Pick<OutboundEmailEntity, 'textBody' | 'htmlBody' | 'secrets' | 'secretsRemovedAt'>> {
  if (!row.secrets?.length) return {};
  return { textBody: withoutSecrets(row.textBody, row.secrets), htmlBody: withoutSecrets(row.htmlBody, row.secrets), secrets: null, secretsRemovedAt: now };
}
