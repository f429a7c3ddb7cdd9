import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A staff member's authenticator (TOTP, RFC 6238). One per user: starting a new enrolment
 *  replaces one not yet confirmed; a confirmed one is only replaced after it is disabled. */
@Entity('staff_totp')
export class StaffTotpEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The shared secret, sealed with AES-256-GCM under a key derived from APP_SECRET/PACKAGE_KEY
   *  (totp-cipher.ts): a database reader cannot compute codes. */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed: string;

  /** Null while enrolment waits for its first code: such a secret signs nobody in. */
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** The 30-second time step of the last accepted code: that code, and any older one, is refused
   *  from then on, so a code seen over someone's shoulder cannot be replayed. */
  @Column({ name: 'last_used_step', type: 'int', nullable: true })
  lastUsedStep: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
