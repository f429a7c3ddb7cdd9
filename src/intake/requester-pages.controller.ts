import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { SystemsService } from '../systems/systems.service';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource, In } from 'typeorm';
import type { Language } from '../common/case-types';
import { Clock } from '../common/clock';
import { DeadlineService } from '../deadlines/deadline.service';
import { CaseIdentifierEntity } from '../identity/case-identifier.entity';
import { REQUEST_TYPE_WORDS, dayInWords } from '../common/request-type-words';
import { Public } from '../common/auth/roles.decorator';
import { AnswerLinkRegistry } from '../public-site/answer-links';
import { PageRenderer, pageLanguage } from '../public-site/pages/page-renderer';
import { PublicPageFilter } from '../public-site/public-page.filter';
import { RequesterLinks } from '../public-site/requester-links';
import { statusView } from './status-view';
import { VerificationService, type VerifyLinkState } from './verification.service';
import { CasesReader } from '../cases/cases-reader';

/**
 * The pages behind e-mailed links. Following the verification link shows one button that
 * confirms (a POST), so mail scanners that open links cannot confirm a request on the
 * person's behalf. Bad or old links get a page that says what to do (400/410), never a 500.
 */
@ApiExcludeController()
@Public()
@UseFilters(PublicPageFilter)
@Controller()
export class RequesterPagesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    private readonly verification: VerificationService,
    private readonly links: RequesterLinks,
    private readonly answers: AnswerLinkRegistry,
    private readonly deadlines: DeadlineService,
    private readonly pages: PageRenderer,
    private readonly clock: Clock,
    private readonly systems: SystemsService,
  ) {}

  @Get('verify/:token')
  async verifyPage(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    this.renderVerify(request, response, token, await this.verification.inspect(token));
  }

  @Post('verify/:token')
  async confirm(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    this.renderVerify(request, response, token, await this.verification.confirm(token));
  }

  @Get('status/:token')
  async status(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const check = this.links.checkStatus(token, this.clock.now());
    const entity = check.valid ? await this.casesReader.byId(check.caseId) : null;
    if (!entity) {
      const language = pageLanguage(request.query.lang);
      const copy = this.pages.copy(language);
      this.pages.send(response, 400, 'message', {
        language,
        title: copy.status.invalidTitle,
        switchUrl: this.switchUrl(`/status/${encodeURIComponent(token)}`, language),
        data: { title: copy.status.invalidTitle, lead: copy.status.invalidLead, ...this.newRequest(language) },
      });
      return;
    }
    if (entity.mergedIntoId) {
      // The same person's duplicate request: its link leads to the case that answers for both.
      const lang = typeof request.query.lang === 'string' ? `?lang=${pageLanguage(request.query.lang)}` : '';
      response.redirect(303, `/status/${encodeURIComponent(this.links.statusToken(entity.mergedIntoId))}${lang}`);
      return;
    }
    const language = pageLanguage(request.query.lang, entity.language);
    const answer = await this.answers.find(entity.id);
    const copy = this.pages.copy(language);
    this.pages.send(response, 200, 'status', {
      language,
      title: copy.status.title,
      switchUrl: this.switchUrl(`/status/${encodeURIComponent(token)}`, language),
      data: {
        view: statusView(
          entity,
          language,
          answer,
          (instant) => this.deadlines.dayOf(instant),
          await this.proveUrl(entity.id, token, language),
          this.systems.approvalTypes(),
        ),
      },
    });
  }

  /** The proof page, when the case has a claimed phone, customer number or e-mail to prove. */
  private async proveUrl(caseId: string, token: string, language: Language): Promise<string | null> {
    const claimed = await this.dataSource
      .getRepository(CaseIdentifierEntity)
      .count({ where: { caseId, basis: 'claimed', searchable: true, kind: In(['phone', 'customer_number', 'email']) } });
    return claimed ? `/status/${encodeURIComponent(token)}/prove${language === 'en' ? '?lang=en' : ''}` : null;
  }

  private renderVerify(request: Request, response: Response, token: string, found: VerifyLinkState): void {
    const entity = found.state === 'invalid' ? null : found.entity;
    const language = pageLanguage(request.query.lang, entity?.language ?? 'nb');
    const copy = this.pages.copy(language).verify;
    const words = entity
      ? {
          reference: entity.reference,
          typePhrase: REQUEST_TYPE_WORDS[language][entity.type].phrase,
          deadline: dayInWords(entity.effectiveDue, language),
        }
      : {};
    const fill = (source: string) => source.replace(/\{\{(\w+)\}\}/g, (_, name: keyof typeof words) => String(words[name] ?? ''));
    const page = {
      ready: { status: 200, title: copy.confirmTitle, lead: copy.confirmLead },
      verified: { status: 200, title: copy.verifiedTitle, lead: copy.verifiedLead },
      already: { status: 200, title: copy.alreadyTitle, lead: copy.alreadyLead },
      expired: { status: 410, title: copy.expiredTitle, lead: copy.expiredLead },
      closed: { status: 410, title: copy.closedTitle, lead: copy.closedLead },
      invalid: { status: 400, title: copy.invalidTitle, lead: copy.invalidLead },
    }[found.state];
    const self = `/verify/${encodeURIComponent(token)}`;
    this.pages.send(response, page.status, 'message', {
      language,
      title: page.title,
      switchUrl: this.switchUrl(self, language),
      data: {
        title: page.title,
        lead: fill(page.lead),
        ...(found.state === 'ready' ? { confirmAction: `${self}${language === 'en' ? '?lang=en' : ''}` } : {}),
        ...(entity && ['verified', 'already'].includes(found.state) ? { statusUrl: `/status/${this.links.statusToken(entity.id)}` } : {}),
        ...(['expired', 'closed', 'invalid'].includes(found.state) ? this.newRequest(language) : {}),
      },
    });
  }

  private newRequest(language: Language) {
    return { formUrl: language === 'en' ? '/?lang=en' : '/', formLabel: this.pages.copy(language).verify.newRequest };
  }

  private switchUrl(path: string, language: Language): string {
    return `${path}?lang=${language === 'en' ? 'nb' : 'en'}`;
  }
}
