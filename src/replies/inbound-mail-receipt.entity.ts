import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `attached`: a reply on a case; `unmatched`: no case's token, left for a person; `duplicate`:
 *  a message already attached (same Message-ID) under another UID. */
export type InboundOutcome = 'attached' | 'unmatched' | 'duplicate';

/** One mailbox message read (by mailbox, UIDVALIDITY and UID): reading it again changes nothing. */
@Entity('inbound_mail_receipts')
export class InboundMailReceiptEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  mailbox: string;

  @Column({ name: 'uid_validity', type: 'bigint' })
  uidValidity: string;

  @Column({ type: 'bigint' })
  uid: string;

  @Column({ name: 'message_id', type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  @Column({ type: 'varchar', length: 20 })
  outcome: InboundOutcome;

  @Column({ name: 'reply_id', type: 'uuid', nullable: true })
  replyId: string | null;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
