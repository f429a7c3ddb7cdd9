import { dayInWords } from '../../common/request-type-words';
import { RIGHTS } from '../copy/rights-copy';
import { LETTER_COPY, fieldWord, rejectionWords } from './letter-copy';
import { letterKind, type LetterFacts, type LetterKind, type TaskFact } from './letter-facts';
import { phrase, taskLine } from './outcome-words';

/** A paragraph, optionally followed by a list. */
export interface LetterBlock {
  text?: string;
  items?: string[];
}

export interface Letter {
  kind: LetterKind;
  subject: string;
  blocks: LetterBlock[];
}

export interface RenderedLetter {
  kind: LetterKind;
  subject: string;
  text: string;
  html: string;
}

/** Assembles the letter the outcomes call for: what was done per system, what was kept and why,
 *  who was told (Art 19), and always the rights, the complaint to Datatilsynet and the courts. */
export function composeLetter(facts: LetterFacts): Letter {
  const kind = letterKind(facts);
  const copy = LETTER_COPY[facts.language];
  const day = (iso: string) => dayInWords(iso, facts.language);
  const own = facts.tasks.filter((task) => task.action !== 'forward');
  const forwards = facts.tasks.filter((task) => task.action === 'forward');
  const acted = own.filter((task) => ['done', 'retained'].includes(task.status));
  const empty = own.filter((task) => task.status === 'not_found');
  const names = (tasks: typeof own) => tasks.map((task) => task.systemName).join(', ');
  // Each system stopped (or was restricted) when its task finished; a task without a time, with this letter.
  const stopsByDay = (tasks: typeof own) => {
    const stops = [...groupBy(tasks, (task) => task.finishedOn ?? facts.answeredOn)]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([from, grouped]) => ({ from: day(from), channels: names(grouped) }));
    return stops.length ? stops : [{ from: day(facts.answeredOn), channels: '' }];
  };
  const blocks: LetterBlock[] = [{ text: copy.greeting }, { text: copy.intro(facts.reference, day(facts.receivedOn)) }];

  switch (kind) {
    case 'access':
      blocks.push({ text: facts.holdsData ? copy.access.holds : copy.access.none });
      if (facts.download) blocks.push({ text: copy.access.download(facts.download.statusUrl, day(facts.download.expiresOn)) });
      else if (facts.byPost) blocks.push({ text: copy.access.enclosed });
      blocks.push({ text: copy.access.systemsHeading, items: own.map((task) => `${task.systemName}: ${taskLine(task, facts.language)}`) });
      break;
    case 'portability':
      blocks.push({ text: copy.portability.lead });
      if (facts.download) blocks.push({ text: copy.access.download(facts.download.statusUrl, day(facts.download.expiresOn)) });
      else if (facts.byPost) blocks.push({ text: copy.access.enclosed });
      break;
    case 'rectification': {
      blocks.push({ text: copy.rectification.lead, items: changeLines(facts, acted) });
      if (acted.length) blocks.push({ text: copy.rectification.systems, items: acted.map((task) => task.systemName) });
      const records = acted.filter((task) => task.keepsRecords);
      const noted = records.filter((task) => task.correctionNote === 'customer-record');
      const inCase = records.filter((task) => task.correctionNote !== 'customer-record');
      if (noted.length) blocks.push({ text: copy.rectification.invoicesNoted(names(noted)) });
      if (inCase.length) blocks.push({ text: copy.rectification.invoicesCase(names(inCase)) });
      break;
    }
    case 'erasure':
    case 'erasure-partial': {
      const erased = acted.flatMap((task) =>
        task.erased.length
          ? task.erased.map((item) => `${task.systemName}: ${phrase(item, facts.language)}`)
          : task.status === 'done'
            ? [`${task.systemName}: ${taskLine(task, facts.language)}`]
            : [],
      );
      if (kind === 'erasure') {
        blocks.push({ text: copy.erasure.full, items: erased });
      } else {
        blocks.push({
          text: copy.erasure.partial,
          items: own.flatMap((task) =>
            task.retained.map((kept) =>
              copy.erasure.kept(phrase(kept.records, facts.language), task.systemName, phrase(kept.basis, facts.language), day(kept.until)),
            ),
          ),
        });
        if (erased.length) blocks.push({ text: copy.erasure.erasedHeading, items: erased });
        blocks.push({ text: copy.erasure.refusalNote });
      }
      break;
    }
    case 'objection': {
      const stops = stopsByDay(acted.length ? acted : own);
      blocks.push({ text: facts.objection?.processing === 'direct_marketing' ? copy.objection.marketing(stops) : copy.objection.stopped(stops) });
      break;
    }
    case 'objection-refused':
      blocks.push({ text: copy.objection.refused(facts.objection?.grounds ?? '') });
      break;
    case 'restriction':
      blocks.push({ text: copy.restriction.lead(stopsByDay(acted.length ? acted : own)) }, { text: copy.restriction.lifting });
      break;
    case 'forwarded':
      break;
    case 'refusal':
      blocks.push(
        { text: copy.refusal.lead },
        { text: copy.refusal.reasons, items: [rejectionWords(facts.rejection!.code, facts.language), facts.rejection!.reason].filter(Boolean) },
      );
      if (facts.statusUrl) blocks.push({ text: copy.refusal.status(facts.statusUrl) });
      break;
  }
  if (kind !== 'refusal' && kind !== 'access' && empty.length) blocks.push({ text: copy.nothingFound(names(empty)) });
  for (const [controller, tasks] of groupBy(forwards, (task) => task.controller ?? '')) {
    blocks.push({ text: copy.forwarded(controller, names(tasks)) });
  }
  if (facts.notified.length) blocks.push({ text: copy.notifiedHeading, items: facts.notified.map((recipient) => `${recipient.name} (${recipient.system})`) });
  if (facts.notNotified.length) blocks.push({ text: copy.notifiedOtherwise });
  const rights = RIGHTS[facts.language];
  blocks.push({ text: rights.heading, items: [...rights.rights, rights.complaint, rights.court] });
  blocks.push({ text: copy.questions(facts.controller.email) }, { text: copy.closing(facts.controller.name) });
  return { kind, subject: copy.subject[kind](facts.reference), blocks };
}

