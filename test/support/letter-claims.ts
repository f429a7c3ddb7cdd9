import type { Language } from '../../src/common/case-types';
import {
  CHANNELS,
  KEEP_BASES,
  NOT_HELD_REASONS,
  isMarketingInstruction,
  type Disposition,
  type DispositionKind,
} from '../../src/common/dispositions/disposition';
import { dayInWords } from '../../src/common/request-type-words';
import { RIGHTS } from '../../src/responses/copy/rights-copy';
import { LETTER_COPY, fieldWord, rejectionWords } from '../../src/responses/letters/letter-copy';
import { LETTER_KINDS, type LetterFacts, type LetterKind } from '../../src/responses/letters/letter-facts';
import { CHANNEL_WORDS, USE_WORDS, phrase, recordWordTable } from '../../src/responses/letters/outcome-words';

/**
 * The claims check: reads a rendered letter's TEXT back into claims, sentence by sentence and list
 * item by list item, and maps each claim about records to a disposition of the case. It reports
 * every sentence or item no disposition (or case fact) backs, and every disposition no sentence
 * states. It knows the letters' fixed sentences, not how the composer builds them: a sentence it
 * cannot read is an orphan.
 */
export interface ClaimsReport {
  orphans: string[];
  unstated: string[];
}

interface Slot {
  system: string;
  from: string;
  item: Disposition;
  used: boolean;
}

type Records = { what?: string; count?: number };

