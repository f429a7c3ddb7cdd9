import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A handler's approval of exactly these records. If the set of records the engine would act on
 * changes later, its fingerprint no longer matches and a new approval is needed.
 */
@Entity('case_record_approvals')
export class CaseRecordApprovalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('case_record_approvals_case_idx')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  /** sha256 of the sorted "system/externalId" list approved. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  /** Per system: which record, matched by which identifier kinds. */
  @Column({ type: 'jsonb' })
  records: Array<{ systemId: string; externalId: string; label: string | null; matchedBy: string[] }>;

  @Column({ name: 'approved_by', type: 'varchar', length: 64 })
  approvedBy: string;

  @Column({ name: 'approved_at', type: 'timestamptz' })
  approvedAt: Date;
}
