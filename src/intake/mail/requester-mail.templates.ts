import Handlebars from 'handlebars';
import type { Language, RequestType } from '../../common/case-types';
import { compileTemplate } from '../../common/templates/template-files';
import { FOOTER, MAIL_COPY, type MailCopy, type RequesterMailKind } from './requester-mail-copy';
import { REQUEST_TYPE_WORDS, dayInWords } from '../../common/request-type-words';

/** What a requester e-mail may mention. Dates are calendar days (YYYY-MM-DD). */
export interface RequesterMailVars {
  reference: string;
  requestType: RequestType;
  receivedOn: string;
  /** The effective deadline. */
  deadline: string;
  statusUrl: string;
  formUrl: string;
  controllerName: string;
  controllerEmail: string;
  privacyPolicyUrl?: string;
  verifyUrl?: string;
  /** The last day the verification link works. */
  verifyBy?: string;
  extensionReason?: string;
  extendedDue?: string;
  pauseReason?: string;
  /** 'yes' when the deadline stands still while we wait for the answer (DEADLINE_PAUSE=on). */
  clockPaused?: string;
  caseUrl?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const handlebars = Handlebars.create();
/** The HTML e-mail around the rendered copy (requester-mail.html.hbs): paragraphs, the action
 *  button with its URL spelt out, the footer. The pieces arrive as HTML already escaped. */
const HTML_LAYOUT = compileTemplate(handlebars, __dirname, 'requester-mail.html.hbs', { strict: true });
const cache = new Map<string, { text: Handlebars.TemplateDelegate; html: Handlebars.TemplateDelegate }>();

function compiled(source: string) {
  let entry = cache.get(source);
  if (!entry) {
    entry = {
      text: handlebars.compile(source, { noEscape: true, strict: true }),
      html: handlebars.compile(source, { strict: true }),
    };
    cache.set(source, entry);
  }
  return entry;
}

/** Everything a template may use: the caller's values plus their words in the message's language. */
function prepare(vars: RequesterMailVars, language: Language): Record<string, string> {
  const type = REQUEST_TYPE_WORDS[language][vars.requestType];
  const prepared: Record<string, string> = {
    ...(Object.fromEntries(Object.entries(vars).filter(([, value]) => value !== undefined)) as Record<string, string>),
    typeLabel: type.label,
    typePhrase: type.phrase,
    receivedText: dayInWords(vars.receivedOn, language),
    deadlineText: dayInWords(vars.deadline, language),
  };
  if (vars.verifyBy) prepared.verifyByText = dayInWords(vars.verifyBy, language);
  if (vars.extendedDue) prepared.extendedText = dayInWords(vars.extendedDue, language);
  return prepared;
}

/** Renders one requester (or handler) message as text and HTML in the given language. A
 *  variable the template needs but the caller left out is an error, never an empty gap. */
export function renderRequesterMail(kind: RequesterMailKind, language: Language, vars: RequesterMailVars): RenderedMail {
  const copy: MailCopy = MAIL_COPY[kind][language];
  const data = prepare(vars, language);
  const text = (source: string) => compiled(source).text(data);
  const html = (source: string) => compiled(source).html(data).replace(/\r?\n/g, '<br>');

  const footer = FOOTER[language];
  const footerLines = copy.audience === 'requester' ? [footer.status, footer.contact, footer.free, ...(vars.privacyPolicyUrl ? [footer.privacy] : [])] : [];
  const actionUrl = copy.action ? data[copy.action.url] : undefined;
  if (copy.action && !actionUrl) throw new Error(`${kind} needs ${copy.action.url}`);

  const textBody = [
    ...copy.paragraphs.map(text),
    ...(copy.action ? [`${text(copy.action.label)}: ${actionUrl}`] : []),
    ...(copy.after ?? []).map(text),
    ...(footerLines.length ? ['--', ...footerLines.map(text)] : []),
  ].join('\n\n');

  const htmlBody = HTML_LAYOUT({
    lang: language,
    subject: html(copy.subject),
    paragraphs: copy.paragraphs.map(html),
    action: copy.action ? { url: actionUrl, label: html(copy.action.label) } : undefined,
    after: (copy.after ?? []).map(html),
    footer: footerLines.map((line) => linkify(html(line))),
  });

  return { subject: text(copy.subject), text: textBody, html: htmlBody };
}

/** Footer lines end in a URL we built ourselves; make it clickable (already HTML-escaped). */
function linkify(escaped: string): string {
  return escaped.replace(/(https?:\/\/[^\s<]+)$/, '<a href="$1">$1</a>');
}
