import type { PackageFile } from '../connector';
import { safeFileName } from '../manual/handover/handover-input';
import { downloadAttachment } from './zendesk-attachment-download';
import type { ZendeskClient } from './zendesk-client';
import type { AttachmentLimits } from './zendesk-connection';
import { REDACTED_ATTACHMENT_NAME } from './zendesk-redaction';
import type { ZendeskAttachment, ZendeskComment } from './zendesk-types';

/** An exported ticket as the attachments step needs it. */
export interface TicketWithComments {
  id: number;
  relation: 'requester' | 'cc';
  comments: ZendeskComment[];
}

export interface AttachmentExport {
  /** The downloaded files, named `ticket-<ticket>-<attachment>-<file name>`. */
  files: PackageFile[];
  /** Every attachment of the exported comments: in the package, or why not. */
  rows: Array<Record<string, unknown>>;
}

const inWords = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} kB` : `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`);

/**
 * The attachment files of the person's tickets, for the package (files/<system>/…): every file on
 * a ticket they requested, and on a ticket they were copied on the files they added themselves
 * (others' files there are about others). A file over the per-file cap, or past the export's
 * total, is not downloaded; neither is one Zendesk marks deleted, redacted or as malware. Each
 * left out is listed with the reason, so the answer says what it does not carry.
 */
export async function exportAttachments(
  client: ZendeskClient,
  systemId: string,
  tickets: TicketWithComments[],
  subjectIds: Set<number>,
  limits: AttachmentLimits,
): Promise<AttachmentExport> {
  const files: PackageFile[] = [];
  const rows: Array<Record<string, unknown>> = [];
  let used = 0;
  for (const ticket of tickets) {
    for (const comment of ticket.comments) {
      for (const attachment of comment.attachments ?? []) {
        const row = {
          ticket_id: ticket.id,
          comment_id: comment.id,
          attachment_id: attachment.id,
          file_name: attachment.file_name,
          content_type: attachment.content_type ?? null,
          size_bytes: attachment.size ?? null,
        };
        const skip = reasonToSkip(attachment, ticket.relation === 'requester' || subjectIds.has(comment.author_id), limits, used);
        if (skip) {
          rows.push({ ...row, in_package: false, package_file: null, not_included_because: skip });
          continue;
        }
        const download = await downloadAttachment(client, attachment.content_url, Math.min(limits.fileBytes, limits.totalBytes - used));
        if (!download.ok) {
          rows.push({ ...row, in_package: false, package_file: null, not_included_because: download.reason });
          continue;
        }
        used += download.bytes.length;
        const name = `ticket-${ticket.id}-${attachment.id}-${safeFileName(attachment.file_name)}`;
        files.push({ name, contentType: attachment.content_type || download.contentType || 'application/octet-stream', bytes: download.bytes });
        rows.push({ ...row, size_bytes: download.bytes.length, in_package: true, package_file: `files/${systemId}/${name}`, not_included_because: null });
      }
    }
  }
  return { files, rows };
}

function reasonToSkip(attachment: ZendeskAttachment, theirs: boolean, limits: AttachmentLimits, used: number): string | null {
  if (!theirs) return 'added by someone else to a ticket you were copied on';
  if (attachment.deleted) return 'deleted in Zendesk';
  if (attachment.file_name === REDACTED_ATTACHMENT_NAME) return 'redacted in Zendesk';
  if (attachment.malware_scan_result === 'malware_found') return 'Zendesk flagged the file as malware';
  if (!limits.fileBytes || !limits.totalBytes) return 'attachment files are not copied from this system (its size limit is 0)';
  const size = attachment.size ?? 0;
  if (size > limits.fileBytes) return `larger than ${inWords(limits.fileBytes)}, the limit per file`;
  if (used + size > limits.totalBytes || used >= limits.totalBytes) return `the answer's attachments reached ${inWords(limits.totalBytes)}, the limit in all`;
  return null;
}
