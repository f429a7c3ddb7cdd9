import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A handler's edited letter, one per kind: the answer is used when the case completes, the
 *  refusal when it is rejected, so reviewing a refusal never discards the answer draft. */
@Entity('case_letter_drafts')
export class LetterDraftEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  /** The letter kind the draft was edited from; a different outcome ignores it. */
  @PrimaryColumn({ type: 'varchar', length: 30 })
  kind: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'edited_by', type: 'varchar', length: 80 })
  editedBy: string;

  @Column({ name: 'edited_at', type: 'timestamptz' })
  editedAt: Date;
}
