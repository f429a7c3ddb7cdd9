import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { SummaryText } from '../connector';

export const TASK_ACTIONS = ['export', 'rectify', 'erase', 'restrict', 'forward', 'instruct', 'manual'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export const TASK_STATUSES = ['pending', 'running', 'done', 'not_found', 'retained', 'forwarded', 'manual', 'failed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Still work to do: the case waits for these before it goes to review. `manual` waits for a person. */
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = ['pending', 'running', 'manual'];
/** Finished: a job that finds its task in one of these does nothing. */
export const FINISHED_TASK_STATUSES: readonly TaskStatus[] = ['done', 'not_found', 'retained', 'forwarded', 'failed'];

/** Tasks that act on the person's records (all but `forward`). A processor system's forward is
 *  created at receipt, before verification and the record search, so "the tasks have started"
 *  (records fixed, matches decided, nothing left to fan out) counts only these. */
export const ACTING_TASK_SQL = "action <> 'forward'";

/**
 * One system's share of one case: the (case, system, action) key makes fan-out idempotent. The row is
 * the source of truth; the BullMQ job that runs it can always be rebuilt from here (`jobId`).
 */
@Entity('case_tasks')
@Index('case_tasks_once_uq', ['caseId', 'systemId', 'action'], { unique: true })
@Index('case_tasks_open_idx', ['status'], { where: `status IN ('pending','running','manual')` })
export class CaseTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('case_tasks_case_idx')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'system_id', type: 'varchar', length: 40 })
  systemId: string;

  /** The data map's connector type when the task was created (decides the queue). */
  @Column({ name: 'connector_type', type: 'varchar', length: 40 })
  connectorType: string;

  @Column({ type: 'varchar', length: 20 })
  action: TaskAction;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: TaskStatus;

  /** What the action needs: rectify → {changes}, restrict → {scope}, instruct → {processors}, manual → {action}. */
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  params: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  outcome: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** `error` in each staff language while the task is pending (a retry, a wait for the plan); a
   *  failed task's translation is its outcome's `summaryText`. */
  @Column({ name: 'error_text', type: 'jsonb', nullable: true })
  errorText: SummaryText | null;

  /** Times a worker started the task (a crash or rate limit can make this larger than BullMQ's attempts). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Times staff asked for a retry; part of the retry job's id. */
  @Column({ type: 'int', default: 0 })
  retries: number;

  /** The BullMQ job that runs (or last ran) the task, re-offered by reconciliation while open. */
  @Column({ name: 'job_id', type: 'varchar', length: 200, nullable: true })
  jobId: string | null;

  @Column({ name: 'reminders_sent', type: 'int', default: 0 })
  remindersSent: number;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
