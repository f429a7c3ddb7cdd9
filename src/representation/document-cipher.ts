import { hkdfSync } from 'node:crypto';
import { keyringCipher, type PackageCipher, type PackageSecrets } from '../common/crypto/package-cipher';

/**
 * Authority documents are sealed like answer packages (AES-256-GCM, fresh IV, the row id as
 * additional data) under a key derived from the same secret: PACKAGE_KEY, or APP_SECRET when it
 * is unset. HKDF with its own label keeps the two uses apart without a second secret to manage.
 */
export function documentCipher(config: PackageSecrets): PackageCipher {
  return keyringCipher(config, (key) => Buffer.from(hkdfSync('sha256', key, 'dsr-authority-documents', 'aes-256-gcm authority document key', 32)));
}
