import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** How a stored letter reaches the requester: by e-mail (an outbox row) or printed and posted by staff. */
export type LetterDelivery = 'email' | 'post';

/**
 * Every final letter as it went out (answer, refusal, notice before lifting a restriction), kept
 * with the case whether it was e-mailed or is to be posted, so staff can print it and the record
 * shows what the requester was told (Art 5(2)).
 */
@Entity('case_answer_letters')
@Index('case_answer_letters_case_kind_uq', ['caseId', 'kind'], { unique: true })
export class AnswerLetterEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'varchar', length: 30 })
  kind: string;

  @Column({ type: 'varchar', length: 10 })
  delivery: LetterDelivery;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  @Column({ name: 'html_body', type: 'text' })
  htmlBody: string;

  @Column({ name: 'outbound_email_id', type: 'uuid', nullable: true })
  outboundEmailId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
