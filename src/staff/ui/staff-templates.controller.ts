import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { LANGUAGES, type Language } from '../../common/case-types';
import { notFound } from '../../common/domain-error';
import { LETTER_COPY } from '../../responses/letters/letter-copy';
import { LETTER_KINDS, type LetterKind } from '../../responses/letters/letter-facts';
import {
  checkLetterTemplate,
  isLanguage,
  isLetterKind,
  paragraphsOf,
  TEMPLATE_LIMITS,
  type LetterTemplateText,
  type TemplateIssue,
} from '../../responses/templates/letter-template';
import { LetterTemplatesService } from '../../responses/templates/letter-templates.service';
import { fill } from './pages/staff-copy';
import { StaffPageFilter } from './pages/staff-page.filter';
import { StaffPageRenderer } from './pages/staff-page-renderer';
import { TEMPLATES_COPY, type TemplatesCopy } from './pages/templates-copy';
import { StaffCsrfGuard } from './session/staff-csrf';
import { StaffBadge } from './staff-badge';
import { field } from './staff-format';

type FormValues = Record<'greeting' | 'closing' | 'before' | 'after', string>;

/** /staff/templates: admins edit the company's words in the answer letters and preview them on
 *  a sample case, through the same composer and renderers (e-mail text/HTML, posted PDF) as the
 *  real letters. The statutory body is listed, not editable. */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff/templates')
export class StaffTemplatesController {
  constructor(
    private readonly templates: LetterTemplatesService,
    private readonly pages: StaffPageRenderer,
    private readonly badge: StaffBadge,
  ) {}

  @Get()
  @Roles('admin')
  async list(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const text = TEMPLATES_COPY[this.pages.language(request)];
    const rows = await this.templates.list();
    this.pages.send(request, response, 200, 'templates', {
      title: text.title,
      active: 'templates',
      badge: await this.badge.count(staff),
      data: {
        text,
        rows: LETTER_KINDS.flatMap((kind) =>
          LANGUAGES.map((language) => ({
            kind,
            language,
            kindLabel: text.kinds[kind],
            languageLabel: text.languages[language],
            custom: rows.some((row) => row.kind === kind && row.language === language),
          })),
        ),
      },
    });
  }

  @Get(':kind/:language')
  @Roles('admin')
  async edit(
    @Param('kind') kind: string,
    @Param('language') language: string,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const [k, l] = choice(kind, language);
    const saved = await this.templates.get(k, l);
    const text = TEMPLATES_COPY[this.pages.language(request)];
    await this.send(request, response, staff, 200, k, l, valuesOf(saved), {}, saved, request.query.done === 'saved' ? text.saved : undefined);
  }

  /** One form, two buttons: "Save" stores the words; "Preview" shows them on the sample case unsaved. */
  @Post(':kind/:language')
  @Roles('admin')
  @UseGuards(StaffCsrfGuard)
  async save(
    @Param('kind') kind: string,
    @Param('language') language: string,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const [k, l] = choice(kind, language);
    const values: FormValues = {
      greeting: field(request.body, 'greeting'),
      closing: field(request.body, 'closing'),
      before: field(request.body, 'before'),
      after: field(request.body, 'after'),
    };
    const { template, issues } = checkLetterTemplate({ ...values, before: paragraphsOf(values.before), after: paragraphsOf(values.after) });
    const text = TEMPLATES_COPY[this.pages.language(request)];
    if (issues.length) return this.send(request, response, staff, 400, k, l, values, errorsOf(issues, text), null, undefined, text.fix);
    if (field(request.body, 'action') === 'preview') return this.send(request, response, staff, 200, k, l, values, {}, template, undefined, undefined, true);
    await this.templates.save(k, l, { ...template }, staffActor(staff));
    response.redirect(303, `/staff/templates/${k}/${l}?done=saved`);
  }

  @Get(':kind/:language/preview.pdf')
  @Roles('admin')
  async pdf(@Param('kind') kind: string, @Param('language') language: string, @Res() response: Response) {
    const [k, l] = choice(kind, language);
    const body = await this.templates.previewPdf(k, l, await this.templates.get(k, l));
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `inline; filename="template-${k}-${l}-sample.pdf"`);
    response.send(body);
  }

  private async send(
    request: Request,
    response: Response,
    staff: StaffPrincipal,
    status: number,
    kind: LetterKind,
    language: Language,
    values: FormValues,
    errors: Record<string, string>,
    preview: LetterTemplateText | null,
    notice?: string,
    problem?: string,
    unsaved = false,
  ): Promise<void> {
    const text = TEMPLATES_COPY[this.pages.language(request)];
    const standard = LETTER_COPY[language];
    const letter = preview ? this.templates.preview(kind, language, preview) : null;
    this.pages.send(request, response, status, 'templateEdit', {
      title: fill(text.editTitle, { kind: text.kinds[kind], language: text.languages[language] }),
      active: 'templates',
      notice,
      problem,
      badge: await this.badge.count(staff),
      data: {
        text,
        heading: fill(text.editTitle, { kind: text.kinds[kind], language: text.languages[language] }),
        action: `/staff/templates/${kind}/${language}`,
        pdf: `/staff/templates/${kind}/${language}/preview.pdf`,
        lang: language,
        values,
        errors: { template: errors },
        greetingHint: fill(text.greetingHint, { max: TEMPLATE_LIMITS.line, standard: standard.greeting }),
        closingHint: fill(text.closingHint, { max: TEMPLATE_LIMITS.line, standard: standard.closing('').trim() }),
        paragraphsHint: fill(text.paragraphsHint, { count: TEMPLATE_LIMITS.paragraphs, max: TEMPLATE_LIMITS.paragraph }),
        letter,
        previewNote: unsaved ? text.previewUnsaved : text.previewSaved,
      },
    });
  }
}

function choice(kind: string, language: string): [LetterKind, Language] {
  if (!isLetterKind(kind) || !isLanguage(language)) throw notFound('Letter template');
  return [kind, language];
}

function valuesOf(template: LetterTemplateText): FormValues {
  return { greeting: template.greeting ?? '', closing: template.closing ?? '', before: template.before.join('\n\n'), after: template.after.join('\n\n') };
}

/** Each field's first problem, in the page's language (a paragraph's with its number). */
function errorsOf(issues: TemplateIssue[], text: TemplatesCopy): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const words = fill(text.problems[issue.problem], { count: TEMPLATE_LIMITS.paragraphs });
    errors[issue.field] ??= issue.paragraph ? fill(text.paragraph, { number: issue.paragraph, problem: words }) : words;
  }
  return errors;
}
