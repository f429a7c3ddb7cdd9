import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface SealedPackage {
  ciphertext: Buffer;
  iv: Buffer;
  authTag: Buffer;
}

/** Where the key came from: the environment, or derived from APP_SECRET (which may itself be the
 *  one generated at first start and kept in PostgreSQL). */
export type PackageKeySource = 'env' | 'derived';

/** The secrets a package key is made from: the current ones and those being rotated out. */
export interface PackageSecrets {
  PACKAGE_KEY?: string;
  APP_SECRET: string;
  PACKAGE_KEY_PREVIOUS?: string[];
  APP_SECRET_PREVIOUS?: string[];
}

function derivedKey(appSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, 'dsr-answer-packages', 'aes-256-gcm package key', 32));
}

/** The 32-byte key: PACKAGE_KEY (base64) when set, else HKDF-SHA256 over APP_SECRET. Never a constant. */
export function packageKey(packageKeyBase64: string | undefined, appSecret: string): { key: Buffer; source: PackageKeySource } {
  if (packageKeyBase64) return { key: Buffer.from(packageKeyBase64, 'base64'), source: 'env' };
  return { key: derivedKey(appSecret), source: 'derived' };
}

/**
 * The key that seals now, then every key that may have sealed before: PACKAGE_KEY_PREVIOUS, and
 * the keys derived from the current and previous APP_SECRETs (what sealed before PACKAGE_KEY was
 * set). Opening tries them in order; GCM's tag tells a wrong key from the right one.
 */
export function packageKeyring(secrets: PackageSecrets): { key: Buffer; previous: Buffer[]; source: PackageKeySource } {
  const { key, source } = packageKey(secrets.PACKAGE_KEY, secrets.APP_SECRET);
  const candidates = [
    ...(secrets.PACKAGE_KEY_PREVIOUS ?? []).map((value) => Buffer.from(value, 'base64')),
    ...[secrets.APP_SECRET, ...(secrets.APP_SECRET_PREVIOUS ?? [])].map(derivedKey),
  ];
  const previous: Buffer[] = [];
  for (const candidate of candidates) {
    if (!candidate.equals(key) && !previous.some((known) => known.equals(candidate))) previous.push(candidate);
  }
  return { key, previous, source };
}

/** A cipher over the keyring, each key first passed through `derive` (a use's own HKDF label). */
export function keyringCipher(secrets: PackageSecrets, derive: (key: Buffer) => Buffer = (key) => key): PackageCipher {
  const { key, previous } = packageKeyring(secrets);
  return new PackageCipher(derive(key), previous.map(derive));
}

/**
 * AES-256-GCM with a fresh 96-bit IV per package. The package id is the additional authenticated
 * data, so a ciphertext moved onto another package's row does not decrypt. Seals with the current
 * key; opens with it or any previous key (key rotation).
 */
export class PackageCipher {
  constructor(
    private readonly key: Buffer,
    private readonly previous: Buffer[] = [],
  ) {
    if (key.length !== 32 || previous.some((old) => old.length !== 32)) throw new Error('an AES-256 key is 32 bytes');
  }

  seal(plaintext: Buffer, packageId: string): SealedPackage {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(packageId));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { ciphertext, iv, authTag: cipher.getAuthTag() };
  }

  open(sealed: SealedPackage, packageId: string): Buffer {
    let failure: unknown;
    for (const key of [this.key, ...this.previous]) {
      try {
        return openWith(key, sealed, packageId);
      } catch (error) {
        failure ??= error;
      }
    }
    throw failure;
  }
}

function openWith(key: Buffer, sealed: SealedPackage, packageId: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(packageId));
  decipher.setAuthTag(sealed.authTag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}
