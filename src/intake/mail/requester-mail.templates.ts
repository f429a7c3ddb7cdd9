import Handlebars from 'handlebars';
import type { Language, RequestType } from '../../common/case-types';
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

  const paragraph = (source: string) => `<p style="margin:0 0 16px">${html(source)}</p>`;
  const button = copy.action
    ? `<p style="margin:24px 0"><a href="${handlebars.escapeExpression(actionUrl!)}" style="background:#1d4f91;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;display:inline-block">${html(copy.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:14px;color:#444">${handlebars.escapeExpression(actionUrl!)}</p>`
    : '';
  const footerHtml = footerLines.length
    ? `<hr style="border:0;border-top:1px solid #ccc;margin:24px 0"><div style="font-size:14px;color:#444">${footerLines
        .map((line) => `<p style="margin:0 0 8px">${linkify(html(line))}</p>`)
        .join('')}</div>`
    : '';
  const htmlBody =
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${html(copy.subject)}</title></head>` +
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:600px;margin:0 auto;padding:16px">` +
    copy.paragraphs.map(paragraph).join('') +
    button +
    (copy.after ?? []).map(paragraph).join('') +
    footerHtml +
    '</body></html>';

  return { subject: text(copy.subject), text: textBody, html: htmlBody };
}

/** Footer lines end in a URL we built ourselves; make it clickable (already HTML-escaped). */
function linkify(escaped: string): string {
  return escaped.replace(/(https?:\/\/[^\s<]+)$/, '<a href="$1">$1</a>');
}
