import { dayInWords } from '../../common/request-type-words';
import { RIGHTS } from '../copy/rights-copy';
import { dispositionBlocks } from './disposition-blocks';
import { LETTER_COPY, rejectionWords } from './letter-copy';
import { allDispositions, letterKind, type LetterBlock, type LetterFacts, type LetterKind } from './letter-facts';

export type { LetterBlock } from './letter-facts';

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

/**
 * Assembles the answer letter. Every sentence about what was found or done comes from the tasks'
 * dispositions (disposition-blocks.ts), and every disposition is stated; the rest is the case's
 * own facts: its reference and date, the download, a refusal's or an objection decision's
 * reasons, the recipients told (Art 19), and always the rights, Datatilsynet and the courts.
 * The company's template (facts.template) adds only a greeting, a closing and free paragraphs
 * before and after that body; it cannot remove or change a statutory part.
 * Nothing a system's owner typed reaches the letter: the facts carry no summaries.
 */
export function composeLetter(facts: LetterFacts): Letter {
  const kind = letterKind(facts);
  const copy = LETTER_COPY[facts.language];
  const day = (iso: string) => dayInWords(iso, facts.language);
  const all = allDispositions(facts);
  const disclosed = all.some((item) => item.kind === 'disclosed');
  const own = facts.template;
  // The company's greeting and opening paragraphs come first; the statutory body starts at the reference.
  const blocks: LetterBlock[] = [
    { text: own?.greeting ?? copy.greeting },
    ...(own?.before ?? []).map((text) => ({ text })),
    { text: copy.intro(facts.reference, day(facts.receivedOn)) },
  ];

  if (kind === 'refusal') {
    blocks.push(
      { text: copy.refusal.lead },
      { text: copy.refusal.reasons, items: [rejectionWords(facts.rejection!.code, facts.language), facts.rejection!.reason].filter(Boolean) },
    );
    if (facts.statusUrl) blocks.push({ text: copy.refusal.status(facts.statusUrl) });
  }
  if (kind === 'objection-refused') blocks.push({ text: copy.objectionRefused(facts.objection?.grounds ?? '') });
  if (facts.type === 'access' && kind !== 'refusal') {
    if (disclosed) blocks.push({ text: copy.access.holds });
    else if (all.length && all.every((item) => item.kind === 'not_held')) blocks.push({ text: copy.access.none });
  }
  if (kind === 'portability') blocks.push({ text: copy.portability.lead });
  if (kind === 'access' || kind === 'portability') {
    if (facts.download) blocks.push({ text: copy.access.download(facts.download.statusUrl, day(facts.download.expiresOn)) });
    else if (facts.byPost) blocks.push({ text: copy.access.enclosed });
  }
  blocks.push(...dispositionBlocks(facts));
  // Only recipients actually told; those still to be told are the handler's to settle before completion.
  if (facts.notified.length) blocks.push({ text: copy.notifiedHeading, items: facts.notified.map((recipient) => `${recipient.name} (${recipient.system})`) });
  const rights = RIGHTS[facts.language];
  blocks.push({ text: rights.heading, items: [...rights.rights, rights.complaint, rights.court] });
  blocks.push({ text: (facts.byPost ? copy.questionsByPost : copy.questions)(facts.controller.email) });
  // The company's closing words, but always its name last: the letter says who the controller is.
  blocks.push(...(own?.after ?? []).map((text) => ({ text })), {
    text: own?.closing ? `${own.closing}\n${facts.controller.name}` : copy.closing(facts.controller.name),
  });
  return { kind, subject: copy.subject[kind](facts.reference), blocks };
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
