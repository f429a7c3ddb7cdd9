import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toCaseJson } from '../../cases/case-json';
import { CaseTasksReader } from '../../cases/case-tasks-reader';
import { CASE_READERS, CASE_WORKERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, type StaffPrincipal } from '../../common/auth/staff-principal';
import { LegalHoldService } from '../holds/legal-hold.service';
import { ObjectionDecisionDto, RecordOutcomeDto } from './task-actions.dto';
import { TaskCommandsService } from './task-commands.service';
import { toTaskJson } from './task-json';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class TasksController {
  constructor(
    private readonly commands: TaskCommandsService,
    private readonly holds: LegalHoldService,
    private readonly reader: CaseTasksReader,
  ) {}

  @Post(':reference/tasks/:taskId/retry')
  @HttpCode(202)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Run a failed task again (409 unless it failed)' })
  async retry(@Param('reference') reference: string, @Param('taskId', ParseUUIDPipe) taskId: string, @CurrentStaff() staff: StaffPrincipal) {
    return toTaskJson(await this.commands.retry(reference, taskId, staff));
  }

  @Post(':reference/tasks/:taskId/outcome')
  @HttpCode(200)
  @Roles('admin', 'handler', 'owner')
  @ApiOperation({ summary: "Record a manual task's outcome (a system owner only for their own systems)" })
  async outcome(
    @Param('reference') reference: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Body() body: RecordOutcomeDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return toTaskJson(await this.commands.recordOutcome(reference, taskId, body, staff));
  }

  @Post(':reference/objection-decision')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Decide an objection to processing on legitimate interest: stop, or compelling grounds (documented)' })
  async decideObjection(@Param('reference') reference: string, @Body() body: ObjectionDecisionDto, @CurrentStaff() staff: StaffPrincipal) {
    const entity = await this.commands.decideObjection(reference, body.decision, body.grounds, staff);
    return toCaseJson(entity, await this.reader.tasksFor(entity.id));
  }

  @Get(':reference/legal-holds')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: 'Records kept under a legal obligation, with basis, end date and state' })
  async legalHolds(@Param('reference') reference: string) {
    const entity = await this.commands.caseByReference(reference);
    const holds = await this.holds.forCase(entity.id);
    return {
      items: holds.map((hold) => ({
        id: hold.id,
        system: hold.systemId,
        records: hold.records,
        basis: hold.basis,
        until: hold.until,
        restricted: hold.restricted,
        status: hold.status,
        ...(hold.outcome ? { outcome: hold.outcome } : {}),
      })),
    };
  }
}
