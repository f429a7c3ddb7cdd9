import { isZendeskFileHost } from './zendesk-attachment-download';

describe('isZendeskFileHost', () => {
  const account = 'https://acme.zendesk.com';

  it("accepts the account's own origin and Zendesk's file host over https", () => {
    expect(isZendeskFileHost(new URL('https://acme.zendesk.com/attachments/token/x/?name=a.png'), account)).toBe(true);
    expect(isZendeskFileHost(new URL('https://acme.zdusercontent.com/attachment/123/a.png?token=t'), account)).toBe(true);
  });

  it('refuses other hosts, look-alikes, plain http and another Zendesk account', () => {
    for (const url of [
      'https://evil.example/a.png',
      'https://zdusercontent.com.evil.example/a.png',
      'https://evilzdusercontent.com/a.png',
      'http://acme.zdusercontent.com/a.png',
      'https://other.zendesk.com/attachments/token/x/',
      'http://acme.zendesk.com/attachments/token/x/',
    ])
      expect(isZendeskFileHost(new URL(url), account)).toBe(false);
  });
});
