import { replyAddress, tokenIn } from './reply-address';

const TOKEN = '0123456789abcdef0123456789abcdef';

describe('reply addresses', () => {
  it('adds the token as a plus part', () => {
    expect(replyAddress('personvern@firma.no', TOKEN)).toBe(`personvern+${TOKEN}@firma.no`);
  });

  it('finds the token among the recipients, whatever the case of the letters', () => {
    expect(tokenIn('personvern@firma.no', ['someone@else.no', `Personvern+${TOKEN.toUpperCase()}@FIRMA.no`])).toBe(TOKEN);
  });

  it.each([
    ['another domain', `personvern+${TOKEN}@firma.com`],
    ['another mailbox', `post+${TOKEN}@firma.no`],
    ['no token', 'personvern@firma.no'],
    ['a short token', 'personvern+0123@firma.no'],
    ['two plus parts', `personvern+${TOKEN}+x@firma.no`],
    ['the reference instead of a token', 'personvern+DSR-2026-000001@firma.no'],
  ])('finds none in %s', (_label, address) => {
    expect(tokenIn('personvern@firma.no', [address, null, undefined])).toBeNull();
  });
});
