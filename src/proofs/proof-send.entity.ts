import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ProofChannel = 'email' | 'sms';

/**
 * One delivery of a proof code to a contact on file. The address itself is not kept here (it is
 * in the record and in the outbox for e-mail); its keyed hash lets the per-address limit count
 * across cases in PostgreSQL.
 */
@Entity('proof_code_sends')
@Index('proof_code_sends_destination_idx', ['destinationHash', 'sentAt'])
export class ProofSendEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('proof_code_sends_code_idx')
  @Column({ name: 'code_id', type: 'uuid' })
  codeId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'varchar', length: 10 })
  channel: ProofChannel;

  /** The system whose record holds the contact, and the record. */
  @Column({ name: 'system_id', type: 'varchar', length: 40 })
  systemId: string;

  @Column({ name: 'external_id', type: 'varchar', length: 200 })
  externalId: string;

  /** HMAC-SHA256 of the channel and normalised address. */
  @Column({ name: 'destination_hash', type: 'varchar', length: 64 })
  destinationHash: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;
}
