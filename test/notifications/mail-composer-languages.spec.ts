import type { CaseEntity } from '../../src/cases/case.entity';
import type { Language } from '../../src/common/case-types';
import { composeHoldEnded, type HoldEndedWhy } from '../../src/connectors/holds/hold-ended-mail';
import type { PersonIdentifiers } from '../../src/connectors/manual/task-mail';
import { composePlanChanged } from '../../src/connectors/plan/plan-changed-mail';
import type { ComposedMail } from '../../src/notifications/mail-composer.registry';
import { composeReplyNotice } from '../../src/replies/reply-notice.mail';
import { ownerLiftTask } from '../../src/responses/restriction/lifting-notice';
import { composePasskeyChanged } from '../../src/staff/passkeys/passkey.mail';
import { composeSecondFactorNotice } from '../../src/staff/second-factor/second-factor.mail';
import type { SystemEntry } from '../../src/systems/data-map.schema';
import { languageLeaks } from '../support/language-leaks';

/**
 * The staff and owner e-mails whose triggers need a whole connector run (a hold's end, a plan
 * re-surveyed, a restriction lifted, a reply by e-mail) or a browser ceremony (passkeys), composed
 * for an nb and an en reader. The e-mails these specs send for real (legal-hold-expiry,
 * disputed-ticket, restriction-and-post, requester-replies, passkey-sign-in, second-factor) read
 * them in nb; mail-languages.e2e-spec.ts reads the others through SMTP in both languages.
 */
const NORWEGIAN = /\b(?:og|ikke|sak|saken|Personen|klokken|kontoen|passnøkkel\w*|planen|slettes|Oppgave)\b/i;
const ENGLISH = /\b(?:the|and|case|your|account|passkey|plan|erased|Task|clock)\b/i;

const entity = {
  id: '00000000-0000-4000-8000-000000000001',
  reference: 'DSR-2026-000042',
  subjectName: 'Kari Nordmann',
  subjectEmail: 'kari@example.no',
  subjectPhone: null,
  subjectCustomerNumber: null,
} as unknown as CaseEntity;
const system = {
  id: 'crm',
  name: 'Customer register',
  owner: 'eier@firma.example',
  texts: { name: { nb: 'Kunderegister', en: 'Customer register' } },
} as SystemEntry;
const people: PersonIdentifiers = { established: [{ kind: 'email', given: 'kari@example.no' }], claimedCount: 1 };
const URL = 'https://dsr.example';

/** Every e-mail of the list, composed in `language`, by name. */
function mailsIn(language: Language): Array<[string, ComposedMail]> {
  const why: HoldEndedWhy[] = ['system_gone', 'manual_system', 'no_match', 'not_found', 'retained', 'failed', 'manual'];
  return [
    ...why.map((reason): [string, ComposedMail] => [
      `legal hold ended (${reason})`,
      composeHoldEnded(entity, people, system, { records: 'Fakturaer 2024', basis: 'bokføringsloven § 13', until: '2030-12-31' }, reason, language),
    ]),
    ['plan changed', composePlanChanged({ address: 'saksbehandler@firma.example', language }, entity.id, entity.reference, system.name, URL)],
    [
      'reply notice',
      composeReplyNotice(
        {
          to: 'saksbehandler@firma.example',
          language,
          caseId: entity.id,
          reference: entity.reference,
          senderKnown: false,
          resumedClock: true,
          stillPaused: true,
          attachments: 2,
          skippedAttachments: 1,
        },
        URL,
      ),
    ],
    ['restriction-lift task', ownerLiftTask(entity, system, `${URL}/staff/cases/${entity.reference}`, language)],
    ['passkey added', composePasskeyChanged('a@firma.example', 'added', 'Jobb-PC', language)],
    ['passkey removed', composePasskeyChanged('a@firma.example', 'removed', 'Jobb-PC', language)],
    ['second factor on', composeSecondFactorNotice('a@firma.example', 'enabled', language)],
    ['second factor off', composeSecondFactorNotice('a@firma.example', 'disabled', language)],
  ];
}

const prose = (mail: ComposedMail) => `${mail.subject}\n${mail.text}`.replace(/https?:\/\/\S+/g, '');

describe("staff and owner e-mails composed in their reader's language only", () => {
  it.each(mailsIn('nb'))('%s: nb, with no known English leak, no ISO duration and no English sentence', (_name, mail) => {
    expect(languageLeaks(prose(mail))).toEqual([]);
    expect(prose(mail)).not.toMatch(ENGLISH);
    expect(prose(mail)).toMatch(NORWEGIAN);
  });

  it.each(mailsIn('en'))('%s: en, with no Norwegian sentence', (_name, mail) => {
    expect(prose(mail)).not.toMatch(NORWEGIAN);
    expect(prose(mail)).toMatch(ENGLISH);
  });

  it('a legal hold ended: the day in words, the reason from the recorded outcome, the identifiers to search by', () => {
    const hold = { records: 'Fakturaer 2024', basis: 'bokføringsloven § 13', until: '2030-12-31' };
    const nb = composeHoldEnded(entity, people, system, hold, 'retained', 'nb');
    expect(nb.text).toContain('gikk ut 31. desember 2030 (bokføringsloven § 13)');
    expect(nb.text).toContain('systemet beholder fortsatt opplysningene etter sine egne regler.');
    expect(nb.text).toContain('E-post: kari@example.no');
    const en = composeHoldEnded(entity, people, system, hold, 'retained', 'en');
    expect(en.text).toContain('ended on 31 December 2030 (bokføringsloven § 13)');
    expect(en.text).toContain('E-mail: kari@example.no');
  });

  it('the restriction-lift task marks its HTML with the language it is written in', () => {
    expect(ownerLiftTask(entity, system, URL, 'nb').html).toContain('<html lang="nb">');
    expect(ownerLiftTask(entity, system, URL, 'en').html).toContain('<html lang="en">');
  });
});
