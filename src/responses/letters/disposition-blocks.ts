import type { Language } from '../../common/case-types';
import { NOT_HELD_REASONS, isMarketingInstruction, type Disposition, type DispositionKind, type DispositionOf } from '../../common/dispositions/disposition';
import { dayInWords } from '../../common/request-type-words';
import { LETTER_COPY, fieldWord } from './letter-copy';
import type { LetterBlock, LetterFacts } from './letter-facts';
import { CHANNEL_WORDS, USE_WORDS, phrase, recordsInWords } from './outcome-words';

/** A disposition with the system it came from and the day its task finished. */
interface Placed<D extends Disposition = Disposition> {
  system: string;
  from: string;
  item: D;
}

/**
 * The letter's statements about records, one section per kind of disposition, each section only
 * when such dispositions exist, and every disposition in exactly one list item. A sentence that
 * depends on a kind (the Art 18(3) promise, the minimal suppression entry, the partial refusal)
 * follows its section and needs that section's dispositions to say so.
 */
export function dispositionBlocks(facts: LetterFacts): LetterBlock[] {
  const language = facts.language;
  const copy = LETTER_COPY[language];
  const day = (iso: string) => dayInWords(iso, language);
  const placed: Placed[] = facts.tasks.flatMap((task) =>
    task.dispositions.map((item) => ({ system: task.systemName, from: task.finishedOn ?? facts.answeredOn, item })),
  );
  const of = <K extends DispositionKind>(kind: K) => placed.filter((entry) => entry.item.kind === kind) as Array<Placed<DispositionOf<K>>>;
  const label = (entry: Placed) => recordLabel(entry.system, entry.item, language);
  const blocks: LetterBlock[] = [];
  const section = (heading: string, items: string[], after: Array<string | false> = []) => {
    if (!items.length) return;
    blocks.push({ text: heading, items });
    for (const text of after) if (text) blocks.push({ text });
  };

  const packaged = facts.type === 'access' || facts.type === 'portability';
  section(
    copy.disclosed.heading,
    perSystem(of('disclosed'), language).map((line) => (packaged ? `${line} — ${copy.disclosed.inPackage}` : line)),
  );

  const corrected = of('corrected');
  section(copy.corrected.heading, correctionLines(corrected, language));
  // A change the person asked for that no system reports making: said plainly, never "corrected".
  for (const change of facts.changes) {
    if (!corrected.some((entry) => entry.item.field === change.field)) blocks.push({ text: copy.corrected.unchanged(fieldWord(change.field, language)) });
  }

  section(copy.erased.heading, perSystem(of('erased'), language));
  section(copy.anonymised.heading, perSystem(of('anonymised'), language));

  const restricted = of('restricted');
  section(
    copy.restricted.heading,
    restricted.map((entry) => `${label(entry)}: ${copy.restricted.item(entry.item.how, day(entry.from))}`),
    [facts.type === 'restriction' && copy.restricted.meaning, copy.restricted.lifting],
  );

  const suppressed = of('suppressed');
  section(
    copy.suppressed.heading,
    suppressed.map(
      (entry) => `${label(entry)}: ${copy.suppressed.item(entry.item.channels.map((channel) => CHANNEL_WORDS[language][channel]).join(', '), day(entry.from))}`,
    ),
    [suppressed.every((entry) => entry.item.minimalEntryOnly) && copy.suppressed.minimalEntry],
  );

  section(
    copy.kept.heading,
    of('kept').map((entry) => `${label(entry)}: ${keptLine(entry.item, language)}.`),
    [copy.kept.refusalNote],
  );

  // A marketing processor told to stop is not a request passed to a controller: its own words.
  const forwarded = of('forwarded');
  section(
    copy.forwarded.heading,
    forwarded
      .filter((entry) => !isMarketingInstruction(entry.item))
      .map((entry) => `${label(entry)}: ${copy.forwarded.item(entry.item.to, day(entry.item.at))}`),
  );
  section(
    copy.instructed.heading,
    forwarded
      .filter((entry) => isMarketingInstruction(entry.item))
      .map((entry) => `${entry.system}: ${copy.instructed.item(entry.item.to, day(entry.item.at))}`),
  );

  const notHeld = of('not_held');
  for (const reason of NOT_HELD_REASONS) {
    section(
      copy.notHeld[reason],
      notHeld.filter((entry) => entry.item.reason === reason).map((entry) => [label(entry), notHeldDetail(entry.item, language)].filter(Boolean).join(': ')),
    );
  }

  section(copy.failed.heading, of('failed').map(label));
  return blocks;
}

/** "Zendesk Support" or "Zendesk Support, 5 tickets": the system and, when given, the records. */
export function recordLabel(system: string, item: Disposition, language: Language): string {
  const what = 'what' in item ? item.what : undefined;
  const count = 'count' in item ? item.count : undefined;
  return what ? `${system}, ${recordsInWords(what, count, language)}` : system;
}

/** "Zendesk Support: 1 user account, 5 tickets": one line per system, its records in order. */
function perSystem(entries: Array<Placed<DispositionOf<'disclosed' | 'erased' | 'anonymised'>>>, language: Language): string[] {
  const bySystem = new Map<string, string[]>();
  for (const entry of entries) bySystem.set(entry.system, [...(bySystem.get(entry.system) ?? []), recordsInWords(entry.item.what, entry.item.count, language)]);
  return [...bySystem].map(([system, records]) => `${system}: ${records.join(', ')}`);
}

/** "phone number in HubSpot CRM, Zendesk Support: +47… → +47…": equal corrections grouped. */
function correctionLines(entries: Array<Placed<DispositionOf<'corrected'>>>, language: Language): string[] {
  const copy = LETTER_COPY[language].corrected;
  const groups = new Map<string, { field: string; old: string; new: string; systems: string[] }>();
  for (const { system, item } of entries) {
    const key = JSON.stringify([item.field, item.old, item.new]);
    const group = groups.get(key) ?? { field: item.field, old: item.old, new: item.new, systems: [] };
    if (!group.systems.includes(system)) group.systems.push(system);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) =>
    copy.change(fieldWord(group.field, language), group.systems.join(', '), group.old || copy.empty, group.new || copy.empty),
  );
}

/** Basis (with the law or claim), what the records may still be used for, and until when. */
function keptLine(item: DispositionOf<'kept'>, language: Language): string {
  const copy = LETTER_COPY[language].kept;
  const named = [item.law, item.claim].filter(Boolean).map((text) => phrase(text as string, language));
  const basis = `${copy.basis[item.basis]}${named.length ? `: ${named.join(', ')}` : ''}`;
  const useWord = (USE_WORDS[language] as Record<string, string>)[item.allowedUse];
  const use =
    item.basis === 'legal_claims'
      ? item.allowedUse === 'legal_claims'
        ? USE_WORDS[language].legal_claims
        : copy.claimUse(useWord ? useWord : phrase(item.allowedUse, language))
      : (useWord ?? copy.useOf(phrase(item.allowedUse, language)));
  const until = item.until ? copy.until(dayInWords(item.until, language)) : copy.untilCriterion(item.criterion as string);
  return [basis, use, item.until && item.criterion ? `${until} (${item.criterion})` : until].join('; ');
}

function notHeldDetail(item: DispositionOf<'not_held'>, language: Language): string {
  if (item.reason !== 'routine_deletion') return '';
  const deleted = item.deletedOn ? LETTER_COPY[language].notHeld.deletedOn(dayInWords(item.deletedOn, language)) : '';
  if (deleted && item.routine) return `${deleted} (${item.routine})`;
  return deleted || (item.routine ?? '');
}
