import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A challenge that has been answered once. The challenge itself rides in a signed cookie (no
 * server-side state for a visitor who never signs in); this row makes each one usable once, so a
 * captured cookie and signed answer cannot be replayed while the cookie is still valid. Rows are
 * kept only until the challenge would have expired anyway.
 */
@Entity('staff_passkey_spent_challenges')
@Index('staff_passkey_spent_challenges_expires_idx', ['expiresAt'])
export class SpentPasskeyChallengeEntity {
  /** SHA-256 of the challenge, hex. */
  @PrimaryColumn({ name: 'challenge_hash', type: 'varchar', length: 64 })
  challengeHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
