import { hkdfSync } from 'node:crypto';
import { keyringCipher, type PackageCipher, type PackageSecrets } from '../../common/crypto/package-cipher';

/**
 * TOTP secrets are sealed like answer packages (AES-256-GCM, fresh IV, the user id as additional
 * data so a secret copied onto another user's row does not open) under a key of their own, derived
 * with HKDF from PACKAGE_KEY or APP_SECRET; previous keys still open (key rotation).
 */
export class TotpCipher {
  private readonly cipher: PackageCipher;

  constructor(secrets: PackageSecrets) {
    this.cipher = keyringCipher(secrets, (key) => Buffer.from(hkdfSync('sha256', key, 'dsr-staff-totp', 'aes-256-gcm staff totp secret key', 32)));
  }

  /** `iv.tag.ciphertext`, each base64url, for a text column. */
  seal(base32Secret: string, userId: string): string {
    const { iv, authTag, ciphertext } = this.cipher.seal(Buffer.from(base32Secret, 'utf8'), userId);
    return [iv, authTag, ciphertext].map((part) => part.toString('base64url')).join('.');
  }

  open(sealed: string, userId: string): string {
    const [iv, authTag, ciphertext] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    return this.cipher.open({ iv, authTag, ciphertext }, userId).toString('utf8');
  }
}
