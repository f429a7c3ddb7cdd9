import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The organisation's second-factor rule for staff, one row (id 1), set by an admin on /staff/users. */
@Entity('staff_second_factor_policy')
export class SecondFactorPolicyEntity {
  @PrimaryColumn({ type: 'int' })
  id: number;

  /** When true, a staff member signed in with a password and without an authenticator reaches
   *  only the enrolment page (a passkey or single sign-on counts as satisfied, see second-factor.ts). */
  @Column({ name: 'required', type: 'boolean', default: false })
  required: boolean;

  @Column({ name: 'changed_at', type: 'timestamptz', nullable: true })
  changedAt: Date | null;

  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy: string | null;
}
