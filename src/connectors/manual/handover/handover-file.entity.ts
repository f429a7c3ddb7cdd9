import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A file a person handed over for an access or portability answer: sealed (AES-256-GCM, the row
 *  id as additional data) until the package is built from it, and deleted when the package
 *  expires or the case closes without one. Never on disk, never in clear. */
@Entity('case_handover_files')
export class HandoverFileEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Index('case_handover_files_case_idx')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Index('case_handover_files_task_idx')
  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Column({ name: 'system_id', type: 'varchar', length: 40 })
  systemId: string;

  /** The file's name in the package (files/<system>/<name>), cleaned of folders and odd characters. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Established from the content, not the sender's word. */
  @Column({ name: 'content_type', type: 'varchar', length: 40 })
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
