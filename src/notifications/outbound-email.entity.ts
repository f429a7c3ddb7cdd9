import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** `limited`: never sent, the address had its hourly maximum of verification e-mails. */
export type OutboundEmailStatus = 'pending' | 'sent' | 'failed' | 'limited';

/** The outbox: every message is rendered into a row first, then delivered (by the job that
 *  rendered it, or a `send-email` job).
 *  `dedupeKey` (e.g. `case:<id>:receipt`) makes rendering idempotent; `status` makes delivery so.
 *  Once sent (or given up) the row keeps no one-time code or link token: `secrets` lists them
 *  while the row is pending, and they are cut from the bodies when it is finished (mail-secrets.ts).
 *  The kind and the case stay, which is what a resend needs: it composes a new code or link. */
@Entity('outbound_emails')
export class OutboundEmailEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('outbound_emails_dedupe_uq', { unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey: string;

  @Index('outbound_emails_case_idx')
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ type: 'varchar', length: 60 })
  kind: string;

  @Column({ name: 'to_address', type: 'varchar', length: 320 })
  toAddress: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  @Column({ name: 'html_body', type: 'text', nullable: true })
  htmlBody: string | null;

  /** The case's reply address (src/replies/), on messages to the requester while replies are on. */
  @Column({ name: 'reply_to', type: 'varchar', length: 320, nullable: true })
  replyTo: string | null;

  /** The codes and link tokens in the bodies, kept only while pending (they are in the bodies
   *  then anyway); null once removed, or when the message held none. */
  @Column({ type: 'jsonb', nullable: true })
  secrets: string[] | null;

  @Column({ name: 'secrets_removed_at', type: 'timestamptz', nullable: true })
  secretsRemovedAt: Date | null;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: OutboundEmailStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
