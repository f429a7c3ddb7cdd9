import { keyringCipher, packageKeyring, PackageCipher } from './package-cipher';

describe('package keyring (rotation)', () => {
  const id = '6b3f3f1e-8d7c-4a64-9a51-0f8b2b8f3c11';
  const oldKey = Buffer.alloc(32, 1).toString('base64');
  const newKey = Buffer.alloc(32, 2).toString('base64');
  const oldSecret = 'o'.repeat(32);
  const newSecret = 'n'.repeat(32);

  it('opens what a previous PACKAGE_KEY sealed, and seals only under the current one', () => {
    const sealed = keyringCipher({ PACKAGE_KEY: oldKey, APP_SECRET: oldSecret }).seal(Buffer.from('answer'), id);
    const rotated = keyringCipher({ PACKAGE_KEY: newKey, PACKAGE_KEY_PREVIOUS: [oldKey], APP_SECRET: newSecret });
    expect(rotated.open(sealed, id).toString()).toBe('answer');
    const resealed = rotated.seal(Buffer.from('answer'), id);
    expect(() => new PackageCipher(Buffer.from(oldKey, 'base64')).open(resealed, id)).toThrow();
    expect(() => keyringCipher({ PACKAGE_KEY: newKey, APP_SECRET: newSecret }).open(sealed, id)).toThrow();
  });

  it('opens what was sealed under a key derived from APP_SECRET, current or previous, after PACKAGE_KEY is set', () => {
    const derivedSealed = keyringCipher({ APP_SECRET: oldSecret }).seal(Buffer.from('from before'), id);
    expect(
      keyringCipher({ PACKAGE_KEY: newKey, APP_SECRET: newSecret, APP_SECRET_PREVIOUS: [oldSecret] })
        .open(derivedSealed, id)
        .toString(),
    ).toBe('from before');
    expect(keyringCipher({ PACKAGE_KEY: newKey, APP_SECRET: oldSecret }).open(derivedSealed, id).toString()).toBe('from before');
  });

  it('applies a use’s own derivation to every key, and lists no key twice', () => {
    const derive = (key: Buffer) => Buffer.from(key.map((byte) => byte ^ 0xff));
    const sealed = keyringCipher({ PACKAGE_KEY: oldKey, APP_SECRET: oldSecret }, derive).seal(Buffer.from('x'), id);
    expect(
      keyringCipher({ PACKAGE_KEY: newKey, PACKAGE_KEY_PREVIOUS: [oldKey], APP_SECRET: newSecret }, derive)
        .open(sealed, id)
        .toString(),
    ).toBe('x');
    expect(() => keyringCipher({ PACKAGE_KEY: newKey, PACKAGE_KEY_PREVIOUS: [oldKey], APP_SECRET: newSecret }).open(sealed, id)).toThrow();
    expect(packageKeyring({ PACKAGE_KEY: newKey, PACKAGE_KEY_PREVIOUS: [newKey, oldKey, oldKey], APP_SECRET: newSecret }).previous).toHaveLength(2);
  });
});
