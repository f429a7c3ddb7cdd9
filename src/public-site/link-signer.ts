import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeCanonicalBase64url } from '../common/canonical-base64url';

/** What a signed link is for; the purpose is inside the signature, so a status link never verifies. */
export type LinkPurpose = 'verify' | 'status';

const PURPOSE_BYTE: Record<LinkPurpose, number> = { verify: 1, status: 2 };
const VERSION = 1;
const MAC_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type LinkCheck =
  { valid: true; caseId: string; expiresAt: Date | null } | { valid: false; reason: 'malformed' | 'tampered' | 'expired'; caseId?: string };

/**
 * Compact signed tokens for e-mailed links: version, purpose, case id and an optional expiry,
 * followed by a truncated HMAC-SHA256 under a key derived from APP_SECRET. 128 bits of MAC is
 * far beyond guessing; the token holds an id, never personal data. Signs under the current
 * secret; checks under it and any previous one (APP_SECRET_PREVIOUS, key rotation).
 */
export class LinkSigner {
  private readonly keys: Buffer[];

  constructor(appSecret: string, previousSecrets: string[] = []) {
    this.keys = [appSecret, ...previousSecrets].map((secret) => createHmac('sha256', secret).update('dsr-requester-links').digest());
  }

  sign(purpose: LinkPurpose, caseId: string, expiresAt: Date | null): string {
    if (!UUID.test(caseId)) throw new Error('a link is signed for a case id (uuid)');
    const body = Buffer.alloc(22);
    body.writeUInt8(VERSION, 0);
    body.writeUInt8(PURPOSE_BYTE[purpose], 1);
    Buffer.from(caseId.replace(/-/g, ''), 'hex').copy(body, 2);
    body.writeUInt32BE(expiresAt ? Math.ceil(expiresAt.getTime() / 1000) : 0, 18);
    return Buffer.concat([body, this.mac(body, this.keys[0])]).toString('base64url');
  }

  check(purpose: LinkPurpose, token: string, now: Date): LinkCheck {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{40,60}$/.test(token)) return { valid: false, reason: 'malformed' };
    const raw = decodeCanonicalBase64url(token);
    if (!raw || raw.length !== 22 + MAC_BYTES) return { valid: false, reason: 'malformed' };
    const body = raw.subarray(0, 22);
    const given = raw.subarray(22);
    if (!this.keys.some((key) => timingSafeEqual(given, this.mac(body, key)))) return { valid: false, reason: 'tampered' };
    if (body.readUInt8(0) !== VERSION || body.readUInt8(1) !== PURPOSE_BYTE[purpose]) return { valid: false, reason: 'tampered' };
    const hex = body.subarray(2, 18).toString('hex');
    const caseId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    const seconds = body.readUInt32BE(18);
    const expiresAt = seconds ? new Date(seconds * 1000) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime()) return { valid: false, reason: 'expired', caseId };
    return { valid: true, caseId, expiresAt };
  }

  private mac(body: Buffer, key: Buffer): Buffer {
    return createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
  }
}
