import { decodeCanonicalBase64url } from './canonical-base64url';

describe('decodeCanonicalBase64url', () => {
  it('decodes the canonical spelling and refuses the others of the same bytes', () => {
    const bytes = Buffer.from([0xde, 0xad, 0xbe, 0xef]);
    const canonical = bytes.toString('base64url');
    expect(canonical).toBe('3q2-7w');
    expect(decodeCanonicalBase64url(canonical)?.equals(bytes)).toBe(true);
    // 'x' differs from 'w' only in a padding bit: Node decodes both to the same four bytes.
    expect(Buffer.from('3q2-7x', 'base64url').equals(bytes)).toBe(true);
    expect(decodeCanonicalBase64url('3q2-7x')).toBeNull();
    expect(decodeCanonicalBase64url('3q2+7w')).toBeNull();
  });
});
