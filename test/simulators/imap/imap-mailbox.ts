import hoodiecrow from 'hoodiecrow-imap';
import type { AddressInfo } from 'node:net';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';

export const IMAP_USER = 'replies';
export const IMAP_PASSWORD = 'imap-test-password';

/**
 * A real IMAP4rev1 server on a free port (hoodiecrow-imap: in memory, one account), the mailbox
 * the engine reads replies from. A test drops a message into INBOX as a requester's mail client
 * would have it delivered, and reads back the flags and folders the engine left.
 */
export class ImapMailbox {
  private server: ReturnType<typeof hoodiecrow> | null = null;
  port = 0;

  async start(): Promise<string> {
    this.server = hoodiecrow({
      plugins: ['ID', 'UNSELECT', 'ENABLE', 'LITERALPLUS', 'NAMESPACE', 'UIDPLUS', 'MOVE', 'SPECIAL-USE'],
      storage: { INBOX: { messages: [] }, '': { folders: { Unmatched: {} } } },
      users: { [IMAP_USER]: { password: IMAP_PASSWORD } },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return `imap://${IMAP_USER}:${IMAP_PASSWORD}@127.0.0.1:${this.port}/INBOX`;
  }

  /** Delivers a message built from nodemailer's options (from, to, subject, text, attachments…). */
  async deliver(message: Mail.Options): Promise<void> {
    const raw = await new MailComposer(message).compile().build();
    this.server!.appendMessage('INBOX', [], new Date(), raw.toString('binary'));
  }

  /** The messages of a folder, with their flags (`\Seen` once the engine is done with one). */
  messages(folder = 'INBOX'): Array<{ uid: number; flags: string[] }> {
    return (this.server!.getMailbox(folder)?.messages ?? []).map((message) => ({ uid: message.uid, flags: [...message.flags] }));
  }

  /** As another mail client would: the message is unread again. */
  markUnseen(uid: number, folder = 'INBOX'): void {
    const message = this.server!.getMailbox(folder)?.messages.find((candidate) => candidate.uid === uid);
    if (message) message.flags = message.flags.filter((flag) => flag !== '\\Seen');
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
