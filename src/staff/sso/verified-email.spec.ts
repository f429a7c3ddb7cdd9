import { verifiedEmail } from './sso-sign-in.service';

describe('verifiedEmail: the address an ID token vouches for', () => {
  it('takes email_verified true (as a boolean or the string some providers send), lower-cased', () => {
    expect(verifiedEmail({ email: 'Kari@Firma.example', email_verified: true })).toBe('kari@firma.example');
    expect(verifiedEmail({ email: 'kari@firma.example', email_verified: 'true' })).toBe('kari@firma.example');
  });

  it("takes Entra ID's xms_edov only when email_verified is absent", () => {
    expect(verifiedEmail({ email: 'kari@firma.example', xms_edov: true })).toBe('kari@firma.example');
    expect(verifiedEmail({ email: 'kari@firma.example', email_verified: false, xms_edov: true })).toBeNull();
  });

  it('refuses an address nobody vouches for, or no address', () => {
    expect(verifiedEmail({ email: 'kari@firma.example' })).toBeNull();
    expect(verifiedEmail({ email: 'kari@firma.example', email_verified: 'yes' })).toBeNull();
    expect(verifiedEmail({ email_verified: true })).toBeNull();
    expect(verifiedEmail({ email: 'not-an-address', email_verified: true })).toBeNull();
  });
});
