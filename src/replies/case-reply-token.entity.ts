import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The random token in a case's reply address (`personvern+<token>@…`): unguessable, unlike the
 *  reference, so a reply cannot be slipped into another person's case by writing to its address. */
@Entity('case_reply_tokens')
export class CaseReplyTokenEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  token: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
