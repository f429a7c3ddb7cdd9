import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { CaseEntity } from '../cases/case.entity';
import type { Language } from '../common/case-types';
import { Clock } from '../common/clock';
import { FormCsrf } from '../public-site/form-csrf';
import { pageLanguage } from '../public-site/pages/page-renderer';
import { PublicPageFilter } from '../public-site/public-page.filter';
import { RequesterLinks } from '../public-site/requester-links';
import { Public } from '../common/auth/roles.decorator';
import { PROVEN_WHAT } from './proof-page-copy';
import { ProofPageRenderer, type ProofPage } from './proof-page-renderer';
import { ProofService, type ProofOffer } from './proof.service';
import { CasesReader } from '../cases/cases-reader';

/** Counted apart from the request form (same per-address limit, own bucket). */
const PROOF_THROTTLE = { default: { generateKey: (_context: unknown, tracker: string) => `proof-${tracker}` } };

/**
 * The requester proves a claimed phone, customer number or e-mail from the status link: a code
 * goes to the contact details on file for it, and entering it here proves it. The answers never
 * tell whether a record or a contact was found.
 */
@ApiExcludeController()
@Public()
@UseFilters(PublicPageFilter)
@Controller('status/:token/prove')
export class ProofPagesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    private readonly proofs: ProofService,
    private readonly links: RequesterLinks,
    private readonly pages: ProofPageRenderer,
    private readonly csrf: FormCsrf,
    private readonly clock: Clock,
  ) {}

  @Get()
  async show(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const entity = await this.caseOf(token);
    if (!entity) return this.invalid(request, response);
    const language = pageLanguage(request.query.lang, entity.language);
    const copy = this.pages.copy(language);
    const offers = await this.proofs.offers(entity.id);
    this.pages.send(
      response,
      200,
      language,
      {
        title: copy.title,
        lead: offers.length ? copy.lead : copy.nothingLead,
        ...this.forms(request, response, token, language, offers),
      },
      `${this.path(token)}?lang=${language === 'en' ? 'nb' : 'en'}`,
    );
  }

  @Post()
  @UseGuards(ThrottlerGuard)
  @Throttle(PROOF_THROTTLE)
  async requestCode(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const entity = await this.caseOf(token);
    if (!entity) return this.invalid(request, response);
    const language = this.language(request, entity);
    if (!this.csrf.valid(request)) return this.csrfProblem(request, response, token, language);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const identifierId = typeof body.identifier === 'string' && UUID.test(body.identifier) ? body.identifier : null;
    const copy = this.pages.copy(language);
    const result = identifierId ? await this.proofs.requestCode(entity.id, identifierId) : 'not-provable';
    const [status, title, lead] = {
      requested: [200, copy.sentTitle, copy.sentLead],
      'identifier-limit': [429, copy.identifierLimitTitle, copy.identifierLimitLead],
      'case-limit': [429, copy.caseLimitTitle, copy.caseLimitLead],
      'not-provable': [400, copy.notProvableTitle, copy.notProvableLead],
      'already-established': [200, copy.alreadyTitle, copy.alreadyLead],
      closed: [409, copy.closedTitle, copy.closedLead],
    }[result] as [number, string, string];
    const offers = result === 'not-provable' ? await this.proofs.offers(entity.id) : [];
    this.pages.send(response, status, language, {
      title,
      lead,
      ...this.forms(request, response, token, language, offers, result !== 'closed' && result !== 'already-established'),
    });
  }

  @Post('code')
  @UseGuards(ThrottlerGuard)
  @Throttle(PROOF_THROTTLE)
  async enterCode(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const entity = await this.caseOf(token);
    if (!entity) return this.invalid(request, response);
    const language = this.language(request, entity);
    if (!this.csrf.valid(request)) return this.csrfProblem(request, response, token, language);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const typed = typeof body.code === 'string' ? body.code.slice(0, 20) : '';
    const outcome = await this.proofs.enterCode(entity.id, typed);
    const copy = this.pages.copy(language);
    if (outcome.result === 'proven') {
      this.pages.send(response, 200, language, {
        title: copy.provenTitle,
        lead: this.pages.fill(copy.provenLead, { what: PROVEN_WHAT[language][outcome.kind] ?? '' }),
        statusUrl: this.statusPath(token, language),
      });
      return;
    }
    const [status, title, lead] = {
      wrong: [400, copy.wrongTitle, copy.wrongLead],
      expired: [400, copy.expiredTitle, copy.expiredLead],
      used: [400, copy.usedTitle, copy.usedLead],
      malformed: [400, copy.wrongTitle, copy.malformed],
      closed: [409, copy.closedTitle, copy.closedLead],
    }[outcome.result] as [number, string, string];
    const offers = outcome.result === 'expired' || outcome.result === 'used' ? await this.proofs.offers(entity.id) : [];
    this.pages.send(response, status, language, {
      title,
      lead,
      ...(outcome.result === 'malformed' ? { codeError: copy.malformed } : {}),
      ...this.forms(request, response, token, language, offers, outcome.result !== 'closed'),
    });
  }

  /** The offers (one form per identifier) and the code form, with a CSRF token. */
  private forms(
    request: Request,
    response: Response,
    token: string,
    language: Language,
    offers: ProofOffer[],
    codeForm = offers.length > 0,
  ): Partial<ProofPage> {
    const copy = this.pages.copy(language);
    const suffix = language === 'en' ? '?lang=en' : '';
    return {
      csrfToken: this.csrf.token(request, response),
      offers: offers.map((offer) => ({
        id: offer.id,
        label: this.pages.fill(copy.sendButton, { what: this.pages.fill(copy.kinds[offer.kind] ?? '', { hint: offer.hint }) }),
      })),
      sendAction: `${this.path(token)}${suffix}`,
      ...(codeForm ? { codeAction: `${this.path(token)}/code${suffix}` } : {}),
      statusUrl: this.statusPath(token, language),
    };
  }

  private async caseOf(token: string): Promise<CaseEntity | null> {
    const check = this.links.checkStatus(token, this.clock.now());
    if (!check.valid) return null;
    return this.casesReader.byId(check.caseId);
  }

  private language(request: Request, entity: CaseEntity): Language {
    return pageLanguage((request.body as { lang?: unknown } | undefined)?.lang ?? request.query.lang, entity.language);
  }

  private invalid(request: Request, response: Response): void {
    const language = pageLanguage(request.query.lang);
    const copy = this.pages.copy(language);
    // The same words as the status page's bad link.
    this.pages.send(response, 400, language, { title: language === 'en' ? 'The link does not work' : 'Lenken virker ikke', lead: copy.notProvableLead });
  }

  private csrfProblem(request: Request, response: Response, token: string, language: Language): void {
    const copy = this.pages.copy(language);
    this.pages.send(response, 403, language, {
      title: copy.csrfTitle,
      lead: copy.csrfLead,
      csrfToken: this.csrf.token(request, response),
      statusUrl: `${this.path(token)}${language === 'en' ? '?lang=en' : ''}`,
    });
  }

  private path(token: string): string {
    return `/status/${encodeURIComponent(token)}/prove`;
  }

  private statusPath(token: string, language: Language): string {
    return `/status/${encodeURIComponent(token)}${language === 'en' ? '?lang=en' : ''}`;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
