import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One link of the append-only, hash-chained audit trail. Written unchained with the change it
 *  records; the chainer then sets `chainSeq`, `prevHash` and `hash` once. A trigger refuses
 *  DELETE and every other UPDATE. */
@Entity('audit_events')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index('audit_events_case_idx')
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ type: 'varchar', length: 60 })
  type: string;

  /** `staff:<uuid>`, `requester`, `system` or `api`. */
  @Column({ type: 'varchar', length: 80 })
  actor: string;

  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  data: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** Position in the chain, given by the chainer (null until linked). */
  @Column({ name: 'chain_seq', type: 'bigint', nullable: true })
  chainSeq: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  hash: string | null;
}
