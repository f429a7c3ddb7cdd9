import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import Handlebars from 'handlebars';
import type { Language } from '../../common/case-types';
import { compileTemplate } from '../../common/templates/template-files';
import { PAGE_COPY } from '../../public-site/pages/page-copy';
import { PAGE_CSS } from '../../public-site/pages/page-styles';
import { LAYOUT } from '../../public-site/pages/page-templates';
import { SystemsService } from '../../systems/systems.service';
import { ANSWER_PAGE_COPY } from './answer-page-copy';

const handlebars = Handlebars.create();
const layout = handlebars.compile(LAYOUT);

/** One page for every step: a title, a lead, and the form the step needs (CSRF token inside). */
const PAGE = compileTemplate(handlebars, __dirname, 'answer-page.hbs');

export interface AnswerPage {
  title: string;
  lead: string;
  csrfToken?: string;
  codeForm?: { action: string };
  sendForm?: { action: string; label: string };
}

/** Server-rendered download pages in the public site's layout, no scripts, never cached. */
@Injectable()
export class AnswerPageRenderer {
  constructor(private readonly systems: SystemsService) {}

  copy(language: Language) {
    return ANSWER_PAGE_COPY[language];
  }

  /** Fills `{{name}}` in a copy string; values are escaped by the page template afterwards. */
  fill(source: string, values: Record<string, string | number>): string {
    return source.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  }

  send(response: Response, status: number, language: Language, page: AnswerPage, switchUrl?: string): void {
    const context = { ...page, copy: PAGE_COPY[language], answerCopy: ANSWER_PAGE_COPY[language], lang: language, controller: this.systems.controller() };
    response.status(status).setHeader('Cache-Control', 'no-store');
    response.type('html').send(layout({ ...context, hasErrors: status >= 400, switchUrl, css: PAGE_CSS, body: PAGE(context) }));
  }
}
