import { proofCodeMail, proofCodeSms } from './proof-messages';

const controller = { name: 'Eksempel Deler AS', email: 'personvern@eksempel.no' } as Parameters<typeof proofCodeSms>[3];

describe('proof code messages', () => {
  it.each(['nb', 'en'] as const)('fit one text message (%s) and carry the code in two groups of four', (language) => {
    const text = proofCodeSms('DSR-2026-000123', language, '12345678', controller);
    // GSM 03.38 holds æ, ø and å, so a Norwegian text is also 160 characters to a segment.
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text).toContain('1234 5678');
    expect(text).toContain('DSR-2026-000123');
  });

  it('tells whoever holds the address what the code is for and never to hand it on', () => {
    const mail = proofCodeMail('kari@example.no', 'case-id', 'DSR-2026-000123', 'en', '12345678', controller);
    expect(mail).toMatchObject({ to: 'kari@example.no', caseId: 'case-id', subject: 'Code to confirm a request about your personal data (DSR-2026-000123)' });
    expect(mail.text).toContain('enter this code on the status page of your request: 1234 5678');
    expect(mail.text).toContain('Never give it to anyone else');
    expect(mail.text).toContain('If it was not you, do not use the code.');
    expect(mail.html).toContain('<p>The code works once, for 15 minutes.');
  });
});
