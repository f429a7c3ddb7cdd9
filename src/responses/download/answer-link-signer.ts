import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeCanonicalBase64url } from '../../common/canonical-base64url';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAC_BYTES = 16;

/**
 * The download link names a package: its id and a truncated HMAC under a key derived from
 * APP_SECRET for this purpose only, so a status or verification token never opens a download
 * page and a changed id is refused. The link alone discloses nothing: a code is still needed.
 * Signs under the current secret; checks under it and any previous one (key rotation).
 */
export class AnswerLinkSigner {
  private readonly keys: Buffer[];

  constructor(appSecret: string, previousSecrets: string[] = []) {
    this.keys = [appSecret, ...previousSecrets].map((secret) => createHmac('sha256', secret).update('dsr-answer-download-links').digest());
  }

  sign(packageId: string): string {
    if (!UUID.test(packageId)) throw new Error('a download link is signed for a package id (uuid)');
    const body = Buffer.from(packageId.replace(/-/g, ''), 'hex');
    return Buffer.concat([body, this.mac(body, this.keys[0])]).toString('base64url');
  }

  /** The package id, or null for anything malformed or tampered with. */
  check(token: string): string | null {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{40,48}$/.test(token)) return null;
    const raw = decodeCanonicalBase64url(token);
    if (!raw || raw.length !== 16 + MAC_BYTES) return null;
    const body = raw.subarray(0, 16);
    if (!this.keys.some((key) => timingSafeEqual(raw.subarray(16), this.mac(body, key)))) return null;
    const hex = body.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private mac(body: Buffer, key: Buffer): Buffer {
    return createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
  }
}
