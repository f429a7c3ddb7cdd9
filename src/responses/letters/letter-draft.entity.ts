import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A handler's edited answer letter, used instead of the assembled one when the case completes. */
@Entity('case_letter_drafts')
export class LetterDraftEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  /** The letter kind the draft was edited from; a different outcome (e.g. a refusal) ignores it. */
  @Column({ type: 'varchar', length: 30 })
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
