import type { Language } from '../../common/case-types';
import { RIGHTS } from '../copy/rights-copy';
import { composeLetter, renderEditedLetter, renderLetter } from './compose-letter';
import { LETTER_KINDS, type LetterFacts, type LetterKind, type TaskFact } from './letter-facts';

const task = (overrides: Partial<TaskFact>): TaskFact => ({
  systemId: 'zendesk',
  systemName: 'Zendesk Support',
  action: 'erase',
  status: 'done',
  summary: 'Deleted the user and redacted 2 comments',
  byPerson: false,
  dispositions: [],
  retained: [],
  erased: [],
  keepsRecords: false,
  ...overrides,
});

const visma = (overrides: Partial<TaskFact>) => task({ systemId: 'visma', systemName: 'Visma Business', keepsRecords: true, ...overrides });

function factsFor(kind: LetterKind, language: Language): LetterFacts {
  const base: LetterFacts = {
    language,
    reference: 'DSR-2026-000123',
    type: 'access',
    receivedOn: '2026-03-05',
    answeredOn: '2026-03-20',
    controller: { name: 'Eksempel Deler AS', email: 'personvern@eksempel.no' },
    tasks: [],
    changes: [],
    notified: [],
    notNotified: [],
    holdsData: true,
  };
  switch (kind) {
    case 'access':
      return {
        ...base,
        tasks: [task({ action: 'export', summary: '3 record(s) exported', recordCount: 3 })],
        download: { statusUrl: 'https://dsr.example/status/abc', expiresOn: '2026-04-19' },
      };
    case 'portability':
      return {
        ...base,
        type: 'portability',
        tasks: [task({ action: 'export' })],
        download: { statusUrl: 'https://dsr.example/status/abc', expiresOn: '2026-04-19' },
      };
    case 'rectification':
      return {
        ...base,
        type: 'rectification',
        tasks: [visma({ action: 'rectify' })],
        changes: [{ field: 'phone', old: '+4791234567', new: '+4799999999' }],
        notified: [{ name: 'Revisor AS', system: 'Visma Business' }],
      };
    case 'erasure':
      return { ...base, type: 'erasure', tasks: [task({})], notified: [{ name: 'Zendesk Inc.', system: 'Zendesk Support' }] };
    case 'erasure-partial':
      return {
        ...base,
        type: 'erasure',
        tasks: [
          task({}),
          visma({
            status: 'retained',
            erased: ['e-mail and phone on customer 10001'],
            retained: [{ records: 'invoices and customer ledger entries', basis: 'bokføringsloven § 13 (5-year rule)', until: '2030-12-31' }],
          }),
        ],
        notified: [{ name: 'Revisor AS', system: 'Visma Business' }],
      };
    case 'objection':
      return {
        ...base,
        type: 'objection',
        tasks: [task({ systemName: 'HubSpot CRM', action: 'restrict' })],
        objection: { processing: 'direct_marketing', decision: null },
      };
    case 'objection-refused':
      return {
        ...base,
        type: 'objection',
        tasks: [],
        objection: { processing: 'legitimate_interest', decision: 'compelling_grounds', grounds: 'CCTV is needed after three break-ins this year.' },
      };
    case 'restriction':
      return { ...base, type: 'restriction', tasks: [task({ action: 'restrict' })], notified: [{ name: 'Zendesk Inc.', system: 'Zendesk Support' }] };
    case 'forwarded':
      return { ...base, tasks: [task({ systemName: 'Cargonizer', action: 'forward', status: 'forwarded', controller: 'Nettbutikken AS' })] };
    case 'refusal':
      return { ...base, rejection: { code: 'manifestly_unfounded', reason: 'The request asks for data of another person.' } };
  }
}

