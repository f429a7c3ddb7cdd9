import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A job committed with the change that needs it, not yet in BullMQ (see job-outbox.ts). */
@Entity('job_outbox')
export class JobOutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  data: Record<string, unknown>;

  /** The producer's options (job id, and a connector job's queue) without the delay. */
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  opts: Record<string, unknown>;

  /** When a delayed job is due: the delay is counted from commit time, not from relay time. */
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true })
  runAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
