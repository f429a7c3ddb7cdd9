import type { CaseEntity } from '../../cases/case.entity';
import { unlockedMail } from './download-mail';

const controller = { name: 'Eksempel Deler AS', email: 'personvern@eksempel.no' };
const entity = (language: 'nb' | 'en') => ({ id: 'c1', reference: 'DSR-2026-000099', language, subjectEmail: 'lars.berg@example.no' }) as CaseEntity;

describe('the e-mail after staff unlock a download', () => {
  it('is in English for an English case: the link, a new code, the last day', () => {
    const mail = unlockedMail(entity('en'), 'https://dsr.example/answer/TOKEN', '19 April 2026', controller);
    expect(mail.to).toBe('lars.berg@example.no');
    expect(mail.subject).toBe('You can download your answer again (DSR-2026-000099)');
    expect(mail.text).toContain('Open the link, ask for a new one-time code and enter it: https://dsr.example/answer/TOKEN');
    expect(mail.text).toContain('Codes sent before the lock no longer work.');
    expect(mail.text).toContain('The answer can be downloaded until 19 April 2026.');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.text).not.toMatch(/nedlast|kode\b|sperren/i);
  });

  it('is in Norwegian for a Norwegian case', () => {
    const mail = unlockedMail(entity('nb'), 'https://dsr.example/answer/TOKEN', '19. april 2026', controller);
    expect(mail.subject).toBe('Du kan laste ned svaret igjen (DSR-2026-000099)');
    expect(mail.text).toContain('Svaret kan lastes ned til og med 19. april 2026.');
  });
});
