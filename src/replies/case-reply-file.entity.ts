import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An attachment of a requester's reply: sealed (AES-256-GCM, the row id as additional data), like
 *  hand-over files, and deleted with them (package expiry, or the case closing without one). */
@Entity('case_reply_files')
export class CaseReplyFileEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Index('case_reply_files_case_idx')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'reply_id', type: 'uuid' })
  replyId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** As the sender declared it; the download is always served as an attachment, never inline. */
  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ type: 'bytea' })
  ciphertext: Buffer;

  @Column({ type: 'bytea' })
  iv: Buffer;

  @Column({ name: 'auth_tag', type: 'bytea' })
  authTag: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
