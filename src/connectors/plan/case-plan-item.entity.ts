import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { KeepDecision, PlanAction, SummaryText } from '../connector';

/** One record of a case's plan: what the connector proposed and what a handler decided. */
@Entity('case_plan_items')
export class CasePlanItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'system_id', type: 'varchar', length: 40 })
  systemId: string;

  /** The connector's id of the record, e.g. "ticket:123". */
  @Column({ type: 'varchar', length: 120 })
  ref: string;

  @Column({ name: 'record_type', type: 'varchar', length: 40 })
  recordType: string;

  @Column({ type: 'varchar', length: 300 })
  label: string;

  /** The label in each staff language; `label` keeps the English (REST API, rows stored before). */
  @Column({ name: 'label_text', type: 'jsonb', nullable: true })
  labelText: SummaryText | null;

  @Column({ name: 'record_date', type: 'date', nullable: true })
  recordDate: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  parent: string | null;

  @Column({ type: 'varchar', length: 10 })
  proposed: PlanAction;

  @Column({ name: 'proposed_keep', type: 'jsonb', nullable: true })
  proposedKeep: KeepDecision | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'note_text', type: 'jsonb', nullable: true })
  noteText: SummaryText | null;

  /** Fields a per-field restriction or rectification can name. */
  @Column({ type: 'jsonb', nullable: true })
  fields: string[] | null;

  /** The decided action: the proposal until a handler changes it. */
  @Column({ type: 'varchar', length: 10 })
  action: PlanAction;

  @Column({ type: 'jsonb', nullable: true })
  keep: KeepDecision | null;

  @Column({ name: 'decided_fields', type: 'jsonb', nullable: true })
  decidedFields: string[] | null;

  /** 'new': found by a survey again after the plan was approved. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  change: 'new' | null;

  /** No longer found by the latest survey: left out of execution, shown so the handler sees it. */
  @Column({ type: 'boolean', default: false })
  gone: boolean;

  @Column({ name: 'decided_by', type: 'varchar', length: 80, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
