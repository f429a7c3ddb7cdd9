import { Controller, Get, Inject, Logger, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Language } from '../cases/case-types';
import type { AppConfig } from '../config/app-config';
import { toErrorBody } from '../common/http/error-body';
import { APP_CONFIG } from '../config/config.module';
import { Public } from '../staff/auth/roles.decorator';
import { FormCsrf } from './form-csrf';
import { parseIntake } from './intake-input';
import { IntakeService } from './intake.service';
import { fieldErrors, formToIntakeBody, formValues, formView, type FormValues } from './pages/form-view';
import type { FormField } from './pages/page-copy';
import { PageRenderer, pageLanguage } from './pages/page-renderer';
import { PublicPageFilter } from './public-page.filter';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,100}$/;

/** The public request form at `/`: server-rendered, works without JavaScript, bokmål by
 *  default and English at `?lang=en`. */
@ApiExcludeController()
@Public()
@UseFilters(PublicPageFilter)
@Controller()
export class IntakeFormController {
  private readonly logger = new Logger('IntakeForm');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly intake: IntakeService,
    private readonly csrf: FormCsrf,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  form(@Req() request: Request, @Res() response: Response): void {
    const language = pageLanguage(request.query.lang);
    this.renderForm(request, response, 200, language, {}, {}, null, randomUUID());
  }

  @Post()
  @UseGuards(ThrottlerGuard)
  async submit(@Req() request: Request, @Res() response: Response): Promise<void> {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const language = pageLanguage(body.lang ?? request.query.lang);
    const values = formValues(body);
    const key = typeof body.idempotencyKey === 'string' && IDEMPOTENCY_KEY.test(body.idempotencyKey) ? body.idempotencyKey : randomUUID();
    const parsed = parseIntake(formToIntakeBody(body));
    const errors = parsed.ok ? {} : fieldErrors(parsed.problems, language);

    if (!this.csrf.valid(request)) {
      this.renderForm(request, response, 403, language, values, errors, 'csrf', key);
      return;
    }
    if (!parsed.ok) {
      this.renderForm(request, response, 400, language, values, errors, null, key);
      return;
    }
    if (typeof body.website === 'string' && body.website.trim() !== '') {
      // A bot filled the hidden field: answer as if all went well, register nothing.
      this.logger.log('honeypot field filled; submission discarded');
      this.renderSent(response, language, parsed.request.email, null);
      return;
    }
    let reference: string;
    try {
      reference = (await this.intake.submit(parsed.request, 'web', key)).reference;
    } catch (error) {
      // PostgreSQL (or Redis) unreachable: the form again, with what the person typed and the same
      // idempotency key, so sending it again later cannot make a second case.
      if (toErrorBody(error).statusCode !== 503) throw error;
      response.setHeader('Retry-After', '5');
      this.renderForm(request, response, 503, language, values, {}, 'unavailable', key);
      return;
    }
    this.renderSent(response, language, parsed.request.email, reference);
  }

  private renderForm(
    request: Request,
    response: Response,
    status: number,
    language: Language,
    values: FormValues,
    errors: Partial<Record<FormField, string>>,
    formProblem: 'csrf' | 'unavailable' | null,
    idempotencyKey: string,
  ): void {
    const copy = this.pages.copy(language);
    const hasErrors = formProblem !== null || Object.keys(errors).length > 0;
    this.pages.send(response, status, 'form', {
      language,
      title: copy.form.title,
      hasErrors,
      switchUrl: language === 'en' ? '/' : '/?lang=en',
      data: formView({
        language,
        values,
        errors,
        formProblem,
        csrfToken: this.csrf.token(request, response),
        idempotencyKey,
        answerWithin: this.answerWithin(language),
      }),
    });
  }

  private renderSent(response: Response, language: Language, email: string, reference: string | null): void {
    const copy = this.pages.copy(language);
    this.pages.send(response, 200, 'sent', {
      language,
      title: copy.sent.title,
      data: { email, reference, days: this.config.VERIFICATION_TTL_DAYS, formUrl: language === 'en' ? '/?lang=en' : '/' },
    });
  }

  private answerWithin(language: Language): string {
    const days = this.config.DEADLINE_PROMISE_DAYS;
    if (language === 'en') return days > 0 ? `${days} days` : 'one month';
    return days > 0 ? `${days} dager` : 'én måned';
  }
}
