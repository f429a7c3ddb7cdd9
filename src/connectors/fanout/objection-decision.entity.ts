import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A handler's documented decision on an objection to processing based on legitimate interest
 *  (Art 21(1)): stop, or continue because compelling legitimate grounds override. One per case. */
@Entity('case_objection_decisions')
export class ObjectionDecisionEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'varchar', length: 30 })
  decision: 'stop' | 'compelling_grounds';

  @Column({ type: 'text' })
  grounds: string;

  @Column({ name: 'decided_by', type: 'varchar', length: 80 })
  decidedBy: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;
}
