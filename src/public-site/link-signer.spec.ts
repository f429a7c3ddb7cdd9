import { LinkSigner } from './link-signer';

describe('LinkSigner', () => {
  const signer = new LinkSigner('a-secret-that-is-long-enough-0123456789');
  const caseId = '5b0c8a55-2f4e-4d51-9a57-1f0a3c6b7d21';
  const now = new Date('2026-03-10T08:00:00Z');

  it('round-trips a case id and expiry', () => {
    const expiresAt = new Date('2026-03-17T08:00:00Z');
    const token = signer.sign('verify', caseId, expiresAt);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(signer.check('verify', token, now)).toEqual({ valid: true, caseId, expiresAt });
  });

  it('reports an expired link with its case, so the page can say what happened', () => {
    const token = signer.sign('verify', caseId, new Date('2026-03-09T08:00:00Z'));
    expect(signer.check('verify', token, now)).toEqual({ valid: false, reason: 'expired', caseId });
  });

  it('checks links signed under a previous secret (rotation) and signs only under the current one', () => {
    const old = 'the-old-secret-that-is-long-enough-0123456';
    const oldToken = new LinkSigner(old).sign('status', caseId, null);
    const rotated = new LinkSigner('the-new-secret-that-is-long-enough-0123456', [old]);
    expect(rotated.check('status', oldToken, now)).toMatchObject({ valid: true, caseId });
    const newToken = rotated.sign('status', caseId, null);
    expect(new LinkSigner(old).check('status', newToken, now).valid).toBe(false);
    expect(new LinkSigner('the-new-secret-that-is-long-enough-0123456').check('status', oldToken, now)).toEqual({ valid: false, reason: 'tampered' });
  });

  it('refuses a link signed for another purpose, a changed byte, another secret or garbage', () => {
    const status = signer.sign('status', caseId, null);
    expect(signer.check('verify', status, now)).toEqual({ valid: false, reason: 'tampered' });
    expect(signer.check('status', status, now)).toMatchObject({ valid: true, caseId, expiresAt: null });
    const flipped = status.slice(0, 5) + (status[5] === 'A' ? 'B' : 'A') + status.slice(6);
    expect(signer.check('status', flipped, now)).toEqual({ valid: false, reason: 'tampered' });
    expect(new LinkSigner('another-secret-that-is-long-enough-012345').check('status', status, now).valid).toBe(false);
    expect(signer.check('status', 'not-a-token', now)).toEqual({ valid: false, reason: 'malformed' });
    expect(signer.check('status', `${status}AAAA`, now)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('refuses another spelling of the same bytes: the unused low bits of the last character', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const token = signer.sign('status', caseId, null);
    const last = alphabet.indexOf(token.slice(-1));
    // 38 bytes take 51 characters: the last one carries 4 bits, so its 2 low bits are padding.
    const respelled = token.slice(0, -1) + alphabet[last ^ 1];
    expect(Buffer.from(respelled, 'base64url').equals(Buffer.from(token, 'base64url'))).toBe(true);
    expect(signer.check('status', respelled, now)).toEqual({ valid: false, reason: 'malformed' });
  });
});
