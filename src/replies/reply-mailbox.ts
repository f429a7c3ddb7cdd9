import { Inject, Injectable, Logger } from '@nestjs/common';
import { ImapFlow } from 'imapflow';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { InboundOutcome } from './inbound-mail-receipt.entity';
import { ReplyIntakeService } from './reply-intake.service';

/** What one poll did, in counts (the job's return value, so it shows in the queue). */
export interface PollReport {
  unread: number;
  attached: number;
  unmatched: number;
  duplicate: number;
}

/** Room for the text, the headers and base64's third on top of the largest set of attachments kept. */
function maxSourceBytes(config: AppConfig): number {
  return Math.ceil((config.REPLY_ATTACHMENTS_TOTAL_KB + config.REPLY_ATTACHMENT_MAX_KB) * 1024 * 1.4) + 2 * 1024 * 1024;
}

/**
 * The IMAP side of replies (`imapflow`): each poll connects, reads the unread messages of the
 * mailbox in INBOUND_IMAP_URL by UID, and hands each to the reply intake. A message attached (or
 * recognised as read before) is marked \Seen; one that matched no case is moved to
 * INBOUND_IMAP_UNMATCHED_FOLDER, or left unread for a person. A poll holds no state between runs:
 * what was read is in PostgreSQL (inbound_mail_receipts), so a restart or a second worker re-reads
 * nothing twice.
 */
@Injectable()
export class ReplyMailbox {
  private readonly logger = new Logger('Replies');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly intake: ReplyIntakeService,
  ) {}

  async poll(): Promise<PollReport> {
    const url = new URL(this.config.INBOUND_IMAP_URL!);
    const mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
    const client = new ImapFlow({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'imaps:' ? 993 : 143,
      secure: url.protocol === 'imaps:',
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      logger: false,
      disableAutoIdle: true,
    });
    // A dropped connection is reported here too; the poll then fails and the next one reconnects.
    client.on('error', (error: Error) => this.logger.warn(`reply mailbox connection: ${error.name}`));
    const report: PollReport = { unread: 0, attached: 0, unmatched: 0, duplicate: 0 };
    await client.connect();
    try {
      const lock = await client.getMailboxLock(mailbox);
      try {
        const opened = client.mailbox;
        const uidValidity = opened ? String(opened.uidValidity) : '0';
        const uids = (await client.search({ seen: false }, { uid: true })) || [];
        report.unread = uids.length;
        for (const uid of uids) {
          const outcome = await this.readOne(client, mailbox, uidValidity, uid);
          report[outcome] += 1;
          await this.settle(client, uid, outcome);
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    return report;
  }

  private async readOne(client: ImapFlow, mailbox: string, uidValidity: string, uid: number): Promise<InboundOutcome> {
    const known = await this.intake.alreadyRead(mailbox, uidValidity, uid);
    if (known) return this.intake.receive({ mailbox, uidValidity, uid, source: Buffer.alloc(0) });
    const head = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
    if (head && head.size !== undefined && head.size > maxSourceBytes(this.config)) {
      this.logger.warn(`a message in the reply mailbox is larger than replies may be (uid ${uid}, ${head.size} bytes); left for a person`);
      return 'unmatched';
    }
    const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    if (!message || !message.source) return 'unmatched';
    return this.intake.receive({ mailbox, uidValidity, uid, source: message.source });
  }

  private async settle(client: ImapFlow, uid: number, outcome: InboundOutcome): Promise<void> {
    if (outcome !== 'unmatched') {
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      return;
    }
    const folder = this.config.INBOUND_IMAP_UNMATCHED_FOLDER;
    if (folder) await client.messageMove(String(uid), folder, { uid: true });
  }
}
