import type { Language } from '../../common/case-types';
import { RIGHTS } from '../copy/rights-copy';
import { composeLetter, renderEditedLetter, renderLetter } from './compose-letter';
import { checkClaims } from '../../../test/support/letter-claims';
import { LETTER_KINDS, type LetterFacts, type LetterKind, type TaskFact } from './letter-facts';
import { sampleLetterFacts as factsFor, sampleTask as task, sampleVismaTask as visma, SECTION_13 } from './sample-letter-facts';

/** What every letter of a kind must say, by language (golden elements, not whole-text snapshots). */
const REQUIRED: Record<LetterKind, Record<Language, string[]>> = {
  access: {
    nb: [
      'Vi behandler opplysninger om deg',
      'engangskode',
      '19. april 2026',
      'https://dsr.example/status/abc',
      'Zendesk Support: 1 brukerkonto, 5 henvendelser — i svarpakken',
    ],
    en: [
      'We process data about you',
      'one-time code',
      '19 April 2026',
      'never send your data as an attachment',
      'Zendesk Support: 1 user account, 5 tickets — in the answer package',
    ],
  },
  portability: { nb: ['maskinlesbart format (JSON og CSV)', 'samtykke eller avtale'], en: ['machine-readable format (JSON and CSV)', 'consent or a contract'] },
  rectification: {
    nb: ['telefonnummer i Visma Business: +4791234567 → +4799999999', 'Revisor AS (Visma Business)'],
    en: ['phone number in Visma Business: +4791234567 → +4799999999', 'Revisor AS (Visma Business)'],
  },
  erasure: {
    nb: ['Vi har slettet:\n- Zendesk Support: 1 brukerkonto', 'anonymisert', 'Zendesk Support: 2 kommentarer i henvendelser', 'Zendesk Inc. (Zendesk Support)'],
    en: ['We have erased:\n- Zendesk Support: 1 user account', 'anonymised', 'Zendesk Support: 2 ticket comments', 'Zendesk Inc. (Zendesk Support)'],
  },
  'erasure-partial': {
    nb: [
      'Visma Business, 12 bilag: beholdes fordi loven krever det (personvernforordningen art. 17(3)(b)): bokføringsloven § 13 (femårsregelen)',
      'til og med 31. desember 2030',
      'brukes bare til regnskap, revisjon og skattekontroll',
      'delvis avslag',
      'Visma Business: 1 kontaktperson',
    ],
    en: [
      'Visma Business, 12 vouchers: kept because the law requires it (GDPR Art 17(3)(b)): bokføringsloven § 13 (5-year rule)',
      'until 31 December 2030',
      'used only for bookkeeping, audit and tax control',
      'partial refusal',
      'Visma Business: 1 contact person',
    ],
  },
  objection: {
    nb: ['Vi har stanset direkte markedsføring til deg i disse kanalene:\n- HubSpot CRM, 1 kontakt: e-post, fra 20. mars 2026'],
    en: ['We have stopped direct marketing to you on these channels:\n- HubSpot CRM, 1 contact: e-mail, from 20 March 2026'],
  },
  'objection-refused': { nb: ['tvingende berettigede grunner', 'three break-ins'], en: ['compelling legitimate grounds', 'three break-ins'] },
  restriction: {
    nb: ['Zendesk Support, 3 henvendelser: tagged restricted, hidden from agents, fra 20. mars 2026', 'lagrer vi bare', 'før begrensningen oppheves'],
    en: [
      'Zendesk Support, 3 tickets: tagged restricted, hidden from agents, from 20 March 2026',
      'only store these records',
      'before the restriction is lifted',
    ],
  },
  forwarded: {
    nb: ['Cargonizer: sendt 12. mars 2026 til Nettbutikken AS', 'behandlingsansvarlig'],
    en: ['Cargonizer: forwarded to Nettbutikken AS on 12 March 2026', 'the controller'],
  },
  refusal: {
    nb: ['Vi kan ikke imøtekomme', 'åpenbart grunnløs', 'data of another person'],
    en: ['We cannot grant your request', 'manifestly unfounded', 'data of another person'],
  },
  'nothing-held': {
    nb: ['slettet av den faste slettingen vår før forespørselen din nådde dem:\n- CCTV: overwritten after 7 days'],
    en: ['deleted by our routine deletion before your request could reach it:\n- CCTV: overwritten after 7 days'],
  },
  answer: { nb: ['Disse opplysningene beholder vi:', 'delvis avslag'], en: ['These records we keep:', 'partial refusal'] },
};