/** What every letter of a kind must say, by language (golden elements, not whole-text snapshots). */
const REQUIRED: Record<LetterKind, Record<Language, string[]>> = {
  access: {
    nb: [
      'Vi behandler opplysninger om deg',
      'engangskode',
      '19. april 2026',
      'https://dsr.example/status/abc',
      'Zendesk Support: 3 oppføringer, lagt i svarpakken',
    ],
    en: [
      'We process data about you',
      'one-time code',
      '19 April 2026',
      'never send your data as an attachment',
      'Zendesk Support: 3 records, included in the answer package',
    ],
  },
  portability: { nb: ['maskinlesbart format (JSON og CSV)', 'samtykke eller avtale'], en: ['machine-readable format (JSON and CSV)', 'consent or a contract'] },
  rectification: {
    nb: ['telefonnummer: +4791234567 → +4799999999', 'er ikke endret', 'Revisor AS (Visma Business)'],
    en: ['phone number: +4791234567 → +4799999999', 'were not changed', 'Revisor AS (Visma Business)'],
  },
  erasure: {
    nb: ['Vi har slettet opplysningene om deg', 'Zendesk Inc. (Zendesk Support)'],
    en: ['We have erased the data about you', 'Zendesk Inc. (Zendesk Support)'],
  },
  'erasure-partial': {
    nb: [
      'Beholdt i Visma Business: fakturaer og kundereskontro',
      'bokføringsloven § 13 (femårsregelen)',
      '17(3)(b)',
      '31. desember 2030',
      'regnskap, revisjon og skattekontroll',
      'delvis avslag',
    ],
    en: [
      'Kept in Visma Business: invoices and customer ledger entries',
      'bokføringsloven § 13 (5-year rule)',
      '17(3)(b)',
      '31 December 2030',
      'bookkeeping, audit and tax control',
      'partial refusal',
    ],
  },
  objection: {
    nb: ['stanset all direkte markedsføring', '20. mars 2026', 'HubSpot CRM', 'minimal oppføring'],
    en: ['stopped all direct marketing', '20 March 2026', 'HubSpot CRM', 'minimal entry'],
  },
  'objection-refused': { nb: ['tvingende berettigede grunner', 'three break-ins'], en: ['compelling legitimate grounds', 'three break-ins'] },
  restriction: { nb: ['lagrer bare opplysningene', 'før begrensningen oppheves'], en: ['only store the data', 'before the restriction is lifted'] },
  forwarded: { nb: ['Nettbutikken AS', 'behandlingsansvarlig'], en: ['Nettbutikken AS', 'is the controller'] },
  refusal: {
    nb: ['Vi kan ikke imøtekomme', 'åpenbart grunnløs', 'data of another person'],
    en: ['We cannot grant your request', 'manifestly unfounded', 'data of another person'],
  },
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
          expect(letter.html).toContain(element.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
        }
        expect(letter.html).toContain(`lang="${language}"`);
      });
    }
  }

  it('renders connector outcomes in Norwegian: no English summaries, internal user ids or English bases in an nb letter', () => {
    const facts: LetterFacts = {
      ...factsFor('erasure-partial', 'nb'),
      tasks: [
        task({ summary: 'Zendesk user #4711: 2 comment(s) redacted; user soft-deleted and permanently deleted' }),
        visma({
          status: 'retained',
          summary: 'Visma Business keeps the invoices and customer ledger entries until 2030-12-31',
          erased: ['e-mail address, phone and mobile phone on customer 10001', 'contact person 7 deleted'],
          // One entry per financial year and hold rule: each is its own line.
          retained: [
            {
              records: 'invoices and customer ledger entries, financial year 2025',
              basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)',
              until: '2030-12-31',
            },
            {
              records: 'invoices and customer ledger entries, financial year 2025/2026',
              basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)',
              until: '2031-12-31',
            },
          ],
        }),
        task({ systemId: 'phone-logs', systemName: 'Telefonlogg', byPerson: true, summary: 'Slettet samtalelogg for nummeret.' }),
      ],
    };
    const { text } = renderLetter(composeLetter(facts), 'nb');
    for (const english of [
      'user #',
      'record(s)',
      'invoices and customer ledger entries',
      'GDPR art.',
      ' and 17(3)',
      '5-year rule',
      'e-mail address',
      'contact person',
      'deleted',
      'financial year',
    ]) {
      expect(text).not.toContain(english);
    }
    expect(text).toContain('Zendesk Support: opplysningene om deg er slettet');
    expect(text).toContain('Visma Business: e-postadresse, telefon og mobiltelefon på kunde 10001');
    expect(text).toContain('Visma Business: kontaktperson 7 slettet');
    expect(text).toContain('Grunnlag: personvernforordningen art. 6(1)(c) og 17(3)(b), bokføringsloven § 13 (femårsregelen). Slettes etter 31. desember 2030.');
    expect(text).toContain('Slettes etter 31. desember 2031.');
    expect(text).toContain('fakturaer og kundereskontro, regnskapsåret 2025/2026');
    expect(text).toContain('Telefonlogg: Slettet samtalelogg for nummeret.');
    const access = renderLetter(
      composeLetter({
        ...factsFor('access', 'nb'),
        tasks: [task({ action: 'export', status: 'not_found', summary: 'Nothing about the person was found in Zendesk Support' })],
      }),
      'nb',
    );
    expect(access.text).toContain('Zendesk Support: ingen opplysninger om deg');
  });

  it.each([
    [
      'nb',
      'Vi har ingen opplysninger om deg. Vi har søkt i alle systemene våre som inneholder personopplysninger.',
      'Zendesk Support: ingen opplysninger om deg',
    ],
    ['en', 'We hold no data about you. We searched every system of ours that holds personal data.', 'Zendesk Support: no data about you'],
  ] as const)('the "no data" access answer in %s says so, per system, and carries the full rights text', (language, none, line) => {
    const facts: LetterFacts = {
      ...factsFor('access', language),
      holdsData: false,
      tasks: [task({ action: 'export', status: 'not_found', summary: 'Nothing about the person was found in Zendesk Support' })],
    };
    const { kind, text } = renderLetter(composeLetter(facts), language);
    expect(kind).toBe('access');
    expect(text).toContain(none);
    expect(text).toContain(line);
    const rights = RIGHTS[language];
    for (const element of [rights.heading, ...rights.rights, rights.complaint, rights.court]) expect(text).toContain(element);
  });

  it('rectification: old → new from what each system replaced, per system where they differ; the natural wording when none reported', () => {
    const base = factsFor('rectification', 'en');
    const facts: LetterFacts = {
      ...base,
      changes: [
        { field: 'name', old: 'Kari Nordmann', new: 'Kari Nordmann' },
        { field: 'address', old: null, new: 'Kirkegata 2' },
        { field: 'phone', old: null, new: '+4799999999' },
      ],
      tasks: [
        visma({ action: 'rectify', previous: { name: ['Kari Nordman'], address: ['Storgata 1'] } }),
        task({ action: 'rectify', previous: { name: ['Kari Nordman'] } }),
        task({ systemId: 'hubspot', systemName: 'HubSpot CRM', action: 'rectify', previous: { name: ['K. Nordmann', ''] } }),
      ],
    };
    const { text } = renderLetter(composeLetter(facts), 'en');
    // The case's own name is what the person gave us (already the corrected one): the systems know better.
    expect(text).toContain(
      '- name in Visma Business, Zendesk Support: Kari Nordman → Kari Nordmann\n- name in HubSpot CRM: K. Nordmann / (empty) → Kari Nordmann',
    );
    expect(text).toContain('- address: Storgata 1 → Kirkegata 2');
    expect(text).toContain('- phone number: the previous value has been corrected to +4799999999');
    expect(text).not.toContain('(previous value) →');
    const nb = renderLetter(composeLetter({ ...facts, language: 'nb' }), 'nb').text;
    expect(nb).toContain('- adresse: Storgata 1 → Kirkegata 2');
    expect(nb).toContain('- telefonnummer: den tidligere verdien er rettet til +4799999999');
    expect(nb).toContain('- navn i HubSpot CRM: K. Nordmann / (tomt) → Kari Nordmann');
    // Done by hand, nothing reported: the case's name is already the corrected one, so no "old → old".
    const manual = renderLetter(composeLetter({ ...facts, tasks: [task({ action: 'rectify', byPerson: true, summary: 'Fixed by hand' })] }), 'en').text;
    expect(manual).toContain('- name: the previous value has been corrected to Kari Nordmann');
  });

  it.each([
    ['en', 'customer-record', 'We have written a dated note of the correction on the customer record in Visma Business', 'recorded in our case file'],
    ['en', 'case', 'the correction is recorded in our case file', 'dated note'],
    ['nb', 'customer-record', 'Vi har skrevet en datert merknad om rettingen på kundeopplysningene i Visma Business', 'saksmappen'],
    ['nb', 'case', 'rettingen er registrert i saksmappen vår', 'merknad'],
  ] as const)('rectification in %s: issued invoices unchanged, and the letter says where the correction is recorded (%s)', (language, note, says, not) => {
    const facts: LetterFacts = { ...factsFor('rectification', language), tasks: [visma({ action: 'rectify', correctionNote: note })] };
    const { text } = renderLetter(composeLetter(facts), language);
    expect(text).toContain(says);
    expect(text).not.toContain(not);
  });

  it('objection: each system stopped from the day its task finished; one without a time from the letter’s day', () => {
    const facts: LetterFacts = {
      ...factsFor('objection', 'en'),
      tasks: [
        task({ systemName: 'HubSpot CRM', action: 'restrict', finishedOn: '2026-03-07' }),
        task({ systemId: 'visma', systemName: 'Visma Business', action: 'restrict', finishedOn: '2026-03-09' }),
        task({ systemId: 'paper', systemName: 'Mailing list (paper)', action: 'restrict' }),
      ],
    };
    expect(renderLetter(composeLetter(facts), 'en').text).toContain(
      'We have stopped all direct marketing to you on every channel: HubSpot CRM from 7 March 2026; Visma Business from 9 March 2026; Mailing list (paper) from 20 March 2026.',
    );
    const one: LetterFacts = {
      ...facts,
      language: 'nb',
      objection: { processing: 'legitimate_interest', decision: 'stop' },
      tasks: [task({ systemName: 'HubSpot CRM', action: 'restrict', finishedOn: '2026-03-07' })],
    };
    expect(renderLetter(composeLetter(one), 'nb').text).toContain('Vi har stanset behandlingen du protesterte mot fra 7. mars 2026. Stanset i: HubSpot CRM.');
  });

  it('restriction: each system is restricted from the day its task finished', () => {
    const facts: LetterFacts = {
      ...factsFor('restriction', 'en'),
      tasks: [
        task({ systemName: 'Zendesk Support', action: 'restrict', finishedOn: '2026-03-07' }),
        task({ systemId: 'visma', systemName: 'Visma Business', action: 'restrict', finishedOn: '2026-03-09' }),
      ],
    };
    expect(renderLetter(composeLetter(facts), 'en').text).toContain(
      'We only store the data about you (in Zendesk Support from 7 March 2026; in Visma Business from 9 March 2026);',
    );
    expect(renderLetter(composeLetter({ ...facts, language: 'nb' }), 'nb').text).toContain(
      'Vi lagrer bare opplysningene om deg (i Zendesk Support fra 7. mars 2026; i Visma Business fra 9. mars 2026);',
    );
  });

  it.each([
    ['en', 'Other recipients of the data will be told of the change by other means.'],
    ['nb', 'Andre mottakere av opplysningene får beskjed om endringen på annen måte.'],
  ] as const)('Art 19 in %s: lists only the recipients told, and says the others are told by other means', (language, sentence) => {
    const facts: LetterFacts = { ...factsFor('erasure', language), notNotified: [{ name: 'Inkasso Nord AS', system: 'Zendesk Support' }] };
    const { text } = renderLetter(composeLetter(facts), language);
    expect(text).toContain('Zendesk Inc. (Zendesk Support)');
    expect(text).toContain(sentence);
    expect(text).not.toContain('Inkasso Nord AS');
    expect(renderLetter(composeLetter(factsFor('erasure', language)), language).text).not.toContain(sentence);
  });

  it('escapes what staff or outcomes wrote in the HTML', () => {
    const facts = factsFor('refusal', 'en');
    facts.rejection!.reason = '<script>alert(1)</script>';
    expect(renderLetter(composeLetter(facts), 'en').html).not.toContain('<script>');
    expect(renderEditedLetter('refusal', 'S', 'Hi <b>\n\nhttps://x.example/a', 'en').html).toContain('&lt;b&gt;');
  });
});
