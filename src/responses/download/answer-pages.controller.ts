import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { Language } from '../../common/case-types';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { FormCsrf } from '../../public-site/form-csrf';
import { pageLanguage } from '../../public-site/pages/page-renderer';
import { PublicPageFilter } from '../../public-site/public-page.filter';
import { Public } from '../../common/auth/roles.decorator';
import { AnswerPageRenderer } from './answer-page-renderer';
import { DownloadService, type LinkState } from './download.service';

/** Counted apart from the request form (same per-address limit, own bucket). */
const ANSWER_THROTTLE = { default: { generateKey: (_context: unknown, tracker: string) => `answer-${tracker}` } };

/**
 * The download of an answer: a page that asks for a code (POST, so mail scanners that open links
 * trigger nothing), a page to enter it, and the download. Every refusal is a page in the person's
 * language with a 4xx, never the package and never a 500.
 */
@ApiExcludeController()
@Public()
@UseFilters(PublicPageFilter)
@Controller('answer')
export class AnswerPagesController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly downloads: DownloadService,
    private readonly pages: AnswerPageRenderer,
    private readonly csrf: FormCsrf,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const found = await this.downloads.inspect(token);
    const language = this.language(request, found);
    if (found.state !== 'ready') return this.refuse(response, language, found.state, found);
    const copy = this.pages.copy(language);
    this.pages.send(
      response,
      200,
      language,
      {
        title: copy.readyTitle,
        lead: this.pages.fill(copy.readyLead, { reference: found.entity.reference, lastDay: this.downloads.lastDay(found.row, language) }),
        csrfToken: this.csrf.token(request, response),
        sendForm: { action: this.action(token, 'code', language), label: copy.sendCode },
      },
      `/answer/${encodeURIComponent(token)}?lang=${language === 'en' ? 'nb' : 'en'}`,
    );
  }

  @Post(':token/code')
  @UseGuards(ThrottlerGuard)
  @Throttle(ANSWER_THROTTLE)
  async sendCode(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.csrf.valid(request)) return this.csrfProblem(request, response, token);
    const found = await this.downloads.sendCode(token);
    const language = this.language(request, found);
    if (found.state !== 'ready') return this.refuse(response, language, found.state, found);
    const copy = this.pages.copy(language);
    this.pages.send(response, 200, language, {
      title: copy.codeTitle,
      lead: this.pages.fill(copy.codeLead, { minutes: this.config.PACKAGE_CODE_TTL_MINUTES }),
      csrfToken: this.csrf.token(request, response),
      codeForm: { action: this.action(token, 'download', language) },
      sendForm: { action: this.action(token, 'code', language), label: copy.newCode },
    });
  }

  @Post(':token/download')
  @UseGuards(ThrottlerGuard)
  @Throttle(ANSWER_THROTTLE)
  async download(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.csrf.valid(request)) return this.csrfProblem(request, response, token);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const result = await this.downloads.download(token, typeof body.code === 'string' ? body.code.slice(0, 20) : '');
    if (result.result === 'ok') {
      response.status(200).setHeader('Cache-Control', 'no-store');
      response.setHeader('Content-Type', 'application/zip');
      response.setHeader('Content-Disposition', `attachment; filename="${result.filename}"`);
      response.send(result.zip);
      return;
    }
    const language = pageLanguage(body.lang ?? request.query.lang, result.result === 'invalid' ? 'nb' : result.entity.language);
    if (result.result === 'invalid' || result.result === 'expired' || result.result === 'locked') {
      return this.refuse(response, language, result.result, result.result === 'invalid' ? { state: 'invalid' } : { entity: result.entity });
    }
    const copy = this.pages.copy(language);
    const [title, lead] = {
      wrong: [copy.wrongTitle, this.pages.fill(copy.wrongLead, { attemptsLeft: result.result === 'wrong' ? result.attemptsLeft : 0 })],
      'code-expired': [copy.codeExpiredTitle, copy.codeExpiredLead],
      'code-used': [copy.codeUsedTitle, copy.codeUsedLead],
      'no-code': [copy.noCodeTitle, copy.noCodeLead],
    }[result.result];
    this.pages.send(response, 400, language, {
      title,
      lead,
      csrfToken: this.csrf.token(request, response),
      ...(result.result === 'wrong' ? { codeForm: { action: this.action(token, 'download', language) } } : {}),
      sendForm: { action: this.action(token, 'code', language), label: copy.newCode },
    });
  }

  private refuse(response: Response, language: Language, state: 'invalid' | 'expired' | 'locked', found: LinkState | { entity: { reference: string } }): void {
    const copy = this.pages.copy(language);
    const reference = 'entity' in found ? found.entity.reference : '';
    const page = {
      invalid: { status: 400, title: copy.invalidTitle, lead: copy.invalidLead },
      expired: { status: 410, title: copy.expiredTitle, lead: this.pages.fill(copy.expiredLead, { reference }) },
      locked: { status: 423, title: copy.lockedTitle, lead: this.pages.fill(copy.lockedLead, { reference }) },
    }[state];
    this.pages.send(response, page.status, language, { title: page.title, lead: page.lead });
  }

  private csrfProblem(request: Request, response: Response, token: string): void {
    const language = pageLanguage((request.body as { lang?: unknown } | undefined)?.lang ?? request.query.lang);
    const copy = this.pages.copy(language);
    this.pages.send(response, 403, language, {
      title: copy.csrfTitle,
      lead: copy.csrfLead,
      csrfToken: this.csrf.token(request, response),
      sendForm: { action: this.action(token, 'code', language), label: copy.sendCode },
    });
  }

  private action(token: string, step: 'code' | 'download', language: Language): string {
    return `/answer/${encodeURIComponent(token)}/${step}${language === 'en' ? '?lang=en' : ''}`;
  }

  private language(request: Request, found: LinkState): Language {
    const body = (request.body ?? {}) as Record<string, unknown>;
    return pageLanguage(body.lang ?? request.query.lang, found.state === 'invalid' ? 'nb' : found.entity.language);
  }
}
