import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Language } from '../../common/case-types';
import { humanDuration } from '../../common/human-duration';
import type { SystemEntry } from '../../systems/data-map.schema';
import { textIn, type LocalizedText } from '../../systems/localized-text';
import { SystemsService } from '../../systems/systems.service';
import { Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, type StaffPrincipal } from '../../common/auth/staff-principal';
import { fill } from './pages/staff-copy';
import { StaffPageFilter } from './pages/staff-page.filter';
import { StaffPageRenderer } from './pages/staff-page-renderer';
import { SYSTEMS_COPY, type SystemsCopy } from './pages/systems-copy';
import { StaffBadge } from './staff-badge';

/** /staff/systems: the data map as the engine loaded it, for the admin and the DPO/auditor, with
 *  the warnings a DPO should act on (retention beyond its basis, a connector secret not set). */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff')
export class StaffSystemsController {
  constructor(
    private readonly systems: SystemsService,
    private readonly pages: StaffPageRenderer,
    private readonly badge: StaffBadge,
  ) {}

  @Get('systems')
  @Roles('admin', 'auditor')
  async list(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const text = SYSTEMS_COPY[this.pages.language(request)];
    const warnings = this.systems.warnings();
    this.pages.send(request, response, 200, 'systems', {
      title: text.title,
      active: 'systems',
      badge: await this.badge.count(staff),
      data: {
        text,
        controller: this.systems.controller(),
        systems: this.systems.systems().map((system) => ({
          ...describeSystem(system, text, this.pages.language(request)),
          warnings: warnings.filter((warning) => warning.startsWith(`${system.id}.`)),
        })),
      },
    });
  }
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
    name: system.name,
    connector: system.connector === 'manual' ? MANUAL_CONNECTOR[language] : system.connector,
    role:
      system.role === 'processor'
        ? fill(text.roleProcessor, { name: system.controllerName ?? '', contact: system.controllerContact ?? '' })
        : text.roleController,
    owner: system.owner,
    categories: list(own(system.texts.categories)),
    purposes: list(own(system.texts.purposes)),
    legalBasis: system.legalBasis,
    recipients: list(system.recipients),
    retention: [
      system.retention.period && humanDuration(system.retention.period, language),
      criteria && textIn(criteria, language),
      basis && textIn(basis, language),
    ]
      .filter(Boolean)
      .join(' – '),
    legalHolds: system.legalHolds.map((hold) =>
      fill(text.hold, { ...hold, keepFor: humanDuration(hold.keepFor, language), from: text.from[hold.from] ?? hold.from }),
    ),
  };
}
