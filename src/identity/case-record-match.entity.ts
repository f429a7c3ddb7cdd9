import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RecordMatchStatus } from './identity-types';

/** What the requester gave beside what the record holds, masked where a handler need not see it all. */
export interface MatchEvidence {
  given: Array<{ kind: string; value: string }>;
  held: Array<{ kind: string; value: string }>;
}

/** A record a connector found for a case, and whether the engine may act on it. */
@Entity('case_record_matches')
@Index('case_record_matches_case_system_record_uq', ['caseId', 'systemId', 'externalId'], { unique: true })
export class CaseRecordMatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('case_record_matches_case_idx')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'system_id', type: 'varchar', length: 40 })
  systemId: string;

  /** The record's id in the system, as the connector's `find` returns it. */
  @Column({ name: 'external_id', type: 'varchar', length: 200 })
  externalId: string;

  /** e.g. "user", "associate", "contact". */
  @Column({ name: 'record_kind', type: 'varchar', length: 40 })
  recordKind: string;

  @Column({ type: 'text', nullable: true })
  label: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: RecordMatchStatus;

  /** The case identifiers (ids) this record was found by. */
  @Column({ name: 'found_by', type: 'jsonb' })
  foundBy: string[];

  @Column({ type: 'jsonb' })
  evidence: MatchEvidence;

  /** The record's own e-mail addresses and phone numbers (E.164): where a proof code may be sent. Never shown. */
  @Column({ type: 'jsonb' })
  contacts: { emails: string[]; phones: string[] };

  @Column({ name: 'decided_by', type: 'varchar', length: 64, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
