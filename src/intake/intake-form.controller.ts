import { Controller, Get, Inject, Logger, Post, Req, Res, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Language } from '../common/case-types';
import type { AppConfig } from '../config/app-config';
import { toErrorBody } from '../common/http/error-body';
import { APP_CONFIG } from '../config/config.module';
import { Public } from '../common/auth/roles.decorator';
import { AuthorityUploadInterceptor, checkedDocument, uploadOf } from '../representation/authority-upload';
import { DOCUMENT_FIELD } from '../representation/representation-types';
import { FormCsrf } from '../public-site/form-csrf';
import { parseIntake, requesterEmail, type IntakeProblem } from './intake-input';
import { IntakeFormThrottlerGuard, rateCounterUnavailable } from './intake-form-throttler.guard';
import { IntakeService } from './intake.service';
import { fieldErrors, formToIntakeBody, formValues, formView, type FormValues } from './pages/form-view';
import { ON_BEHALF_ORDER, onBehalfAnchor, onBehalfErrors, onBehalfValues, onBehalfView, type OnBehalfField, type OnBehalfValues } from './pages/on-behalf-view';
import type { FormField } from '../public-site/pages/page-copy';
import { PageRenderer, pageLanguage } from '../public-site/pages/page-renderer';
import { PublicPageFilter } from '../public-site/public-page.filter';
import { nameableControllers } from '../systems/processor-controllers';
import { SystemsService } from '../systems/systems.service';

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
    private readonly systems: SystemsService,
  ) {}

  @Get()
  form(@Req() request: Request, @Res() response: Response): void {
    const language = pageLanguage(request.query.lang);
    this.renderForm(request, response, 200, language, {}, {}, null, randomUUID());
  }

  /** Posted as multipart/form-data (the authority document of a request on someone's behalf)
   *  or urlencoded; the file is never shown back, everything typed is. */
  @Post()
  @UseGuards(IntakeFormThrottlerGuard)
  @UseInterceptors(AuthorityUploadInterceptor)
  async submit(@Req() request: Request, @Res() response: Response): Promise<void> {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const language = pageLanguage(body.lang ?? request.query.lang);
    const values = formValues(body);
    const behalf = onBehalfValues(body);
    const key = typeof body.idempotencyKey === 'string' && IDEMPOTENCY_KEY.test(body.idempotencyKey) ? body.idempotencyKey : randomUUID();
    const parsed = parseIntake(
      formToIntakeBody(body),
      nameableControllers(this.systems.systems()).map((controller) => controller.id),
    );
    const upload = uploadOf(request);
    const checked = upload.problem ? {} : checkedDocument(upload.file, body.onBehalf === 'yes');
    const problems: IntakeProblem[] = [
      ...(parsed.ok ? [] : parsed.problems),
      ...(upload.problem?.code === 'document_too_large' ? [{ field: DOCUMENT_FIELD, code: 'document_too_large' as const }] : []),
      ...(checked.problem ? [{ field: DOCUMENT_FIELD, code: checked.problem }] : []),
    ];
    const errors = fieldErrors(problems, language);
    const behalfErrors = onBehalfErrors(problems, language);
    const render = (status: number, formProblem: 'csrf' | 'unavailable' | null, shownErrors = errors) =>
      this.renderForm(request, response, status, language, values, shownErrors, formProblem, key, behalf, formProblem === 'unavailable' ? {} : behalfErrors);

    if (!this.csrf.valid(request)) {
      render(403, 'csrf');
      return;
    }
    if (rateCounterUnavailable(request)) {
      // Redis is down: the same answer as for PostgreSQL down below, the form kept as typed.
      response.setHeader('Retry-After', '5');
      render(503, 'unavailable', {});
      return;
    }
    if (upload.problem && upload.problem.code !== 'document_too_large') {
      // A body too large in another part, or not multipart at all: nothing typed can be trusted to be complete.
      render(upload.problem.status, null);
      return;
    }
    if (!parsed.ok || problems.length || (parsed.request.onBehalf && !checked.document)) {
      render(upload.problem?.status ?? 400, null);
      return;
    }
    if (typeof body.website === 'string' && body.website.trim() !== '') {
      // A bot filled the hidden field: answer as if all went well, register nothing.
      this.logger.log('honeypot field filled; submission discarded');
      this.renderSent(response, language, requesterEmail(parsed.request), null);
      return;
    }
    let reference: string;
    try {
      reference = (await this.intake.submit(parsed.request, 'web', key, checked.document)).reference;
    } catch (error) {
      // PostgreSQL (or Redis) unreachable: the form again, with what the person typed and the same
      // idempotency key, so sending it again later cannot make a second case.
      if (toErrorBody(error).statusCode !== 503) throw error;
      response.setHeader('Retry-After', '5');
      render(503, 'unavailable', {});
      return;
    }
    this.renderSent(response, language, requesterEmail(parsed.request), reference);
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
    behalf: OnBehalfValues = {},
    behalfErrors: Partial<Record<OnBehalfField, string>> = {},
  ): void {
    const copy = this.pages.copy(language);
    const hasErrors = formProblem !== null || Object.keys(errors).length > 0 || Object.keys(behalfErrors).length > 0;
    const view = formView({
      language,
      values,
      errors,
      formProblem,
      csrfToken: this.csrf.token(request, response),
      idempotencyKey,
      answerWithin: this.answerWithin(language),
      controllers: nameableControllers(this.systems.systems()),
    });
    const errorList = [
      ...(view.errorList as Array<{ href?: string; message: string }>),
      ...ON_BEHALF_ORDER.filter((field) => behalfErrors[field]).map((field) => ({ href: onBehalfAnchor(field), message: behalfErrors[field] })),
    ];
    this.pages.send(response, status, 'form', {
      language,
      title: copy.form.title,
      hasErrors,
      switchUrl: language === 'en' ? '/' : '/?lang=en',
      data: { ...view, errorList, onBehalf: onBehalfView(language, behalf, behalfErrors) },
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
