import fc from 'fast-check';
import { REQUEST_TYPES } from '../../common/case-types';
import { CHANNELS, KEEP_BASES, NOT_HELD_REASONS, RECORD_TYPES, type Disposition } from '../../common/dispositions/disposition';
import { dispositionSchema } from '../../common/dispositions/disposition.schema';
import { checkClaims } from '../../../test/support/letter-claims';
import { composeLetter, renderLetter } from './compose-letter';
import { LETTER_COPY } from './letter-copy';
import type { LetterFacts } from './letter-facts';

const day = fc.integer({ min: 0, max: 5 * 365 }).map((offset) => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
const what = fc.oneof(fc.constantFrom(...RECORD_TYPES), fc.constantFrom('gamle papirskjemaer', 'video footage', 'kundekort'));
const count = fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined });
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const value = fc.constantFrom('', 'Oslo', 'Bergen', 'Kari Nordmann', 'Kari Nordman', '+4791234567', '+4799999999', 'kari@example.no');
const field = fc.constantFrom('name', 'phone', 'email', 'city', 'address');
const text = (...choices: string[]) => fc.constantFrom(...choices);

/** Any disposition the schema accepts (the same shapes connectors and people record). */
const disposition: fc.Arbitrary<Disposition> = fc
  .oneof(
    fc.record({ kind: fc.constant('disclosed' as const), what, count }),
    fc.record({ kind: fc.constant('erased' as const), what, count }),
    fc.record({ kind: fc.constant('anonymised' as const), what, count }),
    fc.record({ kind: fc.constant('corrected' as const), what, count, field, old: value, new: value }).filter((item) => item.old !== item.new),
    fc.record({
      kind: fc.constant('restricted' as const),
      what,
      count,
      how: text('tagged restricted, hidden from agents', 'moved to a locked archive', 'sperret i kundekortet'),
    }),
    fc.record({
      kind: fc.constant('suppressed' as const),
      what,
      count,
      channels: fc.uniqueArray(fc.constantFrom(...CHANNELS), { minLength: 1 }),
      minimalEntryOnly: fc.boolean(),
    }),
    fc
      .record({
        kind: fc.constant('kept' as const),
        what,
        count,
        basis: fc.constantFrom(...KEEP_BASES),
        law: optional(text('bokføringsloven § 13 (5-year rule)', 'skatteforvaltningsloven § 7-9')),
        claim: optional(text('payment dispute over invoice 1042', 'warranty claim for order 77')),
        until: optional(day),
        criterion: optional(text('the dispute is settled', 'the warranty ends')),
        allowedUse: fc.oneof(fc.constantFrom(...KEEP_BASES), text('bookkeeping, audit and tax control', 'the court case')),
      })
      .filter(
        (item) =>
          Boolean(item.until || item.criterion) &&
          (item.basis !== 'legal_obligation' || Boolean(item.law)) &&
          (item.basis !== 'legal_claims' || Boolean(item.claim)),
      ),
    fc.record({
      kind: fc.constant('forwarded' as const),
      what: optional(what),
      count: fc.constant(undefined),
      to: text('Nettbutikken AS', 'Kunde AS'),
      at: day,
    }),
    // A marketing processor instructed to stop (objections to direct marketing).
    fc.record({
      kind: fc.constant('forwarded' as const),
      what: fc.constant('marketing-subscription'),
      to: text('SMS-porten AS', 'Trykk og Post AS'),
      at: day,
    }),
    fc
      .record({
        kind: fc.constant('not_held' as const),
        reason: fc.constantFrom(...NOT_HELD_REASONS),
        what: optional(what),
        deletedOn: optional(day),
        routine: optional(text('overwritten after 7 days', 'deleted after 4 months')),
      })
      .filter((item) => item.reason !== 'routine_deletion' || Boolean(item.deletedOn || item.routine)),
    fc.record({ kind: fc.constant('failed' as const), what: optional(what), reason: text('timeout from the API', 'the owner could not log in') }),
  )
  .map((item) => Object.fromEntries(Object.entries(item).filter(([, entry]) => entry !== undefined)) as Disposition);

/** Free paragraphs a company might write: about itself, never about the case. */
const COMPANY_WORDS = [
  'Takk for at du tar kontakt med oss. Personvern er viktig for oss.',
  'Our privacy policy is at https://eksempel.no/personvern.',
  'Eksempel Deler AS har kundeservice på hverdager kl. 8–16.',
];

const SYSTEMS = ['Zendesk Support', 'Visma Business NXT', 'HubSpot CRM', 'CCTV', 'Telefonlogg', 'Papirarkiv'];

