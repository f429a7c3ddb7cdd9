import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AuthorityStatus, DocumentType, Relationship } from './representation-types';

/**
 * A request made on someone else's behalf: who made it, their authority document (AES-256-GCM
 * at rest) and a staff member's decision on it. The case's `subject_*` columns are the person the
 * data is about; the representative's address gets the verification and journey e-mails, and the
 * answer only when the accepted authority covers receiving it. Deleted with its case.
 */
@Entity('case_representations')
export class CaseRepresentationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('case_representations_case_uq', { unique: true })
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Lower-cased, like `cases.subject_email`. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 30 })
  relationship: Relationship;

  /** Whether the authority covers receiving the answer: claimed by the representative, then set by staff on acceptance. */
  @Column({ name: 'covers_answer', type: 'boolean', default: false })
  coversAnswer: boolean;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: AuthorityStatus;

  @Column({ name: 'decided_by', type: 'varchar', length: 64, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  /** The type read from the document's own bytes, never the type the sender declared. */
  @Column({ name: 'document_type', type: 'varchar', length: 40 })
  documentType: DocumentType;

  @Column({ name: 'document_size', type: 'int' })
  documentSize: number;

  /** Null once deleted (the case closed and the answer's download period passed). */
  @Column({ name: 'document_ciphertext', type: 'bytea', nullable: true })
  documentCiphertext: Buffer | null;

  @Column({ name: 'document_iv', type: 'bytea' })
  documentIv: Buffer;

  @Column({ name: 'document_auth_tag', type: 'bytea' })
  documentAuthTag: Buffer;

  @Column({ name: 'document_deleted_at', type: 'timestamptz', nullable: true })
  documentDeletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
