import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SummaryText } from '../connector';

export type PlanSurveyStatus = 'pending' | 'done' | 'failed';

/** The survey of one system for a case's plan: pending while the connector lists the records. */
@Entity('case_plan_surveys')
export class CasePlanSurveyEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ name: 'system_id', type: 'varchar', length: 40 })
  systemId: string;

  @Column({ type: 'varchar', length: 10 })
  status: PlanSurveyStatus;

  /** The record search round this survey follows (a new search means a new survey). */
  @Column({ type: 'int', default: 1 })
  round: number;

  @Column({ name: 'surveyed_at', type: 'timestamptz', nullable: true })
  surveyedAt: Date | null;

  /** A survey again before execution found other records than the approved plan. */
  @Column({ type: 'boolean', default: false })
  changed: boolean;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** `error` in each staff language, when the engine wrote the sentence. */
  @Column({ name: 'error_text', type: 'jsonb', nullable: true })
  errorText: SummaryText | null;
}