const facts: fc.Arbitrary<LetterFacts> = fc
  .record({
    language: fc.constantFrom('nb' as const, 'en' as const),
    type: fc.constantFrom(...REQUEST_TYPES),
    systems: fc.uniqueArray(fc.constantFrom(...SYSTEMS), { minLength: 1, maxLength: 4 }),
    dispositions: fc.array(fc.array(disposition, { maxLength: 4 }), { minLength: 4, maxLength: 4 }),
    finished: fc.array(optional(day), { minLength: 4, maxLength: 4 }),
    changes: fc.uniqueArray(fc.record({ field, new: value }), { maxLength: 2, selector: (change) => change.field }),
    objection: fc.record({
      processing: fc.constantFrom('direct_marketing' as const, 'legitimate_interest' as const),
      decision: fc.constantFrom('stop' as const, 'compelling_grounds' as const, null),
    }),
    rejected: fc.integer({ min: 0, max: 9 }).map((roll) => roll === 0),
    notified: fc.array(fc.record({ name: text('Revisor AS', 'Regnskapshuset AS'), system: fc.constantFrom(...SYSTEMS) }), { maxLength: 2 }),
    download: fc.boolean(),
    byPost: fc.boolean(),
    // The company's template: its words frame the letter and must not disturb the check.
    template: fc.option(
      fc.record({
        greeting: fc.option(text('Kjære kunde,', 'Dear customer,'), { nil: null }),
        closing: fc.option(text('Med vennlig hilsen personvernteamet', 'Best wishes from the privacy team'), { nil: null }),
        before: fc.array(text(COMPANY_WORDS[0], COMPANY_WORDS[1]), { maxLength: 2 }),
        after: fc.array(text(COMPANY_WORDS[2]), { maxLength: 1 }),
      }),
      { nil: undefined },
    ),
  })
  .map((drawn) => ({
    language: drawn.language,
    reference: 'DSR-2026-000123',
    type: drawn.type,
    receivedOn: '2026-03-05',
    answeredOn: '2026-03-20',
    controller: { name: 'Eksempel Deler AS', email: 'personvern@eksempel.no' },
    tasks: drawn.systems.map((systemName, index) => ({
      systemId: `system-${index}`,
      systemName,
      action: 'manual',
      status: 'done',
      ...(drawn.finished[index] ? { finishedOn: drawn.finished[index] } : {}),
      dispositions: drawn.dispositions[index],
    })),
    changes: drawn.type === 'rectification' ? drawn.changes : [],
    notified: drawn.notified,
    notNotified: [],
    ...(drawn.type === 'objection'
      ? { objection: { ...drawn.objection, ...(drawn.objection.decision === 'compelling_grounds' ? { grounds: 'Three break-ins this year.' } : {}) } }
      : {}),
    ...(drawn.rejected ? { rejection: { code: 'manifestly_unfounded' as const, reason: 'The request asks for another person.' } } : {}),
    ...(drawn.download ? { download: { statusUrl: 'https://dsr.example/status/abc', expiresOn: '2026-04-19' } } : {}),
    statusUrl: 'https://dsr.example/status/abc',
    byPost: drawn.byPost,
    ...(drawn.template ? { template: drawn.template } : {}),
  }));

const rendered = (input: LetterFacts) => renderLetter(composeLetter(input), input.language);

