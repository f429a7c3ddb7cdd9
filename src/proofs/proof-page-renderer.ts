import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import Handlebars from 'handlebars';
import type { Language } from '../common/case-types';
import { PAGE_COPY } from '../public-site/pages/page-copy';
import { PAGE_CSS } from '../public-site/pages/page-styles';
import { LAYOUT } from '../public-site/pages/page-templates';
import { SystemsService } from '../systems/systems.service';
import { PROOF_PAGE_COPY } from './proof-page-copy';

const handlebars = Handlebars.create();
const layout = handlebars.compile(LAYOUT);

/** One page for every step of a proof: a message, the offers (one form each), the code form. */
const PAGE = handlebars.compile(`<h1>{{title}}</h1>
<p id="lead">{{lead}}</p>
{{#each offers}}<form method="post" action="{{../sendAction}}" class="offer">
<input type="hidden" name="_csrf" value="{{../csrfToken}}">
<input type="hidden" name="lang" value="{{../lang}}">
<input type="hidden" name="identifier" value="{{id}}">
<button type="submit">{{label}}</button>
</form>{{/each}}
{{#if codeAction}}<h2>{{proofCopy.codeHeading}}</h2>
<form method="post" action="{{codeAction}}" novalidate>
<input type="hidden" name="_csrf" value="{{csrfToken}}">
<input type="hidden" name="lang" value="{{lang}}">
<div class="field{{#if codeError}} has-error{{/if}}"><label for="code">{{proofCopy.codeLabel}}</label>
<p class="hint" id="code-hint">{{proofCopy.codeHint}}</p>
{{#if codeError}}<p class="field-error" id="code-error"><span class="vh">{{copy.errorTitlePrefix}}</span>{{codeError}}</p>{{/if}}
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="12" aria-describedby="code-hint{{#if codeError}} code-error{{/if}}"{{#if codeError}} aria-invalid="true"{{/if}} spellcheck="false"></div>
<button type="submit">{{proofCopy.codeButton}}</button>
</form>{{/if}}
{{#if statusUrl}}<p><a href="{{statusUrl}}">{{proofCopy.back}}</a></p>{{/if}}`);

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
