import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '../common/case-types';
import type { StaffRole } from '../common/auth/staff-roles';

@Entity('staff_users')
export class StaffUserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Index('staff_users_email_uq', { unique: true })
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  role: StaffRole;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** The staff member's language: the pages after sign-in and every e-mail to them. */
  @Column({ type: 'varchar', length: 2, default: 'nb' })
  language: Language;

  @Column({ name: 'failed_logins', type: 'int', default: 0 })
  failedLogins: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** Set for a generated or admin-chosen password: until the user picks their own, every route but
   *  the change form, the change API and sign-out answers "password change required". */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** Sessions and bearer tokens carry the epoch they were issued in; a password change, role change,
   *  deactivation or "sign out everywhere" moves it on, so everything issued before stops working. */
  @Column({ name: 'session_epoch', type: 'int', default: 0 })
  sessionEpoch: number;

  /** How many locks in a row without a successful sign-in: each doubles the next lock's length. */
  @Column({ name: 'lock_level', type: 'int', default: 0 })
  lockLevel: number;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
