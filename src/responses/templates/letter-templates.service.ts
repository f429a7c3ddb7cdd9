import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import type { Language } from '../../common/case-types';
import { DomainError } from '../../common/domain-error';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DeadlineService } from '../../deadlines/deadline.service';
import { SystemsService } from '../../systems/systems.service';
import { composeLetter, renderLetter, type RenderedLetter } from '../letters/compose-letter';
import type { LetterFacts, LetterKind } from '../letters/letter-facts';
import { postedLetter } from '../letters/posted-letter';
import { renderPostedLetterPdf } from '../letters/posted-letter-pdf';
import { sampleLetterFacts } from '../letters/sample-letter-facts';
import { LetterTemplateEntity } from './letter-template.entity';
import { checkLetterTemplate, EMPTY_TEMPLATE, issueField, TEMPLATE_PROBLEM_WORDS, type LetterTemplateText, type TemplateIssue } from './letter-template';

/** The person on the sample case's envelope (the preview's posted letter). */
const SAMPLE_RECIPIENT = { name: 'Kari Nordmann', postalAddress: 'Storgata 1\n0155 Oslo' };

/** The template's problems as one 400: each field (and paragraph) with what is wrong. */
export class TemplateInvalid extends DomainError {
  constructor(readonly issues: TemplateIssue[]) {
    super(
      'invalid',
      issues.map((issue) => `${issueField(issue)} ${TEMPLATE_PROBLEM_WORDS[issue.problem]}`).join('; '),
      issues.map((issue) => ({ field: issueField(issue), problem: issue.problem })),
    );
  }
}

/**
 * The company's letter templates: read for every answer letter (in the letter's transaction),
 * edited by admins (audited with the kind, language and which parts changed — never the words,
 * which the row keeps), and previewed on a sample case through the real composer and renderers.
 */
@Injectable()
export class LetterTemplatesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly systems: SystemsService,
    private readonly deadlines: DeadlineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every stored template (kinds and languages without a row use the defaults). */
  list(): Promise<LetterTemplateEntity[]> {
    return this.dataSource.getRepository(LetterTemplateEntity).find({ order: { kind: 'ASC', language: 'ASC' } });
  }

  async get(kind: LetterKind, language: Language, manager: EntityManager = this.dataSource.manager): Promise<LetterTemplateText> {
    const row = await manager.findOne(LetterTemplateEntity, { where: { kind, language } });
    return row ? { greeting: row.greeting, closing: row.closing, before: row.before, after: row.after } : EMPTY_TEMPLATE;
  }

  /** Checks the input (400 naming each field's problem) and stores it in place of the old one. */
  async save(kind: LetterKind, language: Language, input: Record<string, unknown>, actor: string): Promise<LetterTemplateText> {
    const { template, issues } = checkLetterTemplate(input);
    if (issues.length) throw new TemplateInvalid(issues);
    await this.dataSource.transaction(async (manager) => {
      const before = await this.get(kind, language, manager);
      const changed = (Object.keys(template) as Array<keyof LetterTemplateText>).filter(
        (part) => JSON.stringify(template[part]) !== JSON.stringify(before[part]),
      );
      if (!changed.length) return;
      const now = this.clock.now();
      await manager.upsert(LetterTemplateEntity, { kind, language, ...template, updatedBy: actor, updatedAt: now }, ['kind', 'language']);
      await this.audit.append(manager, { type: 'letter_template.changed', actor, occurredAt: now, data: { kind, language, changed } });
    });
    return template;
  }

  /** The sample case of this kind with these words, as the e-mail would carry it (text and HTML). */
  preview(kind: LetterKind, language: Language, template: LetterTemplateText): RenderedLetter {
    const facts = this.sampleFacts(kind, language, template);
    return renderLetter(composeLetter(facts), language);
  }

  /** The same sample case as the posted letter: no e-mail address, so the package goes with it. */
  previewPdf(kind: LetterKind, language: Language, template: LetterTemplateText): Promise<Buffer> {
    const facts: LetterFacts = { ...this.sampleFacts(kind, language, template), byPost: true, download: undefined };
    const letter = renderLetter(composeLetter(facts), language);
    const now = this.clock.now();
    const layout = postedLetter({
      language,
      reference: facts.reference,
      day: this.deadlines.dayOf(now),
      controller: facts.controller,
      recipientName: SAMPLE_RECIPIENT.name,
      postalAddress: SAMPLE_RECIPIENT.postalAddress,
      subject: letter.subject,
      text: letter.text,
      onlineOnly: this.config.PUBLIC_URL,
    });
    return renderPostedLetterPdf(layout, now);
  }

  private sampleFacts(kind: LetterKind, language: Language, template: LetterTemplateText): LetterFacts {
    const sample = sampleLetterFacts(kind, language, this.systems.controller());
    // The sample's links point at this service, as a real letter's do (the posted letter leaves them out).
    const statusUrl = `${this.config.PUBLIC_URL}/status/sample`;
    return {
      ...sample,
      statusUrl,
      ...(sample.download ? { download: { ...sample.download, statusUrl } } : {}),
      template,
    };
  }
}
