import { packageKey, PackageCipher } from '../../common/crypto/package-cipher';
import { toCsv } from './csv';

describe('package encryption', () => {
  const key = Buffer.alloc(32, 3);
  const cipher = new PackageCipher(key);
  const id = '6b3f3f1e-8d7c-4a64-9a51-0f8b2b8f3c11';

  it('round-trips, and refuses a changed byte or another package id', () => {
    const sealed = cipher.seal(Buffer.from('PK zip bytes'), id);
    expect(sealed.ciphertext.toString()).not.toContain('zip bytes');
    expect(cipher.open(sealed, id).toString()).toBe('PK zip bytes');
    expect(() => cipher.open(sealed, '00000000-0000-0000-0000-000000000000')).toThrow();
    const tampered = { ...sealed, ciphertext: Buffer.from(sealed.ciphertext) };
    tampered.ciphertext[0] ^= 1;
    expect(() => cipher.open(tampered, id)).toThrow();
  });

  it('takes PACKAGE_KEY when set, else derives a per-secret key (never a constant)', () => {
    expect(packageKey(key.toString('base64'), 'x'.repeat(32))).toEqual({ key, source: 'env' });
    const a = packageKey(undefined, 'a'.repeat(32));
    const b = packageKey(undefined, 'b'.repeat(32));
    expect(a.source).toBe('derived');
    expect(a.key).toHaveLength(32);
    expect(a.key.equals(b.key)).toBe(false);
  });

  it('writes RFC 4180 CSV with every column and quoted fields', () => {
    expect(
      toCsv([
        { a: 1, b: 'x,y' },
        { a: 2, c: 'say "hi"' },
      ]),
    ).toBe('a,b,c\r\n1,"x,y",\r\n2,,"say ""hi"""\r\n');
  });
});
