import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One request to prove a claimed identifier: a one-time code sent to the contact details on file
 * in the records that identifier found. Only the code's HMAC is stored. A row is written for every
 * request, also when nothing could be sent, so the limits count the same whether or not a record
 * was found (no oracle).
 */
@Entity('proof_codes')
@Index('proof_codes_case_identifier_idx', ['caseId', 'identifierId'])
export class ProofCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('proof_codes_case_created_idx')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'identifier_id', type: 'uuid' })
  identifierId: string;

  /** HMAC-SHA256 (key derived from APP_SECRET) of the row's case, identifier and code. */
  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** Wrong entries on the case while this code was live. */
  @Column({ name: 'wrong_attempts', type: 'int', default: 0 })
  wrongAttempts: number;

  /** Set after too many wrong entries: the code never works again. */
  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  /** From the injected Clock (the limits count in its time). */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
