import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One system's export for an access or portability case, kept in PostgreSQL (never only in Redis)
 *  until the answer package is built from it. One row per task: a re-run replaces it. */
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

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  tables: Record<string, Array<Record<string, unknown>>> | null;

  @Column({ name: 'record_count', type: 'int' })
  recordCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
