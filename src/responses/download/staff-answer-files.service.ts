import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { CasesService } from '../../cases/cases.service';
import { Clock } from '../../common/clock';
import { notFound } from '../../common/domain-error';
import { AnswerLetterEntity } from '../letters/answer-letter.entity';
import { AnswerPackageEntity } from '../package/answer-package.entity';
import { PackageBuilderService } from '../package/package-builder.service';
import { PostedLetterService } from '../letters/posted-letter.service';

export type StaffLetterFormat = 'html' | 'pdf';

/**
 * What staff print and post when the requester has no e-mail address (or asks for paper): the
 * stored letters and the decrypted package. Every download is audited, without personal data.
 */
@Injectable()
export class StaffAnswerFilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly packages: PackageBuilderService,
    private readonly posted: PostedLetterService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async letters(caseId: string): Promise<Array<Pick<AnswerLetterEntity, 'id' | 'kind' | 'delivery' | 'subject'>>> {
    return this.dataSource
      .getRepository(AnswerLetterEntity)
      .find({ where: { caseId }, order: { createdAt: 'ASC' }, select: { id: true, kind: true, delivery: true, subject: true } });
  }

  async letter(
    reference: string,
    letterId: string,
    format: StaffLetterFormat,
    actor: string,
  ): Promise<{ body: Buffer | string; contentType: string; filename: string }> {
    const entity = await this.cases.findByReference(reference);
    const letter = await this.dataSource.getRepository(AnswerLetterEntity).findOne({ where: { id: letterId, caseId: entity.id } });
    if (!letter) throw notFound('Letter');
    await this.audit.record({
      caseId: entity.id,
      type: 'answer.staff_downloaded',
      actor,
      occurredAt: this.clock.now(),
      data: { letterId: letter.id, letterKind: letter.kind, format },
    });
    const filename = `${entity.reference}-${letter.kind}.${format}`;
    return format === 'pdf'
      ? { body: await this.posted.pdfOf(entity, letter), contentType: 'application/pdf', filename }
      : { body: letter.htmlBody, contentType: 'text/html; charset=utf-8', filename };
  }

  async package(reference: string, actor: string): Promise<{ body: Buffer; filename: string }> {
    const entity = await this.cases.findByReference(reference);
    const row = await this.dataSource.getRepository(AnswerPackageEntity).findOne({ where: { caseId: entity.id } });
    if (!row || !row.ciphertext) throw notFound('Answer package');
    await this.audit.record({
      caseId: entity.id,
      type: 'answer.staff_downloaded',
      actor,
      occurredAt: this.clock.now(),
      data: { packageId: row.id, format: 'zip' },
    });
    return { body: this.packages.open(row), filename: `${entity.reference}-${row.kind}.zip` };
  }
}
