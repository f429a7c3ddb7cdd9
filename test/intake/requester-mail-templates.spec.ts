import { LANGUAGES } from '../../src/common/case-types';
import { REQUESTER_MAIL_KINDS } from '../../src/intake/mail/requester-mail-copy';
import { renderRequesterMail, type RequesterMailVars } from '../../src/intake/mail/requester-mail.templates';

const vars: RequesterMailVars = {
  reference: 'DSR-2026-000042',
  requestType: 'erasure',
  receivedOn: '2026-03-05',
  deadline: '2026-04-04',
  statusUrl: 'https://dsr.example.no/status/STATUS-TOKEN',
  formUrl: 'https://dsr.example.no/',
  controllerName: 'Eksempel Deler AS',
  controllerEmail: 'personvern@eksempel.no',
  privacyPolicyUrl: 'https://eksempel.no/personvern',
  verifyUrl: 'https://dsr.example.no/verify/VERIFY-TOKEN',
  verifyBy: '2026-03-12',
  extensionReason: 'Records in <nine> systems & a paper archive',
  extendedDue: '2026-06-05',
  pauseReason: 'Which of your two customer accounts is this about?',
  caseUrl: 'https://dsr.example.no/staff/cases/DSR-2026-000042',
};

describe('requester e-mail templates', () => {
  it.each(REQUESTER_MAIL_KINDS.flatMap((kind) => LANGUAGES.map((language) => [kind, language] as const)))(
    '%s renders in %s as text and HTML with the reference',
    (kind, language) => {
      const mail = renderRequesterMail(kind, language, vars);
      expect(mail.subject).toContain('DSR-2026-000042');
      expect(mail.text).toContain('DSR-2026-000042');
      expect(mail.html).toContain('DSR-2026-000042');
      expect(mail.html).toMatch(new RegExp(`^<!doctype html><html lang="${language}">`));
      expect(mail.text).not.toMatch(/\{\{|\}\}|undefined|\[object/);
      expect(mail.html).not.toMatch(/\{\{|\}\}|undefined|\[object/);
      if (kind === 'handler-new-case') {
        expect(mail.text).toContain(vars.caseUrl);
        expect(mail.text).not.toContain(vars.statusUrl);
      } else {
        expect(mail.text).toContain(vars.statusUrl);
        expect(mail.text).toContain('personvern@eksempel.no');
      }
    },
  );

  it('says the deadline and what happens next in the receipt, in each language', () => {
    expect(renderRequesterMail('requester-receipt', 'nb', vars).text).toContain('Du får svar senest 4. april 2026.');
    expect(renderRequesterMail('requester-receipt', 'en', vars).text).toContain('You will have our answer by 4 April 2026 at the latest.');
    expect(renderRequesterMail('requester-receipt', 'en', vars).text).toContain('What happens next');
  });

  it('carries the verification link and its last day', () => {
    const mail = renderRequesterMail('requester-verification', 'en', vars);
    expect(mail.text).toContain('Confirm the request: https://dsr.example.no/verify/VERIFY-TOKEN');
    expect(mail.text).toContain('valid until 12 March 2026');
    expect(mail.html).toContain('href="https://dsr.example.no/verify/VERIFY-TOKEN"');
  });

  it('gives the extension reason and new date, escaped in HTML', () => {
    const nb = renderRequesterMail('requester-extension', 'nb', vars);
    expect(nb.text).toContain('Grunnen er: Records in <nine> systems & a paper archive');
    expect(nb.text).toContain('Ny frist er 5. juni 2026.');
    expect(nb.html).toContain('Records in &lt;nine&gt; systems &amp; a paper archive');
    expect(nb.html).not.toContain('<nine>');
  });

  it('gives the extension reason and new date in English too', () => {
    const en = renderRequesterMail('requester-extension', 'en', vars);
    expect(en.text).toContain('The reason is: Records in <nine> systems & a paper archive');
    expect(en.text).toContain('The new deadline is 5 June 2026.');
    expect(en.html).toContain('Records in &lt;nine&gt; systems &amp; a paper archive');
  });

  it.each([
    ['nb', 'mottatt 5. mars 2026', 'Fristen står stille'],
    ['en', 'received on 5 March 2026', 'The deadline stands still'],
  ] as const)('asks for information in %s with the question, the day received and that the clock stops', (language, day, paused) => {
    const mail = renderRequesterMail('requester-information-request', language, { ...vars, clockPaused: 'yes' });
    expect(mail.text).toContain('Which of your two customer accounts is this about?');
    expect(mail.text).toContain(day);
    expect(mail.text).toContain(paused);
    expect(mail.html).toContain('Which of your two customer accounts is this about?');
    // With DEADLINE_PAUSE=off the request still goes out, without promising a paused clock.
    const unpaused = renderRequesterMail('requester-information-request', language, { ...vars, clockPaused: '' });
    expect(unpaused.text).toContain(day);
    expect(unpaused.text).not.toContain(paused);
  });

  it('refuses to render a message whose link is missing rather than send a gap', () => {
    const { verifyUrl: _unused, ...withoutLink } = vars;
    expect(() => renderRequesterMail('requester-verification', 'nb', withoutLink)).toThrow(/verifyUrl/);
  });
});
