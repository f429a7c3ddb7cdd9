import { REMOVED_SECRET, linkSecrets, secretsOf, secretsRemoved, withoutSecrets } from './mail-secrets';

const PUBLIC_URL = 'https://dsr.example.no';
const TOKEN = 'AQKxTn8vQ0aX3m4uY2b1c9d8e7f6g5h4i3j2k1l0m9n8o7';

describe('secrets in stored e-mails', () => {
  it('finds signed link tokens to this service, not references or links elsewhere', () => {
    const text = `Status: ${PUBLIC_URL}/status/${TOKEN}\nCase: ${PUBLIC_URL}/staff/cases/DSR-2026-000001\nElsewhere: https://other.example/status/${TOKEN.slice(1)}`;
    expect(linkSecrets(PUBLIC_URL, text)).toEqual([TOKEN]);
  });

  it('keeps only declared secrets the bodies hold, once each, and none as null', () => {
    const text = `Your code is 1234 5678. Open ${PUBLIC_URL}/answer/${TOKEN}`;
    expect(secretsOf(['1234 5678', '99999999'], PUBLIC_URL, text, `<a href="${PUBLIC_URL}/answer/${TOKEN}">`)).toEqual(['1234 5678', TOKEN]);
    expect(secretsOf(undefined, PUBLIC_URL, 'Nothing secret here', null)).toBeNull();
  });

  it('cuts a whole declared link before its token, in text and html', () => {
    const url = `${PUBLIC_URL}/verify/${TOKEN}`;
    expect(withoutSecrets(`Open ${url} now`, [TOKEN, url])).toBe(`Open ${REMOVED_SECRET} now`);
    expect(withoutSecrets(null, [TOKEN])).toBeNull();
    const row = { textBody: `code 12345678`, htmlBody: `<p>code 12345678</p>`, secrets: ['12345678'] };
    const now = new Date('2026-03-05T09:00:00Z');
    expect(secretsRemoved(row, now)).toEqual({
      textBody: `code ${REMOVED_SECRET}`,
      htmlBody: `<p>code ${REMOVED_SECRET}</p>`,
      secrets: null,
      secretsRemovedAt: now,
    });
    expect(secretsRemoved({ ...row, secrets: null }, now)).toEqual({});
  });
});