describe('claims check: every sentence of a letter is backed by a disposition, and every disposition is stated', () => {
  it('the generated dispositions are ones the schema accepts', () => {
    fc.assert(fc.property(disposition, (item) => expect(dispositionSchema.safeParse(item).success).toBe(true)));
  });

  it('holds for random case types, languages, systems and dispositions (nb and en)', () => {
    fc.assert(
      fc.property(facts, (input) => {
        expect(checkClaims(input, rendered(input))).toEqual({ orphans: [], unstated: [] });
      }),
      { numRuns: 400 },
    );
  });

  it('fails when a disposition is dropped from what the letter was written from', () => {
    fc.assert(
      fc.property(
        facts.filter((input) => input.tasks.some((task) => task.dispositions.length > 0)),
        (input) => {
          const index = input.tasks.findIndex((task) => task.dispositions.length > 0);
          const fewer = { ...input, tasks: input.tasks.map((task, at) => (at === index ? { ...task, dispositions: task.dispositions.slice(1) } : task)) };
          // A twin in the same system (the same correction twice, one with a count of 0) says the same
          // sentence: when dropping one leaves the letter as it was, there is nothing to catch.
          const letter = rendered(fewer);
          const full = rendered(input);
          fc.pre(letter.subject !== full.subject || letter.text !== full.text);
          const report = checkClaims(input, letter);
          expect(report.unstated.length + report.orphans.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each([
    ['en', 'We have erased the data about you.'],
    ['en', 'We have stopped all direct marketing to you on every channel.'],
    ['nb', 'Vi har slettet opplysningene om deg.'],
  ] as const)('fails on an added sentence no disposition backs (%s: "%s")', (language, sentence) => {
    fc.assert(
      fc.property(
        facts.map((input) => ({ ...input, language })),
        (input) => {
          const letter = rendered(input);
          const text = letter.text.replace(/\n\n/, `\n\n${sentence}\n\n`);
          expect(checkClaims(input, { ...letter, text }).orphans).toContain(sentence);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("passes the company's own paragraphs only word for word as the template in force holds them", () => {
    fc.assert(
      fc.property(
        facts.filter((input) => Boolean(input.template?.before.length)),
        (input) => {
          const letter = rendered(input);
          expect(checkClaims(input, letter)).toEqual({ orphans: [], unstated: [] });
          // The same letter checked against the defaults: the company's paragraphs are orphans.
          expect(checkClaims({ ...input, template: undefined }, letter).orphans).toEqual(expect.arrayContaining(input.template!.before));
          // A paragraph the template does not hold, placed where the company's go, is an orphan.
          const slipped = letter.text.replace(input.template!.before[0], 'We have deleted everything we held about you.');
          expect(checkClaims(input, { ...letter, text: slipped }).orphans).toContain('We have deleted everything we held about you.');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('fails when a marketing instruction is stated as a forwarded request, or a forward as an instruction', () => {
    const input: LetterFacts = {
      language: 'en',
      reference: 'DSR-2026-000123',
      type: 'objection',
      receivedOn: '2026-03-05',
      answeredOn: '2026-03-20',
      controller: { name: 'Eksempel Deler AS', email: 'personvern@eksempel.no' },
      tasks: [
        {
          systemId: 'hubspot',
          systemName: 'HubSpot CRM',
          action: 'instruct',
          status: 'done',
          dispositions: [{ kind: 'forwarded', what: 'marketing-subscription', to: 'SMS-porten AS', at: '2026-03-07' }],
        },
      ],
      changes: [],
      notified: [],
      notNotified: [],
      objection: { processing: 'direct_marketing', decision: null },
    };
    const letter = rendered(input);
    expect(checkClaims(input, letter)).toEqual({ orphans: [], unstated: [] });
    const instructed = '- HubSpot CRM: we have instructed SMS-porten AS on 7 March 2026 to stop using your data for marketing';
    const asForward = letter.text
      .replace('Companies that process data for our marketing:', LETTER_COPY.en.forwarded.heading)
      .replace(instructed, '- HubSpot CRM, marketing subscriptions: forwarded to SMS-porten AS on 7 March 2026');
    expect(checkClaims(input, { ...letter, text: asForward }).unstated).toHaveLength(1);
    const forward = { ...input, tasks: [{ ...input.tasks[0], dispositions: [{ kind: 'forwarded' as const, to: 'SMS-porten AS', at: '2026-03-07' }] }] };
    expect(checkClaims(forward, letter).orphans).toContain(
      `Companies that process data for our marketing: HubSpot CRM: we have instructed SMS-porten AS on 7 March 2026 to stop using your data for marketing`,
    );
  });

  it('fails on an added list item no disposition backs, and on a claimed erasure in the subject', () => {
    const input: LetterFacts = {
      language: 'en',
      reference: 'DSR-2026-000123',
      type: 'erasure',
      receivedOn: '2026-03-05',
      answeredOn: '2026-03-20',
      controller: { name: 'Eksempel Deler AS', email: 'personvern@eksempel.no' },
      tasks: [
        {
          systemId: 'cctv',
          systemName: 'CCTV',
          action: 'manual',
          status: 'not_found',
          dispositions: [{ kind: 'not_held', reason: 'routine_deletion', routine: 'overwritten after 7 days' }],
        },
      ],
      changes: [],
      notified: [],
      notNotified: [],
    };
    const letter = rendered(input);
    expect(checkClaims(input, letter)).toEqual({ orphans: [], unstated: [] });
    const withErasure = letter.text.replace('\n\nYour rights', '\n\nWe have erased:\n- CCTV: 3 recordings\n\nYour rights');
    expect(checkClaims(input, { ...letter, text: withErasure }).orphans).toEqual(['We have erased: CCTV: 3 recordings']);
    expect(checkClaims(input, { ...letter, subject: 'Your data has been erased (DSR-2026-000123)' }).orphans).toEqual([
      'subject: Your data has been erased (DSR-2026-000123)',
    ]);
  });
});
