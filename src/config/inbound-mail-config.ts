import { z } from 'zod';

/** `imaps://user:password@host:993/INBOX` (or `imap://` for a server on a trusted network): the
 *  mailbox replies arrive in. The password is a secret: set it in the environment only. */
const imapUrl = z
  .string()
  .url()
  .refine((value) => ['imap:', 'imaps:'].includes(new URL(value).protocol), 'must be an imap:// or imaps:// URL')
  .refine((value) => Boolean(new URL(value).username && new URL(value).password), 'must name the user and password (imaps://user:password@host/INBOX)')
  .optional();

/** A plain address whose local part has no `+` (the engine adds `+<token>` itself). */
const replyAddress = z
  .string()
  .email()
  .refine((value) => !value.split('@')[0].includes('+'), 'must not contain "+": the case token is added as +<token>')
  .optional();

/** The reply settings (README "Configuration", "Replies by e-mail"); cross-checks are in app-config. */
export const inboundMailSettings = {
  INBOUND_IMAP_URL: imapUrl,
  /** The folder an unmatched message is moved to; unset, it is left unread in the mailbox. */
  INBOUND_IMAP_UNMATCHED_FOLDER: z.string().trim().min(1).max(200).optional(),
  INBOUND_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  REPLY_ADDRESS: replyAddress,
  /** One attachment larger than this is not kept (the reply lists it as skipped). */
  REPLY_ATTACHMENT_MAX_KB: z.coerce.number().int().min(1).max(51_200).default(10_240),
  /** The attachments of one reply together; those past it are skipped, in the order they came. */
  REPLY_ATTACHMENTS_TOTAL_KB: z.coerce.number().int().min(1).max(102_400).default(25_600),
};

/** Replies are on when both the mailbox and the reply address are set. */
export function repliesEnabled(config: { INBOUND_IMAP_URL?: string; REPLY_ADDRESS?: string }): boolean {
  return Boolean(config.INBOUND_IMAP_URL && config.REPLY_ADDRESS);
}
