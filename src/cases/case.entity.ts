import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CaseOrigin, CaseStatus, Channel, Language, RejectionCode, RequestType } from '../common/case-types';

/**
 * The case aggregate's state. Transitions live in `case-transitions.ts` so that this file stays
 * the shape of the row; the service applies a transition, saves, and audits in one transaction.
 */
@Entity('cases')
@Index('cases_queue_idx', ['effectiveDue', 'createdAt'], { where: `status IN ('awaiting_verification','in_progress','awaiting_review')` })
@Index('cases_status_due_idx', ['status', 'effectiveDue'])
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('cases_reference_uq', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  reference: string;

  @Column({ type: 'varchar', length: 20 })
  type: RequestType;

  @Column({ type: 'varchar', length: 10 })
  channel: Channel;

  @Column({ type: 'varchar', length: 30 })
  status: CaseStatus;

  /** The channel says how the request reached the company; the origin says who registered it,
   *  and so who confirms the requester's identity (the e-mail link, or staff). */
  @Column({ type: 'varchar', length: 10, default: 'staff' })
  origin: CaseOrigin;

  @Column({ type: 'varchar', length: 2, default: 'nb' })
  language: Language;

  /** Lower-cased so search by e-mail is an index lookup. */
  @Index('cases_subject_email_idx')
  @Column({ name: 'subject_email', type: 'varchar', length: 320, nullable: true })
  subjectEmail: string | null;

  @Column({ name: 'subject_name', type: 'varchar', length: 200, nullable: true })
  subjectName: string | null;

  /** Indexed, like the customer number, because a search by name also matches these exactly:
   *  one unindexed branch of that OR would turn every name search into a full scan. */
  @Index('cases_subject_phone_idx')
  @Column({ name: 'subject_phone', type: 'varchar', length: 40, nullable: true })
  subjectPhone: string | null;

  @Index('cases_subject_customer_number_idx')
  @Column({ name: 'subject_customer_number', type: 'varchar', length: 64, nullable: true })
  subjectCustomerNumber: string | null;

  /** Type-specific request details (rectification: what and the corrected value; objection: which processing). */
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  details: Record<string, unknown>;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  /** The day it reached the company in the company's time zone: the clock's day zero. */
  @Column({ name: 'received_on', type: 'date' })
  receivedOn: string;

  @Column({ name: 'statutory_due', type: 'date' })
  statutoryDue: string;

  @Column({ name: 'promise_due', type: 'date', nullable: true })
  promiseDue: string | null;

  @Column({ name: 'effective_due', type: 'date' })
  effectiveDue: string;

  @Column({ name: 'send_by', type: 'date' })
  sendBy: string;

  @Column({ name: 'extended_due', type: 'date', nullable: true })
  extendedDue: string | null;

  @Column({ name: 'extension_reason', type: 'text', nullable: true })
  extensionReason: string | null;

  /** When the requester was told about the extension (the notice goes out with the decision). */
  @Column({ name: 'extension_notified_at', type: 'timestamptz', nullable: true })
  extensionNotifiedAt: Date | null;

  /** How the requester was told of the extension: `email`, or `post` once staff marked the letter posted. */
  @Column({ name: 'extension_notified_by', type: 'varchar', length: 10, nullable: true })
  extensionNotifiedBy: 'email' | 'post' | null;

  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  @Column({ name: 'pause_reason', type: 'text', nullable: true })
  pauseReason: string | null;

  /** Whole calendar days the clock stood still, added before rolling to a working day. */
  @Column({ name: 'paused_days', type: 'int', default: 0 })
  pausedDays: number;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ name: 'verification_method', type: 'varchar', length: 100, nullable: true })
  verificationMethod: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Index('cases_assignee_idx')
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ name: 'rejection_code', type: 'varchar', length: 40, nullable: true })
  rejectionCode: RejectionCode | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  /** Set by staff when a request looks manifestly unfounded or excessive: a person decides, never the engine. */
  @Column({ name: 'flagged_excessive', type: 'boolean', default: false })
  flaggedExcessive: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** For a `merged` case: the open case of the same person it was merged into, which answers for
   *  both (its reference still resolves to that case). */
  @Index('cases_merged_into_idx', { where: 'merged_into_id IS NOT NULL' })
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @VersionColumn()
  version: number;
}
