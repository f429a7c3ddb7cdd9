import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import Handlebars from 'handlebars';
import type { Language } from '../../common/case-types';
import { SystemsService } from '../../systems/systems.service';
import { PAGE_COPY, type PageCopy } from './page-copy';
import { PAGE_CSS } from './page-styles';
import { FORM_PAGE, LAYOUT, MESSAGE_PAGE, PARTIALS, SENT_PAGE, STATUS_PAGE } from './page-templates';

const handlebars = Handlebars.create();
const copyTemplates = new Map<string, Handlebars.TemplateDelegate>();
handlebars.registerHelper('t', function (source: string, options: Handlebars.HelperOptions) {
  let template = copyTemplates.get(source);
  if (!template) {
    template = handlebars.compile(source);
    copyTemplates.set(source, template);
  }
  // The copy string's own variables are escaped by Handlebars, so its output is safe HTML.
  return new handlebars.SafeString(template({ ...options.data.root, ...options.hash }));
});
for (const [name, source] of Object.entries(PARTIALS)) handlebars.registerPartial(name, source);

const PAGES = {
  form: handlebars.compile(FORM_PAGE),
  sent: handlebars.compile(SENT_PAGE),
  message: handlebars.compile(MESSAGE_PAGE),
  status: handlebars.compile(STATUS_PAGE),
};
const layout = handlebars.compile(LAYOUT);

export type PageName = keyof typeof PAGES;

export interface PageOptions {
  language: Language;
  title: string;
  /** The same page in the other language (the visible switch). */
  switchUrl?: string;
  hasErrors?: boolean;
  data: Record<string, unknown>;
}

/** Server-rendered public pages: no scripts, the same layout and controller details on each. */
@Injectable()
export class PageRenderer {
  constructor(private readonly systems: SystemsService) {}

  copy(language: Language): PageCopy {
    return PAGE_COPY[language];
  }

  html(page: PageName, options: PageOptions): string {
    const context = {
      ...options.data,
      copy: PAGE_COPY[options.language],
      lang: options.language,
      isEnglish: options.language === 'en',
      controller: this.systems.controller(),
    };
    const body = PAGES[page](context);
    return layout({
      ...context,
      title: options.title,
      hasErrors: options.hasErrors ?? false,
      switchUrl: options.switchUrl,
      css: PAGE_CSS,
      body,
    });
  }

  send(response: Response, status: number, page: PageName, options: PageOptions): void {
    // Pages carry CSRF tokens or personal links: never cached, never indexed.
    response.status(status).setHeader('Cache-Control', 'no-store');
    response.type('html').send(this.html(page, options));
  }
}

/** `?lang=en` chooses English; anything else is bokmål. */
export function pageLanguage(query: unknown, fallback: Language = 'nb'): Language {
  if (query === 'en') return 'en';
  if (query === 'nb') return 'nb';
  return fallback;
}
