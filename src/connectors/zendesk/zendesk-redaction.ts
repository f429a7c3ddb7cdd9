import type { ZendeskComment } from './zendesk-types';

/** (unverified) The name Zendesk gives an attachment after redaction. */
export const REDACTED_ATTACHMENT_NAME = 'redacted.txt';

/** Zendesk replaces each redacted character with this symbol. */
const REDACTION_MARK = '▇';

/**
 * The comment's own html_body with every run of text wrapped in `<redact>` and every link and
 * image marked `redact`: the markup stays exactly as Zendesk stored it, only the content goes.
 */
export function redactAllContent(html: string): string {
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) return part.replace(/^<(a|img)(?=[\s/>])/i, (opening) => `${opening} redact`);
      if (!part.trim()) return part;
      const lead = /^\s*/.exec(part)![0];
      const trail = /\s*$/.exec(part)![0];
      return `${lead}<redact>${part.trim()}</redact>${trail}`;
    })
    .join('');
}

function textOf(comment: ZendeskComment): string {
  return comment.plain_body ?? comment.body ?? '';
}

export const isTextRedacted = (comment: ZendeskComment) => new RegExp(`^[\\s${REDACTION_MARK}]*$`).test(textOf(comment));

export const unredactedAttachmentUrls = (comment: ZendeskComment) =>
  (comment.attachments ?? []).filter((attachment) => attachment.file_name !== REDACTED_ATTACHMENT_NAME).map((attachment) => attachment.content_url);

/** The body of `PUT /comment_redactions/{id}` that blanks the whole comment, or null when nothing is left to redact. */
export function fullRedactionRequest(
  ticketId: number,
  comment: ZendeskComment,
): { ticket_id: number; html_body?: string; external_attachment_urls?: string[] } | null {
  const request: { ticket_id: number; html_body?: string; external_attachment_urls?: string[] } = { ticket_id: ticketId };
  if (!isTextRedacted(comment) && comment.html_body) request.html_body = redactAllContent(comment.html_body);
  const attachments = unredactedAttachmentUrls(comment);
  if (attachments.length) request.external_attachment_urls = attachments;
  return request.html_body !== undefined || request.external_attachment_urls ? request : null;
}
