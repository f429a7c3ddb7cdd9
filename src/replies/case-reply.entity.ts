import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What became of one attachment of a reply: kept (sealed, `fileId`), or skipped with the reason. */
export interface ReplyAttachmentNote {
  name: string;
  sizeBytes: number;
  contentType: string;
  /** The sealed file's row; null once deleted by retention, or when it was skipped. */
  fileId: string | null;
  skipped?: 'too_large' | 'total_too_large' | 'too_many';
}

/** An e-mailed reply from the requester, attached to its case by the reply address's token.
 *  `senderKnown` is false when it came from another address than the requester's: it is shown,
 *  flagged, and never resumed the clock. */
@Entity('case_replies')
export class CaseReplyEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Index('case_replies_case_idx')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'message_id', type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  @Column({ name: 'from_address', type: 'varchar', length: 320 })
  fromAddress: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  /** The text part, or the HTML part reduced to text (never HTML: the staff page shows it as text). */
  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  /** The Date header (the sender's word), when it had one. */
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** When the engine read it from the mailbox: the time the clock resumes from. */
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'sender_known', type: 'boolean' })
  senderKnown: boolean;

  @Column({ name: 'resumed_clock', type: 'boolean', default: false })
  resumedClock: boolean;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  attachments: ReplyAttachmentNote[];
}
