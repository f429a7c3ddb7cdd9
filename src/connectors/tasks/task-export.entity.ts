import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One system's export for an access or portability case, kept in PostgreSQL (never only in Redis)
 * until the answer package is built from it and then until the package expires or the case closes
 * without one (docs/personal-data.md). One row per task: a re-run replaces it.
 *
 * The data and tables are stored only sealed (TaskExportCipher: AES-256-GCM, task id as additional
 * data). `legacyPlaintext` holds a row written before sealing existed, moved there by the migration
 * because a migration has no key; the retention sweep seals it on its first run (a check constraint
 * keeps exactly one of the two forms).
 */
@Entity('case_task_exports')
export class TaskExportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('case_task_exports_task_uq', { unique: true })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Index('case_task_exports_case_idx')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'system_id', type: 'varchar', length: 40 })
  systemId: string;

  @Column({ type: 'bytea', nullable: true })
  ciphertext: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  iv: Buffer | null;

  @Column({ name: 'auth_tag', type: 'bytea', nullable: true })
  authTag: Buffer | null;

  @Column({ name: 'legacy_plaintext', type: 'jsonb', nullable: true })
  legacyPlaintext: { data: Record<string, unknown>; tables: Record<string, Array<Record<string, unknown>>> | null } | null;

  /** A count, not personal data: letters and the staff view read it without opening the export. */
  @Column({ name: 'record_count', type: 'int' })
  recordCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
