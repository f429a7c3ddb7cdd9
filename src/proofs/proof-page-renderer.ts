import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import Handlebars from 'handlebars';
import type { Language } from '../common/case-types';
import { compileTemplate } from '../common/templates/template-files';
import { PAGE_COPY } from '../public-site/pages/page-copy';
import { PAGE_CSS } from '../public-site/pages/page-styles';
import { LAYOUT } from '../public-site/pages/page-templates';
import { SystemsService } from '../systems/systems.service';
import { PROOF_PAGE_COPY } from './proof-page-copy';

const handlebars = Handlebars.create();
const layout = handlebars.compile(LAYOUT);

/** One page for every step of a proof: a message, the offers (one form each), the code form. */
const PAGE = compileTemplate(handlebars, __dirname, 'proof-page.hbs');

export interface ProofPage {
  title: string;
  lead: string;
  csrfToken?: string;
  offers?: Array<{ id: string; label: string }>;
  sendAction?: string;
  codeAction?: string;
  codeError?: string;
  statusUrl?: string;
}

/** Server-rendered proof pages in the public site's layout: no scripts, never cached. */
@Injectable()
export class ProofPageRenderer {
  constructor(private readonly systems: SystemsService) {}

  copy(language: Language) {
    return PROOF_PAGE_COPY[language];
  }

  /** Fills `{{name}}` in a copy string; the page template escapes the result. */
  fill(source: string, values: Record<string, string | number>): string {
    return source.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  }

  send(response: Response, status: number, language: Language, page: ProofPage, switchUrl?: string): void {
    const context = { ...page, copy: PAGE_COPY[language], proofCopy: PROOF_PAGE_COPY[language], lang: language, controller: this.systems.controller() };
    response.status(status).setHeader('Cache-Control', 'no-store');
    response
      .type('html')
      .send(layout({ ...context, title: page.title, hasErrors: status >= 400 && status !== 429, switchUrl, css: PAGE_CSS, body: PAGE(context) }));
  }
}
