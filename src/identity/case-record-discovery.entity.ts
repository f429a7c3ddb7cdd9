import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DiscoveryStatus } from './identity-types';
import type { Language } from '../common/case-types';

/** The search for a case's records in one system (before anything is exported or changed). */
@Entity('case_record_discoveries')
export class CaseRecordDiscoveryEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ name: 'system_id', type: 'varchar', length: 40 })
  systemId: string;

  @Column({ type: 'varchar', length: 20 })
  status: DiscoveryStatus;

  /** Bumped each time the search is asked for again (a new identifier was established). */
  @Column({ type: 'int', default: 1 })
  round: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** `error` in each staff language, when the engine wrote the sentence. */
  @Column({ name: 'error_text', type: 'jsonb', nullable: true })
  errorText: Record<Language, string> | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
