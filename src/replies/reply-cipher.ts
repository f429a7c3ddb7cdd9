import { hkdfSync } from 'node:crypto';
import { keyringCipher, type PackageCipher, type PackageSecrets } from '../common/crypto/package-cipher';

/** Reply attachments are sealed like hand-over files: AES-256-GCM under a key derived from
 *  PACKAGE_KEY (or APP_SECRET when unset) with HKDF and a label of their own, the row id as
 *  additional data, so a sealed file cannot be moved to another row and still open. */
export function replyFileCipher(config: PackageSecrets): PackageCipher {
  return keyringCipher(config, (key) => Buffer.from(hkdfSync('sha256', key, 'dsr-reply-files', 'aes-256-gcm reply file key', 32)));
}