const REMEDIES: Record<Language, string[]> = {
  nb: ['Klage til Datatilsynet', 'Postboks 458 Sentrum, 0105 Oslo', 'https://www.datatilsynet.no', 'domstolene'],
  en: ['Complaint to Datatilsynet', 'Postboks 458 Sentrum, 0105 Oslo', 'https://www.datatilsynet.no', 'take the matter to court'],
};

describe('answer letters', () => {
  for (const kind of LETTER_KINDS) {
    for (const language of ['nb', 'en'] as const) {
      it(`${kind} in ${language}: the assembled kind, its required elements and both remedies, in text and HTML`, () => {
        const letter = renderLetter(composeLetter(factsFor(kind, language)), language);
        expect(letter.kind).toBe(kind);
        expect(letter.subject).toContain('DSR-2026-000123');
        for (const element of [...REQUIRED[kind][language], ...REMEDIES[language]]) {
          expect(letter.text).toContain(element);
          if (!element.includes('\n')) expect(letter.html).toContain(element.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
        }
        expect(letter.html).toContain(`lang="${language}"`);
        expect(checkClaims(factsFor(kind, language), letter)).toEqual({ orphans: [], unstated: [] });
      });
    }
  }

  const text = (facts: LetterFacts) => renderLetter(composeLetter(facts), facts.language);
  const base = (type: LetterFacts['type'], language: Language, tasks: TaskFact[]): LetterFacts => ({
    ...factsFor('refusal', language),
    rejection: undefined,
    type,
    tasks,
  });

  it.each(['nb', 'en'] as const)('access with nothing found (%s): "no data", the systems searched, and no package claims', (language) => {
    const facts = base('access', language, [task({ action: 'export', status: 'not_found', dispositions: [{ kind: 'not_held', reason: 'not_found' }] })]);
    const letter = text(facts);
    expect(letter.kind).toBe('access');
    expect(letter.text).toContain(language === 'en' ? 'We hold no data about you.' : 'Vi har ingen opplysninger om deg.');
    expect(letter.text).toContain(
      language === 'en' ? 'We searched these systems and found no data about you:\n- Zendesk Support' : 'fant ingen opplysninger om deg:\n- Zendesk Support',
    );
    expect(letter.text).not.toContain(language === 'en' ? 'We process data about you' : 'Vi behandler opplysninger om deg');
    const rights = RIGHTS[language];
    for (const element of [rights.heading, ...rights.rights, rights.complaint, rights.court]) expect(letter.text).toContain(element);
  });

  it('rectification: only fields a disposition corrected are claimed; a requested field left unchanged says so plainly', () => {
    const facts: LetterFacts = {
      ...base('rectification', 'en', [
        visma({ action: 'rectify', dispositions: [{ kind: 'corrected', what: 'customer', field: 'name', old: 'Kari Nordman', new: 'Kari Nordmann' }] }),
        task({ action: 'rectify', dispositions: [{ kind: 'corrected', what: 'user', field: 'name', old: 'Kari Nordman', new: 'Kari Nordmann' }] }),
        task({
          systemId: 'hubspot',
          systemName: 'HubSpot CRM',
          action: 'rectify',
          dispositions: [{ kind: 'corrected', what: 'contact', field: 'name', old: '', new: 'Kari Nordmann' }],
        }),
      ]),
      changes: [
        { field: 'name', new: 'Kari Nordmann' },
        { field: 'city', new: 'Oslo' },
      ],
    };
    const letter = text(facts);
    expect(letter.kind).toBe('rectification');
    expect(letter.text).toContain('- name in Visma Business, Zendesk Support: Kari Nordman → Kari Nordmann\n- name in HubSpot CRM: (empty) → Kari Nordmann');
    expect(letter.text).toContain('No change was made to city.');
    expect(letter.text).not.toMatch(/city[^.]*→|previous value/);
    expect(text({ ...facts, language: 'nb' }).text).toContain('Vi har ikke gjort noen endring i poststed.');
    // Nothing corrected anywhere: no "corrected" subject or lead.
    const none = text({ ...facts, tasks: [visma({ action: 'rectify', dispositions: [] })] });
    expect(none.kind).toBe('answer');
    expect(none.subject + none.text).not.toMatch(/corrected your|has been corrected/);
  });

  it.each(['nb', 'en'] as const)(
    'objection (%s): names exactly the channels suppressed; the minimal-entry sentence only when every suppression says so',
    (language) => {
      const emailOnly = base('objection', language, [
        task({
          systemName: 'HubSpot CRM',
          dispositions: [{ kind: 'suppressed', what: 'contact', count: 1, channels: ['email'], minimalEntryOnly: false }],
          finishedOn: '2026-03-07',
        }),
      ]);
      emailOnly.objection = { processing: 'direct_marketing', decision: null };
      const letter = text(emailOnly);
      expect(letter.text).toContain(
        language === 'en' ? 'HubSpot CRM, 1 contact: e-mail, from 7 March 2026' : 'HubSpot CRM, 1 kontakt: e-post, fra 7. mars 2026',
      );
      for (const never of ['SMS', 'text message', 'every channel', 'alle kanaler', 'minimal']) expect(letter.text).not.toContain(never);
      const minimal = {
        ...emailOnly,
        tasks: [
          task({ systemName: 'HubSpot CRM', dispositions: [{ kind: 'suppressed', what: 'contact', channels: ['email', 'sms'], minimalEntryOnly: true }] }),
        ],
      };
      expect(text(minimal).text).toContain(language === 'en' ? 'We keep only a minimal entry' : 'Vi beholder bare en minimal oppføring');
      // The contact was not found: no claim of stopping anything.
      const notFound = {
        ...emailOnly,
        tasks: [task({ systemName: 'HubSpot CRM', status: 'not_found', dispositions: [{ kind: 'not_held', reason: 'not_found' }] })],
      };
      const nothing = text(notFound);
      expect(nothing.kind).toBe('nothing-held');
      expect(nothing.subject + nothing.text).not.toMatch(/stopped|stanset|minimal/);
    },
  );

  it.each(['nb', 'en'] as const)(
    'objection (%s): a marketing processor told to stop is "we have instructed X to stop", never "forwarded your request"',
    (language) => {
      const instructed = base('objection', language, [
        task({
          systemName: 'HubSpot CRM',
          action: 'instruct',
          dispositions: [{ kind: 'forwarded', what: 'marketing-subscription', to: 'SMS-porten AS', at: '2026-03-07' }],
        }),
      ]);
      instructed.objection = { processing: 'direct_marketing', decision: null };
      const letter = text(instructed);
      expect(letter.kind).toBe('objection');
      expect(letter.text).toContain(
        language === 'en'
          ? 'Companies that process data for our marketing:\n- HubSpot CRM: we have instructed SMS-porten AS on 7 March 2026 to stop using your data for marketing'
          : 'Virksomheter som behandler opplysninger for markedsføringen vår:\n- HubSpot CRM: vi har gitt SMS-porten AS beskjed 7. mars 2026 om å slutte å bruke opplysningene om deg til markedsføring',
      );
      expect(letter.subject + letter.text).not.toMatch(/forwarded|videresendt|controller|behandlingsansvarlig/);
      expect(checkClaims(instructed, letter)).toEqual({ orphans: [], unstated: [] });
      // Beside a real forward to a controller, each is said in its own section.
      const both = {
        ...instructed,
        tasks: [
          ...instructed.tasks,
          task({ systemName: 'Cargonizer', action: 'forward', dispositions: [{ kind: 'forwarded', to: 'Nettbutikken AS', at: '2026-03-06' }] }),
        ],
      };
      const mixed = text(both);
      expect(mixed.text).toContain(
        language === 'en' ? '- Cargonizer: forwarded to Nettbutikken AS on 6 March 2026' : '- Cargonizer: sendt 6. mars 2026 til Nettbutikken AS',
      );
      expect(mixed.text).not.toMatch(/HubSpot CRM: (forwarded|sendt)/);
      expect(checkClaims(both, mixed)).toEqual({ orphans: [], unstated: [] });
    },
  );

  it('kept records: each with its own basis, use and end; a legal claim is never explained as bookkeeping', () => {
    const facts = base('erasure', 'en', [
      task({
        dispositions: [
          { kind: 'erased', what: 'user', count: 1 },
          {
            kind: 'kept',
            what: 'ticket',
            count: 1,
            basis: 'legal_claims',
            claim: 'payment dispute over invoice 1042',
            criterion: 'the dispute is settled',
            allowedUse: 'legal_claims',
          },
        ],
      }),
      visma({ dispositions: [SECTION_13] }),
    ]);
    const letter = text(facts);
    expect(letter.kind).toBe('erasure-partial');
    expect(letter.text).toContain(
      '- Zendesk Support, 1 ticket: kept for a legal claim (GDPR Art 17(3)(e)): payment dispute over invoice 1042; used only to establish, exercise or defend that claim; until the dispute is settled.',
    );
    expect(letter.text).toContain(
      '- Visma Business, 12 vouchers: kept because the law requires it (GDPR Art 17(3)(b)): bokføringsloven § 13 (5-year rule); used only for bookkeeping, audit and tax control; until 31 December 2030.',
    );
    expect(letter.text.match(/bookkeeping/g)).toHaveLength(1);
  });

  it.each(['nb', 'en'] as const)('no erased or anonymised disposition (%s): never "erased" in the subject or the text', (language) => {
    for (const tasks of [[], [task({ dispositions: [{ kind: 'failed', reason: 'API timeout at https://internal.example' }] })]]) {
      const letter = text(base('erasure', language, tasks));
      expect(letter.kind).toBe('answer');
      expect(letter.subject + letter.text).not.toMatch(language === 'en' ? /erased/ : /er slettet|har slettet/);
      expect(letter.text).not.toContain('internal.example');
    }
  });

  it('a processor-only erasure gets the forwarded letter naming the controller and the day, and claims no erasure or disclosure', () => {
    const letter = text(factsFor('forwarded', 'en'));
    expect(letter.kind).toBe('forwarded');
    expect(letter.subject).toBe('Your request has been forwarded (DSR-2026-000123)');
    expect(letter.text).not.toMatch(/erased|disclosed|answer package/);
  });

  it('not held because it cannot be identified cites Art 11(2); a failure says so without its details', () => {
    const letter = text(
      base('access', 'en', [
        task({ systemName: 'CCTV', dispositions: [{ kind: 'not_held', reason: 'cannot_identify', what: 'recording' }] }),
        task({ systemName: 'Telefonlogg', dispositions: [{ kind: 'failed', reason: 'login failed for admin@firma.example' }] }),
      ]),
    );
    expect(letter.text).toContain('(GDPR Art 11(2))');
    expect(letter.text).toContain('- CCTV, recordings');
    expect(letter.text).toContain('We could not carry out your request in these systems:\n- Telefonlogg');
    expect(letter.text).not.toContain('admin@firma.example');
  });

  it.each(['en', 'nb'] as const)('Art 19 in %s: lists the recipients told, and neither names nor promises anything about those not yet told', (language) => {
    const facts: LetterFacts = { ...factsFor('erasure', language), notNotified: [{ name: 'Inkasso Nord AS', system: 'Zendesk Support' }] };
    const { text: body } = renderLetter(composeLetter(facts), language);
    expect(body).toContain('Zendesk Inc. (Zendesk Support)');
    expect(body).not.toContain('Inkasso Nord AS');
    expect(body).not.toMatch(/other means|annen måte/);
  });
  it('escapes what staff or outcomes wrote in the HTML', () => {
    const facts = factsFor('refusal', 'en');
    facts.rejection!.reason = '<script>alert(1)</script>';
    expect(renderLetter(composeLetter(facts), 'en').html).not.toContain('<script>');
    expect(renderEditedLetter('refusal', 'S', 'Hi <b>\n\nhttps://x.example/a', 'en').html).toContain('&lt;b&gt;');
  });
});