export function checkClaims(facts: LetterFacts, letter: { subject: string; text: string }): ClaimsReport {
  const language = facts.language;
  const copy = LETTER_COPY[language];
  const day = (iso: string) => dayInWords(iso, language);
  const slots: Slot[] = facts.tasks.flatMap((task) =>
    task.dispositions.map((item) => ({ system: task.systemName, from: task.finishedOn ?? facts.answeredOn, item, used: false })),
  );
  const all = slots.map((slot) => slot.item);
  const has = (...kinds: DispositionKind[]) => all.some((item) => kinds.includes(item.kind));
  const orphans: string[] = [];

  if (!subjectBacked(facts, letter.subject, has)) orphans.push(`subject: ${letter.subject}`);

  /** Uses the first unused disposition of `kind` in `system` with these records that `fits`. */
  const claim = (kind: DispositionKind, system: string, records: Records | null, fits: (item: Disposition) => boolean = () => true): boolean => {
    const slot = slots.find(
      (candidate) =>
        !candidate.used && candidate.item.kind === kind && candidate.system === system && sameRecords(candidate.item, records) && fits(candidate.item),
    );
    if (slot) slot.used = true;
    return Boolean(slot);
  };
  const labelled = (line: string) => {
    const comma = line.indexOf(', ');
    return comma < 0 ? { system: line, records: null } : { system: line.slice(0, comma), records: readRecords(line.slice(comma + 2), language) };
  };
  const beforeColon = (line: string) => {
    const colon = line.indexOf(': ');
    return colon < 0 ? { head: line, rest: '' } : { head: line.slice(0, colon), rest: line.slice(colon + 2) };
  };

  const perSystem = (kind: DispositionKind, suffix?: string) => (line: string) => {
    const body = suffix && line.endsWith(suffix) ? line.slice(0, -suffix.length) : line;
    const { head, rest } = beforeColon(body);
    return rest.split(', ').every((part) => claim(kind, head, readRecords(part, language)));
  };
  const change = template(copy.corrected.change, 4);
  const restrictedItem = template(copy.restricted.item, 2);
  const suppressedItem = template(copy.suppressed.item, 2);
  const forwardedItem = template(copy.forwarded.item, 2);
  const instructedItem = template(copy.instructed.item, 2);
  const deletedOn = template(copy.notHeld.deletedOn, 1);

  const sections = new Map<string, (line: string) => boolean>([
    [copy.disclosed.heading, perSystem('disclosed', ` — ${copy.disclosed.inPackage}`)],
    [copy.erased.heading, perSystem('erased')],
    [copy.anonymised.heading, perSystem('anonymised')],
    [
      copy.corrected.heading,
      (line) => {
        const match = change(line);
        if (!match) return false;
        const [field, systems, old, value] = match;
        const blank = (text: string) => (text === copy.corrected.empty ? '' : text);
        // Equal corrections in one system are one line: it states all of them.
        return systems.split(', ').every((system) => {
          const fits = (item: Disposition) =>
            item.kind === 'corrected' && fieldWord(item.field, language) === field && item.old === blank(old) && item.new === blank(value);
          const found = slots.filter((slot) => !slot.used && slot.system === system && fits(slot.item));
          found.forEach((slot) => (slot.used = true));
          return found.length > 0;
        });
      },
    ],
    [
      copy.restricted.heading,
      (line) => {
        const { head, rest } = beforeColon(line);
        const match = restrictedItem(rest);
        const { system, records } = labelled(head);
        return (
          Boolean(match) &&
          claim('restricted', system, records, (item) => item.kind === 'restricted' && item.how === match![0] && dayOf(system, item) === match![1])
        );
      },
    ],
    [
      copy.suppressed.heading,
      (line) => {
        const { head, rest } = beforeColon(line);
        const match = suppressedItem(rest);
        const { system, records } = labelled(head);
        const channels = match?.[0].split(', ').map((words) => CHANNELS.find((channel) => CHANNEL_WORDS[language][channel] === words));
        return (
          Boolean(match) &&
          claim(
            'suppressed',
            system,
            records,
            (item) => item.kind === 'suppressed' && JSON.stringify(item.channels) === JSON.stringify(channels) && dayOf(system, item) === match![1],
          )
        );
      },
    ],
    [
      copy.kept.heading,
      (line) => {
        const { head, rest } = beforeColon(line);
        const { system, records } = labelled(head);
        return claim('kept', system, records, (item) => item.kind === 'kept' && keptSays(item, rest.replace(/\.$/, ''), language));
      },
    ],
    [
      copy.forwarded.heading,
      (line) => {
        const { head, rest } = beforeColon(line);
        const match = forwardedItem(rest);
        const { system, records } = labelled(head);
        return (
          Boolean(match) &&
          claim(
            'forwarded',
            system,
            records,
            (item) => item.kind === 'forwarded' && !isMarketingInstruction(item) && item.to === match![0] && day(item.at) === match![1],
          )
        );
      },
    ],
    [
      copy.instructed.heading,
      (line) => {
        const { head, rest } = beforeColon(line);
        const match = instructedItem(rest);
        return (
          Boolean(match) &&
          claim(
            'forwarded',
            head,
            { what: 'marketing-subscription' },
            (item) => item.kind === 'forwarded' && isMarketingInstruction(item) && item.to === match![0] && day(item.at) === match![1],
          )
        );
      },
    ],
    ...NOT_HELD_REASONS.map(
      (reason) =>
        [
          copy.notHeld[reason],
          (line: string) => {
            const { head, rest } = reason === 'routine_deletion' ? beforeColon(line) : { head: line, rest: '' };
            const { system, records } = labelled(head);
            return claim('not_held', system, records, (item) => item.kind === 'not_held' && item.reason === reason && routineSays(item, rest));
          },
        ] as const,
    ),
    [copy.failed.heading, (line) => claim('failed', labelled(line).system, labelled(line).records)],
  ]);
  function dayOf(system: string, item: Disposition): string {
    return day(slots.find((slot) => slot.item === item && slot.system === system)!.from);
  }
  function routineSays(item: Disposition & { kind: 'not_held' }, detail: string): boolean {
    if (item.reason !== 'routine_deletion') return detail === '';
    const dated = item.deletedOn ? deletedOn(detail.replace(/ \(.*\)$/, '')) : null;
    if (item.deletedOn && (!dated || dated[0] !== day(item.deletedOn))) return false;
    if (item.deletedOn && item.routine) return detail.endsWith(` (${item.routine})`);
    return item.deletedOn ? true : detail === item.routine;
  }

  const rights = RIGHTS[language];
  const corrected = (field: string) => all.some((item) => item.kind === 'corrected' && item.field === field);
  /** Sentences that are not lists of records: each with what must hold for it to be said. */
  const sentences: Array<[string, boolean]> = [
    [facts.template?.greeting ?? copy.greeting, true],
    // The company's free paragraphs (its letter template) are not claims about the case: a
    // paragraph passes only when it is word for word one the template in force holds.
    ...[...(facts.template?.before ?? []), ...(facts.template?.after ?? [])].map((text) => [text, true] as [string, boolean]),
    [copy.intro(facts.reference, day(facts.receivedOn)), true],
    [copy.access.holds, facts.type === 'access' && !facts.rejection && has('disclosed')],
    [copy.access.none, facts.type === 'access' && !facts.rejection && all.length > 0 && all.every((item) => item.kind === 'not_held')],
    [copy.portability.lead, facts.type === 'portability' && !facts.rejection && has('disclosed')],
    [copy.access.download(facts.download?.statusUrl ?? '', day(facts.download?.expiresOn ?? '2000-01-01')), Boolean(facts.download)],
    [copy.access.enclosed, Boolean(facts.byPost)],
    [copy.refusal.lead, Boolean(facts.rejection)],
    [copy.refusal.status(facts.statusUrl ?? ''), Boolean(facts.rejection && facts.statusUrl)],
    [copy.objectionRefused(facts.objection?.grounds ?? ''), !facts.rejection && facts.objection?.decision === 'compelling_grounds'],
    ...facts.changes.map((change) => [copy.corrected.unchanged(fieldWord(change.field, language)), !corrected(change.field)] as [string, boolean]),
    [copy.restricted.meaning, facts.type === 'restriction' && has('restricted')],
    [copy.restricted.lifting, has('restricted')],
    [copy.suppressed.minimalEntry, has('suppressed') && all.every((item) => item.kind !== 'suppressed' || item.minimalEntryOnly)],
    [copy.kept.refusalNote, has('kept')],
    [(facts.byPost ? copy.questionsByPost : copy.questions)(facts.controller.email), true],
    [facts.template?.closing ? `${facts.template.closing}\n${facts.controller.name}` : copy.closing(facts.controller.name), true],
  ];
  /** Lists whose items are case facts, not records. */
  const lists: Array<[string, string[], boolean]> = [
    [
      copy.refusal.reasons,
      facts.rejection ? [rejectionWords(facts.rejection.code, language), facts.rejection.reason].filter(Boolean) : [],
      Boolean(facts.rejection),
    ],
    [copy.notifiedHeading, facts.notified.map((recipient) => `${recipient.name} (${recipient.system})`), facts.notified.length > 0],
    [rights.heading, [...rights.rights, rights.complaint, rights.court], true],
  ];

  for (const paragraph of letter.text.trimEnd().split(/\n{2,}/)) {
    const lines = paragraph.split('\n');
    const head = lines.filter((line) => !line.startsWith('- ')).join('\n');
    const items = lines.filter((line) => line.startsWith('- ')).map((line) => line.slice(2));
    const section = sections.get(head);
    if (section) {
      if (!items.length) orphans.push(head);
      for (const item of items) if (!section(item)) orphans.push(`${head} ${item}`);
      continue;
    }
    const list = lists.find(([heading]) => heading === head);
    if (list) {
      if (!list[2] || JSON.stringify(list[1]) !== JSON.stringify(items)) orphans.push(paragraph);
      continue;
    }
    const sentence = sentences.find(([text]) => text === paragraph);
    if (!sentence || !sentence[1]) orphans.push(paragraph);
  }
  const unstated = slots.filter((slot) => !slot.used).map((slot) => `${slot.system}: ${JSON.stringify(slot.item)}`);
  return { orphans, unstated };
}

