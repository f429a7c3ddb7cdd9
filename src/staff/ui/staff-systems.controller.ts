import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Language } from '../../common/case-types';
import { DomainError } from '../../common/domain-error';
import { humanDuration } from '../../common/human-duration';
import type { SystemEntry } from '../../systems/data-map.schema';
import { textIn, type LocalizedText } from '../../systems/localized-text';
import { SystemsService } from '../../systems/systems.service';
import type { SystemCheckEntity } from '../../connectors/system-checks/system-check.entity';
import { findingOf, SystemChecksService } from '../../connectors/system-checks/system-checks.service';
import { Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, type StaffPrincipal } from '../../common/auth/staff-principal';
import type { OwnerWithoutAccount } from '../owners/owner-accounts';
import { OwnerOnboardingService } from '../owners/owner-onboarding.service';
import { CONNECTOR_WORDS, WARNING_WORDS } from './pages/data-map-words';
import { fill } from './pages/staff-copy';
import { StaffPageFilter } from './pages/staff-page.filter';
import { StaffPageRenderer } from './pages/staff-page-renderer';
import { SYSTEMS_COPY, type SystemsCopy } from './pages/systems-copy';
import { StaffCsrfGuard } from './session/staff-csrf';
import { StaffBadge } from './staff-badge';
import { field } from './staff-format';

/** /staff/systems: the data map as the engine loaded it, for the admin and the DPO/auditor: each
 *  system in plain words, every start-up warning with what it means and what to do, and the
 *  system owners without an account, whom an admin invites from here. */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff')
export class StaffSystemsController {
  constructor(
    private readonly systems: SystemsService,
    private readonly owners: OwnerOnboardingService,
    private readonly pages: StaffPageRenderer,
    private readonly badge: StaffBadge,
    private readonly systemChecks: SystemChecksService,
  ) {}

  @Get('systems')
  @Roles('admin', 'auditor')
  async list(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const text = SYSTEMS_COPY[this.pages.language(request)];
    const invited = typeof request.query.invited === 'string' ? fill(text.invited, { email: request.query.invited.slice(0, 320) }) : undefined;
    await this.send(request, response, staff, 200, invited);
  }

  /** Creates (or reactivates) the owner's account and e-mails the link; again: the link again. */
  @Post('systems/owners/invite')
  @Roles('admin')
  @UseGuards(StaffCsrfGuard)
  async invite(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const text = SYSTEMS_COPY[this.pages.language(request)];
    const email = field(request.body, 'email').slice(0, 320);
    try {
      await this.owners.invite(email, staff);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== 'invalid' && error.code !== 'conflict')) throw error;
      return this.send(
        request,
        response,
        staff,
        error.code === 'invalid' ? 400 : 409,
        undefined,
        error.code === 'invalid' ? text.notAnOwner : text.ownerHasAccount,
      );
    }
    response.redirect(303, `/staff/systems?invited=${encodeURIComponent(email.toLowerCase())}`);
  }

  private async send(request: Request, response: Response, staff: StaffPrincipal, status: number, notice?: string, problem?: string): Promise<void> {
    const language = this.pages.language(request);
    const text = SYSTEMS_COPY[language];
    const warnings = this.systems.warnings();
    const [checks, gaps] = await Promise.all([this.systemChecks.latest(), this.owners.withoutAccount()]);
    this.pages.send(request, response, status, 'systems', {
      title: text.title,
      active: 'systems',
      notice,
      problem,
      badge: await this.badge.count(staff),
      data: {
        text,
        canInvite: staff.role === 'admin',
        controller: this.systems.controller(),
        explained: warnings.map((warning) => ({ line: warning.text[language], ...WARNING_WORDS[language][warning.kind] })),
        owners: gaps.map((gap) => ({
          email: gap.email,
          state: text.ownerGap[gap.gap],
          systems: fill(text.ownerSystems, { systems: gap.systems.map((system) => this.systems.nameOf(system.id, language)).join(', ') }),
          again: gap.gap === 'invited',
        })),
        systems: this.systems.systems().map((system) => ({
          ...describeSystem(system, text, language),
          plain: plainWords(system, text, language, gaps),
          warnings: warnings.filter((warning) => warning.systemId === system.id).map((warning) => warning.text[language]),
          check: describeCheck(checks.get(system.id), text, language),
        })),
      },
    });
  }
}

