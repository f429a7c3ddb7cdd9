import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A file for an access or portability answer — handed over by a person, or exported by a
 *  connector (e.g. a ticket's attachment): sealed (AES-256-GCM, the row id as additional data)
 *  until the package is built from it, and deleted when the package expires or the case closes
 *  without one. Never on disk, never in clear. */
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

  /** A hand-over's: established from the content, not the sender's word; a connector's: as its system states it. */
  @Column({ name: 'content_type', type: 'varchar', length: 255 })
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