/** What the subject claims, and whether the dispositions (or the case's decision) back it. */
function subjectBacked(facts: LetterFacts, subject: string, has: (...kinds: DispositionKind[]) => boolean): boolean {
  const kind = LETTER_KINDS.find((candidate) => LETTER_COPY[facts.language].subject[candidate](facts.reference) === subject);
  if (!kind) return false;
  const all = facts.tasks.flatMap((task) => task.dispositions);
  const backing: Record<LetterKind, boolean> = {
    access: facts.type === 'access',
    portability: has('disclosed'),
    rectification: has('corrected'),
    erasure: has('erased', 'anonymised'),
    'erasure-partial': has('erased', 'anonymised') && has('kept', 'failed', 'restricted'),
    objection: has('suppressed', 'restricted', 'erased', 'anonymised') || all.some(isMarketingInstruction),
    'objection-refused': facts.objection?.decision === 'compelling_grounds',
    restriction: has('restricted'),
    forwarded: all.some((item) => item.kind === 'forwarded' && !isMarketingInstruction(item)),
    refusal: Boolean(facts.rejection),
    'nothing-held': all.length > 0 && all.every((item) => item.kind === 'not_held'),
    answer: true,
  };
  return backing[kind];
}

/** "5 tickets" → {what: 'ticket', count: 5}; "tickets" → {what: 'ticket'}; own words as written. */
function readRecords(text: string, language: Language): Records {
  const table = recordWordTable(language);
  const counted = /^(\d+) (.+)$/.exec(text);
  if (counted) {
    const count = Number(counted[1]);
    const row = table.find((entry) => (count === 1 ? entry.singular : entry.plural) === counted[2]);
    if (row) return { what: row.what, count };
  }
  const plural = table.find((entry) => entry.plural === text);
  if (plural) return { what: plural.what };
  const own = /^(.+) \((\d+)\)$/.exec(text);
  return own ? { what: own[1], count: Number(own[2]) } : { what: text };
}

