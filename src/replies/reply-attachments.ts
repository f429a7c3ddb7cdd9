import type { ReplyAttachmentNote } from './case-reply.entity';

/** An attachment as the message carried it. */
export interface IncomingAttachment {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface AttachmentLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  /** More files than this in one reply are skipped (as hand-over files: 20). */
  maxFiles: number;
}

export interface SortedAttachment {
  attachment: IncomingAttachment;
  skipped?: NonNullable<ReplyAttachmentNote['skipped']>;
}

/** Which attachments are kept: each within the per-file limit, in the order they came, until the
 *  total or the count would be exceeded. A skipped one is listed with its reason, never dropped silently. */
export function sortAttachments(attachments: IncomingAttachment[], limits: AttachmentLimits): SortedAttachment[] {
  let total = 0;
  let kept = 0;
  return attachments.map((attachment) => {
    const size = attachment.bytes.length;
    if (size > limits.maxFileBytes) return { attachment, skipped: 'too_large' };
    if (kept >= limits.maxFiles) return { attachment, skipped: 'too_many' };
    if (total + size > limits.maxTotalBytes) return { attachment, skipped: 'total_too_large' };
    total += size;
    kept += 1;
    return { attachment };
  });
}

/** A file name safe to show and to offer as a download: no folders, no control characters, no
 *  quotes, at most 200 characters; `attachment-<n>` when nothing is left. */
export function safeFileName(name: string | undefined, position: number): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters have no place in a file name shown and offered as a download
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(-200);
  return cleaned && !/^\.+$/.test(cleaned) ? cleaned : `attachment-${position}`;
}

/** Text as PostgreSQL stores it: it refuses NUL in text columns, which a message may carry. */
export function storableText(text: string | undefined, max: number): string {
  return (text ?? '').split('\u0000').join('').slice(0, max);
}
