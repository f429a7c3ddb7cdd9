import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SystemEntry } from '../../systems/data-map.schema';
import { SystemsService } from '../../systems/systems.service';
import type { SystemCheckEntity } from '../../connectors/system-checks/system-check.entity';
import { SystemChecksService } from '../../connectors/system-checks/system-checks.service';
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
    private readonly systemChecks: SystemChecksService,
  ) {}

  @Get('systems')
  @Roles('admin', 'auditor')
  async list(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const text = SYSTEMS_COPY[this.pages.language(request)];
    const warnings = this.systems.warnings();
    const checks = await this.systemChecks.latest();
    this.pages.send(request, response, 200, 'systems', {
      title: text.title,
      active: 'systems',
      badge: await this.badge.count(staff),
      data: {
        text,
        controller: this.systems.controller(),
        systems: this.systems.systems().map((system) => ({
          ...describeSystem(system, text),
          warnings: warnings.filter((warning) => warning.startsWith(`${system.id}.`)),
          check: describeCheck(checks.get(system.id), text),
        })),
      },
    });
  }
}

/** The start-up name check, in the reader's language; the stopped message names the data-map settings. */
function describeCheck(check: SystemCheckEntity | undefined, text: SystemsCopy) {
  if (!check) return undefined;
  if (check.status === 'stopped') return { stopped: true, text: text.checkStopped, message: check.message ?? '' };
  return { stopped: false, text: check.status === 'ok' ? text.checkOk : text.checkUnreachable };
}

function describeSystem(system: SystemEntry, text: SystemsCopy) {
  const list = (items: string[]) => (items.length ? items.join(', ') : text.none);
  return {
    id: system.id,
    name: system.name,
    connector: system.connector,
    role:
      system.role === 'processor'
        ? fill(text.roleProcessor, { name: system.controllerName ?? '', contact: system.controllerContact ?? '' })
        : text.roleController,
    owner: system.owner,
    categories: list(system.categories),
    purposes: list(system.purposes),
    legalBasis: system.legalBasis,
    recipients: list(system.recipients),
    retention: [system.retention.period, system.retention.criteria, system.retention.basis].filter(Boolean).join(' – '),
    legalHolds: system.legalHolds.map((hold) => fill(text.hold, { ...hold, from: text.from[hold.from] ?? hold.from })),
  };
}
