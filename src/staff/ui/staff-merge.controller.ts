import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { CaseEntity } from '../../cases/case.entity';
import { CASE_REFERENCE_PATTERN } from '../../cases/case-reference';
import { CasesService } from '../../cases/cases.service';
import { CASE_WORKERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { DomainError, notFound } from '../../common/domain-error';
import { DeadlineService } from '../../deadlines/deadline.service';
import { field } from './staff-format';
import { refusalText } from './refusal-text';
import { MERGE_COPY } from './pages/merge-copy';
import { fill } from './pages/staff-copy';
import { StaffPageFilter } from './pages/staff-page.filter';
import { StaffPageRenderer } from './pages/staff-page-renderer';
import { shownDay } from './shown-date';
import { StaffCsrfGuard } from './session/staff-csrf';

/**
 * Merging a duplicate into a case from the staff pages: the case page links here with the
 * duplicate named; this page shows both cases and what the merge will do, and only its form
 * merges. A refusal (someone closed a case meanwhile, another person, another type) shows this
 * page again with the reason.
 */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff/cases')
export class StaffMergeController {
  constructor(
    private readonly cases: CasesService,
    private readonly deadlines: DeadlineService,
    private readonly pages: StaffPageRenderer,
  ) {}

  @Get(':reference/merge')
  @Roles(...CASE_WORKERS)
  async confirm(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.render(request, response, reference, field(request.query, 'duplicate'), 200);
  }

  @Post(':reference/merge')
  @Roles(...CASE_WORKERS)
  @UseGuards(StaffCsrfGuard)
  async merge(@Param('reference') reference: string, @Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const duplicate = field(request.body, 'duplicate');
    if (!CASE_REFERENCE_PATTERN.test(duplicate)) throw notFound(`Case ${duplicate}`);
    try {
      const { survivor } = await this.cases.merge(reference, duplicate, staffActor(staff));
      response.redirect(303, `/staff/cases/${encodeURIComponent(survivor.reference)}?done=merged`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'conflict') throw error;
      await this.render(request, response, reference, duplicate, 409, refusalText(error, this.pages.copy(request)));
    }
  }

  private async render(request: Request, response: Response, reference: string, duplicateReference: string, status: number, problem?: string): Promise<void> {
    if (!CASE_REFERENCE_PATTERN.test(duplicateReference)) throw notFound(`Case ${duplicateReference}`);
    const [survivor, duplicate] = [await this.cases.findByReference(reference), await this.cases.findByReference(duplicateReference)];
    const copy = this.pages.copy(request);
    const words = MERGE_COPY[this.pages.language(request)];
    const names = { survivor: survivor.reference, duplicate: duplicate.reference };
    const earliest = duplicate.receivedAt < survivor.receivedAt ? duplicate : survivor;
    const after = this.deadlines.forCase({ receivedOn: earliest.receivedOn, pausedDays: survivor.pausedDays, extendedDue: survivor.extendedDue });
    const language = this.pages.language(request);
    const day = (value: string) => shownDay(value, { language });
    const facts = (entity: CaseEntity) => ({
      reference: entity.reference,
      typeLabel: copy.type[entity.type],
      receivedOn: day(entity.receivedOn),
      effective: day(entity.effectiveDue),
    });
    const title = fill(words.confirmTitle, names);
    this.pages.send(request, response, status, 'merge', {
      title,
      active: 'queue',
      problem,
      data: {
        title,
        merge: words,
        survivor: facts(survivor),
        duplicate: facts(duplicate),
        after: { receivedOn: day(earliest.receivedOn), effective: day(after.effective) },
        consequences: words.consequences.map((line) => fill(line, names)),
      },
    });
  }
}
