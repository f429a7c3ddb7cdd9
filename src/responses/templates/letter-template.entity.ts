import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The company's own words for one letter kind in one language (see letter-template.ts). */
@Entity('letter_templates')
export class LetterTemplateEntity {
  @PrimaryColumn({ type: 'varchar', length: 30 })
  kind: string;

  @PrimaryColumn({ type: 'varchar', length: 2 })
  language: 'nb' | 'en';

  /** Null: the engine's default greeting. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  greeting: string | null;

  /** Null: the engine's default closing. The company's name always follows it. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  closing: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  before: string[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  after: string[];

  @Column({ name: 'updated_by', type: 'varchar', length: 80 })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