/**
 * "field: old → new". The old value is what the systems reported replacing; when they differ it is
 * given per system. With no report (a manual task), the case's own identifier is the old value if
 * the field is one and differs; otherwise the line says the previous value was corrected.
 */
function changeLines(facts: LetterFacts, acted: TaskFact[]): string[] {
  const copy = LETTER_COPY[facts.language].rectification;
  return facts.changes.flatMap((change) => {
    const field = fieldWord(change.field, facts.language);
    const olds = (task: TaskFact) => (task.previous?.[change.field] ?? []).map((value) => value || copy.empty).join(' / ');
    const reported = acted.filter((task) => olds(task));
    // The case's identifier may already be the corrected value (the person gave their right name).
    if (!reported.length) return [change.old && change.old !== change.new ? copy.change(field, change.old, change.new) : copy.changeUnknown(field, change.new)];
    const groups = [...groupBy(reported, olds)];
    if (groups.length === 1) return [copy.change(field, groups[0][0], change.new)];
    return groups.map(([old, tasks]) => copy.changeIn(field, tasks.map((task) => task.systemName).join(', '), old, change.new));
  });
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
const linkify = (escaped: string) => escaped.replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');

export function renderLetter(letter: Letter, language: 'nb' | 'en'): RenderedLetter {
  const text = letter.blocks.map((block) => [block.text ?? '', ...(block.items ?? []).map((item) => `- ${item}`)].filter(Boolean).join('\n')).join('\n\n');
  const html = htmlDocument(
    letter.subject,
    language,
    letter.blocks
      .map(
        (block) =>
          `${block.text ? `<p>${linkify(escape(block.text)).replace(/\n/g, '<br>')}</p>` : ''}${block.items?.length ? `<ul>${block.items.map((item) => `<li>${linkify(escape(item))}</li>`).join('')}</ul>` : ''}`,
      )
      .join('\n'),
  );
  return { kind: letter.kind, subject: letter.subject, text: `${text}\n`, html };
}

/** A handler's edited text as a letter: paragraphs as written, links kept clickable. */
export function renderEditedLetter(kind: LetterKind, subject: string, text: string, language: 'nb' | 'en'): RenderedLetter {
  const html = htmlDocument(
    subject,
    language,
    text
      .split(/\n{2,}/)
      .map((paragraph) => `<p>${linkify(escape(paragraph)).replace(/\n/g, '<br>')}</p>`)
      .join('\n'),
  );
  return { kind, subject, text: text.endsWith('\n') ? text : `${text}\n`, html };
}

function htmlDocument(subject: string, language: string, body: string): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head><body style="font-family:sans-serif;line-height:1.5;max-width:40rem">\n${body}\n</body></html>`;
}