/** The start-up name check, in the reader's language; the stopped message names the data-map settings. */
function describeCheck(check: SystemCheckEntity | undefined, text: SystemsCopy, language: Language) {
  if (!check) return undefined;
  if (check.status === 'stopped') return { stopped: true, text: text.checkStopped, message: findingOf(check)?.[language] ?? '' };
  return { stopped: false, text: check.status === 'ok' ? text.checkOk : text.checkUnreachable };
}

/** A `manual` system: no connector, its owner gets the tasks by e-mail. */
const MANUAL_CONNECTOR: Record<Language, string> = { nb: 'ingen (oppgaver på e-post til eieren)', en: 'none (tasks e-mailed to the owner)' };

function describeSystem(system: SystemEntry, text: SystemsCopy, language: Language) {
  const list = (items: string[]) => (items.length ? items.join(', ') : text.none);
  // The data map's texts in the reader's language where it gives both; durations in words.
  const own = (items: LocalizedText[]) => items.map((item) => textIn(item, language));
  const { criteria, basis } = system.texts.retention;
  return {
    id: system.id,
    name: textIn(system.texts.name, language),
    connector: system.connector === 'manual' ? MANUAL_CONNECTOR[language] : system.connector,
    role:
      system.role === 'processor'
        ? fill(text.roleProcessor, { name: system.controllerName ?? '', contact: system.controllerContact ?? '' })
        : text.roleController,
    owner: system.owner,
    categories: list(own(system.texts.categories)),
    purposes: list(own(system.texts.purposes)),
    legalBasis: textIn(system.texts.legalBasis, language),
    recipients: list(own(system.texts.recipients)),
    retention: [
      system.retention.period && humanDuration(system.retention.period, language),
      criteria && textIn(criteria, language),
      basis && textIn(basis, language),
    ]
      .filter(Boolean)
      .join(' – '),
    legalHolds: system.legalHolds.map((hold, index) =>
      fill(text.hold, {
        records: textIn(system.texts.legalHolds[index].records, language),
        basis: textIn(system.texts.legalHolds[index].basis, language),
        keepFor: humanDuration(hold.keepFor, language),
        from: text.from[hold.from] ?? hold.from,
      }),
    ),
  };
}

/** The system in sentences: what it holds and why, how long, how the service reaches it, what
 *  erasure and restriction do there, and whether its owner can do their tasks. */
function plainWords(system: SystemEntry, text: SystemsCopy, language: Language, gaps: OwnerWithoutAccount[]): string[] {
  const processor = system.role === 'processor';
  const connector = CONNECTOR_WORDS[language][system.connector];
  const controllerName = system.controllerName ?? '';
  const gap = gaps.find((candidate) => candidate.systems.some((owned) => owned.id === system.id));
  // The data map's own words in the reader's language where it gives both.
  const own = (items: LocalizedText[]) => items.map((item) => textIn(item, language)).join(', ');
  const { criteria, basis } = system.texts.retention;
  return [
    fill(text.holds, { name: textIn(system.texts.name, language), categories: own(system.texts.categories) || text.none }),
    fill(text.usedFor, { purposes: own(system.texts.purposes) || text.none }),
    system.retention.period ? fill(text.keptFor, { period: humanDuration(system.retention.period, language) }) : null,
    criteria ? fill(text.keptUntil, { criteria: textIn(criteria, language) }) : null,
    basis ? fill(text.keptBasis, { basis: textIn(basis, language) }) : null,
    processor ? fill(text.processorHow, { name: controllerName }) : (connector?.how ?? fill(text.otherConnector, { connector: system.connector })),
    fill(text.onErasure, { words: processor ? fill(text.processorActs, { name: controllerName }) : (connector?.erasure ?? text.otherConnectorActs) }),
    fill(text.onRestriction, { words: processor ? fill(text.processorActs, { name: controllerName }) : (connector?.restriction ?? text.otherConnectorActs) }),
    gap ? text.ownerGap[gap.gap] : text.ownerHas,
  ].filter((line): line is string => Boolean(line));
}
