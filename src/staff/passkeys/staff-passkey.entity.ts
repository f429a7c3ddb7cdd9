import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** PostgreSQL bigint comes back as a string; a signature counter fits a JavaScript number (it is 32-bit). */
const counterColumn = { to: (value: number) => value, from: (value: string | number) => Number(value) };

/**
 * A WebAuthn credential (passkey) a staff member registered on their account page. Only the
 * public key is stored: the private key never leaves the authenticator. Discoverable
 * (resident) credentials with user verification, so sign-in needs neither e-mail nor password.
 */
@Entity('staff_passkeys')
@Index('staff_passkeys_user_idx', ['userId'])
export class StaffPasskeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The credential id the authenticator chose, base64url; what a sign-in names. */
  @Index('staff_passkeys_credential_uq', { unique: true })
  @Column({ name: 'credential_id', type: 'varchar', length: 1400 })
  credentialId: string;

  /** The COSE public key the signatures are checked with. */
  @Column({ name: 'public_key', type: 'bytea' })
  publicKey: Buffer;

  /** The authenticator's signature counter at the last use (0 for authenticators without one);
   *  a lower one on a later sign-in means a cloned key and is refused. */
  @Column({ type: 'bigint', default: 0, transformer: counterColumn })
  counter: number;

  /** How the browser can reach the authenticator (internal, usb, hybrid …), handed back at sign-in. */
  @Column({ type: 'jsonb' })
  transports: string[];

  /** 'singleDevice' (bound to one authenticator) or 'multiDevice' (synced, e.g. by a password manager). */
  @Column({ name: 'device_type', type: 'varchar', length: 20 })
  deviceType: string;

  /** The backup-state flag of the last use: whether the key is copied beyond this authenticator. */
  @Column({ name: 'backed_up', type: 'boolean', default: false })
  backedUp: boolean;

  /** The user's own name for it ("Laptop", "Phone"). */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
