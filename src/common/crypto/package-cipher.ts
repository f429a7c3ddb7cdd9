import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface SealedPackage {
  ciphertext: Buffer;
  iv: Buffer;
  authTag: Buffer;
}

/** Where the key came from: the environment, or derived from APP_SECRET for development. */
export type PackageKeySource = 'env' | 'derived';

/** The 32-byte key: PACKAGE_KEY (base64) when set, else HKDF-SHA256 over APP_SECRET. Never a constant. */
export function packageKey(packageKeyBase64: string | undefined, appSecret: string): { key: Buffer; source: PackageKeySource } {
  if (packageKeyBase64) return { key: Buffer.from(packageKeyBase64, 'base64'), source: 'env' };
  const derived = Buffer.from(hkdfSync('sha256', appSecret, 'dsr-answer-packages', 'aes-256-gcm package key', 32));
  return { key: derived, source: 'derived' };
}

/**
 * AES-256-GCM with a fresh 96-bit IV per package. The package id is the additional authenticated
 * data, so a ciphertext moved onto another package's row does not decrypt.
 */
export class PackageCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('an AES-256 key is 32 bytes');
  }

  seal(plaintext: Buffer, packageId: string): SealedPackage {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(packageId));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { ciphertext, iv, authTag: cipher.getAuthTag() };
  }

  open(sealed: SealedPackage, packageId: string): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.iv);
    decipher.setAAD(Buffer.from(packageId));
    decipher.setAuthTag(sealed.authTag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  }
}
