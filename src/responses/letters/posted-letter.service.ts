import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { CaseEntity } from '../../cases/case.entity';
import { CasesService } from '../../cases/cases.service';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DeadlineService } from '../../deadlines/deadline.service';
import { SystemsService } from '../../systems/systems.service';
import { AnswerService } from '../answer.service';
import { AnswerLetterEntity } from './answer-letter.entity';
import { postedLetter } from './posted-letter';
import { renderPostedLetterPdf } from './posted-letter-pdf';

/** Where registration keeps the person's postal address (RegisterCaseDto.postalAddress). */
export function postalAddressOf(entity: Pick<CaseEntity, 'details'>): string | null {
  const value = entity.details?.postalAddress;
  return typeof value === 'string' && value.trim() ? value : null;
}

/**
 * The answer letter laid out for posting (letterhead, address block, date, reference, page
 * numbers): the letter stored with the case when there is one (what the person is told), else
 * the letter as it would go out now.
 */
@Injectable()
export class PostedLetterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CasesService,
    private readonly answers: AnswerService,
    private readonly systems: SystemsService,
    private readonly deadlines: DeadlineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The case's letter as a PDF, audited as a staff download (no personal data in the audit). */
  async forCase(reference: string, actor: string): Promise<{ body: Buffer; filename: string }> {
    const entity = await this.cases.findByReference(reference);
    const stored = await this.dataSource.getRepository(AnswerLetterEntity).findOne({ where: { caseId: entity.id }, order: { createdAt: 'DESC' } });
    const letter = stored ?? { ...(await this.answers.preview(entity.reference)), createdAt: this.clock.now() };
    const kind = stored ? stored.kind : letter.kind;
    await this.audit.record({
      caseId: entity.id,
      type: 'answer.staff_downloaded',
      actor,
      occurredAt: this.clock.now(),
      data: { format: 'posted-pdf', letterKind: kind, ...(stored ? { letterId: stored.id } : { preview: true }) },
    });
    const text = stored ? stored.textBody : (letter as { text: string }).text;
    return { body: await this.render(entity, letter.subject, text, letter.createdAt), filename: `${entity.reference}-${kind}-letter.pdf` };
  }

  /** A stored letter of the case, for printing (the staff page's "Letter (PDF)"). */
  pdfOf(entity: CaseEntity, letter: Pick<AnswerLetterEntity, 'subject' | 'textBody' | 'createdAt'>): Promise<Buffer> {
    return this.render(entity, letter.subject, letter.textBody, letter.createdAt);
  }

  private render(entity: CaseEntity, subject: string, text: string, at: Date): Promise<Buffer> {
    const layout = postedLetter({
      language: entity.language,
      reference: entity.reference,
      day: this.deadlines.dayOf(at),
      controller: this.systems.controller(),
      recipientName: entity.subjectName,
      postalAddress: postalAddressOf(entity),
      subject,
      text,
      onlineOnly: this.config.PUBLIC_URL,
    });
    return renderPostedLetterPdf(layout, at);
  }
}