function sameRecords(item: Disposition, records: Records | null): boolean {
  const what = 'what' in item ? item.what : undefined;
  const count = 'count' in item ? item.count : undefined;
  if (!records) return what === undefined;
  // A count is stated only with the records it counts.
  return records.what === what && records.count === count;
}

/** The kept line: its basis (and law or claim), the use still allowed, and until when. */
function keptSays(item: Disposition & { kind: 'kept' }, text: string, language: Language): boolean {
  const copy = LETTER_COPY[language].kept;
  const [basis, use, until, ...extra] = text.split('; ');
  if (extra.length || !basis || !use || !until) return false;
  const named = [item.law, item.claim].filter(Boolean).map((words) => phrase(words as string, language));
  if (basis !== `${copy.basis[item.basis]}${named.length ? `: ${named.join(', ')}` : ''}`) return false;
  const useWord = (KEEP_BASES as readonly string[]).includes(item.allowedUse) ? USE_WORDS[language][item.allowedUse as keyof (typeof USE_WORDS)['en']] : null;
  const claimsOnly = USE_WORDS[language].legal_claims;
  const claimsPart = language === 'en' ? 'establish, exercise or defend that claim' : 'fastsette, gjøre gjeldende eller forsvare kravet';
  if (item.basis === 'legal_claims' && !use.includes(claimsPart)) return false;
  const statesUse = useWord
    ? use === useWord || use.includes(`(${useWord})`) || (item.allowedUse === 'legal_claims' && use === claimsOnly)
    : use.includes(phrase(item.allowedUse, language));
  if (!statesUse) return false;
  const when = item.until ? copy.until(dayInWords(item.until, language)) : copy.untilCriterion(item.criterion ?? '');
  return until === (item.until && item.criterion ? `${when} (${item.criterion})` : when);
}

/** A copy function as a reader: its output with the variables captured, in parameter order. */
function template(render: (...values: string[]) => string, arity: number): (text: string) => string[] | null {
  const marks = Array.from({ length: arity }, (_, index) => `⟦${index}⟧`);
  const rendered = render(...marks);
  const order = [...rendered.matchAll(/⟦(\d+)⟧/g)].map((match) => Number(match[1]));
  const source = rendered.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/⟦(\d+)⟧/g, '(.+)');
  const pattern = new RegExp(`^${source}$`);
  return (text) => {
    const found = pattern.exec(text);
    if (!found) return null;
    const values: string[] = [];
    order.forEach((parameter, group) => (values[parameter] = found[group + 1]));
    return values;
  };
}
