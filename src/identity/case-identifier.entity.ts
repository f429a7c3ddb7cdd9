import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { IdentifierBasis, IdentifierKind } from './identity-types';

/**
 * One identifier of the person a case is about, with how it was established. The case's
 * `subject_*` columns keep what was typed; connectors are given only identifiers whose basis is
 * established (see identity-types.ts).
 */
@Entity('case_identifiers')
@Index('case_identifiers_case_kind_value_uq', ['caseId', 'kind', 'value', 'systemId'], { unique: true })
// Finds a person's other cases by an established identifier (repeat requests, Art 12(5)).
@Index('case_identifiers_established_value_idx', ['kind', 'value'], { where: `basis IN ('proven','from_record','staff_confirmed')` })
export class CaseIdentifierEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('case_identifiers_case_idx')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: IdentifierKind;

  /** Normalised for comparison: e-mail lower-cased, phone in E.164, others trimmed. */
  @Column({ type: 'text' })
  value: string;

  /** As the requester or staff wrote it, for display. */
  @Column({ type: 'text' })
  given: string;

  /** False for a phone number that does not parse: kept as claimed text, never searched. */
  @Column({ type: 'boolean', default: true })
  searchable: boolean;

  /** The system a `system_id` belongs to, or where a `from_record` identifier was read ('' = none). */
  @Column({ name: 'system_id', type: 'varchar', length: 40, default: '' })
  systemId: string;

  @Column({ type: 'varchar', length: 20 })
  basis: IdentifierBasis;

  /** How it was established, e.g. "link sent to this address", "code sent to the mobile on file in Visma". */
  @Column({ type: 'text', nullable: true })
  method: string | null;

  /** Why a staff member confirmed it. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** A staff user id, `requester` or `system`. */
  @Column({ name: 'established_by', type: 'varchar', length: 64, nullable: true })
  establishedBy: string | null;

  @Column({ name: 'established_at', type: 'timestamptz', nullable: true })
  establishedAt: Date | null;

  /** For `from_record`: the record it was read from ({ systemId, externalId }). */
  @Column({ type: 'jsonb', nullable: true })
  source: { systemId: string; externalId: string } | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
