import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AnswerPackageKind = 'access' | 'portability';

/**
 * A case's answer package (zip), encrypted at rest with AES-256-GCM. The ciphertext is dropped
 * when the download period ends; the row stays as the record that a package existed.
 */
@Entity('answer_packages')
export class AnswerPackageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('answer_packages_case_uq', { unique: true })
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: AnswerPackageKind;

  /** Null once deleted at expiry. */
  @Column({ type: 'bytea', nullable: true })
  ciphertext: Buffer | null;

  @Column({ type: 'bytea' })
  iv: Buffer;

  @Column({ name: 'auth_tag', type: 'bytea' })
  authTag: Buffer;

  /** SHA-256 of the plaintext zip, so a download can be checked against what was built. */
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  /** Wrong download codes in a row; three lock the package until staff unlock it. */
  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts: number;

  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
