import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, UseInterceptors } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toCaseJson } from '../../cases/case-json';
import { CaseTasksReader } from '../../cases/case-tasks-reader';
import { CASE_READERS, CASE_WORKERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, type StaffPrincipal } from '../../common/auth/staff-principal';
import { LegalHoldService } from '../holds/legal-hold.service';
import { ObjectionDecisionDto, RecordOutcomeDto } from './task-actions.dto';
import { TaskCommandsService } from './task-commands.service';
import { handoverUploadOf, StrictHandoverUploadInterceptor } from '../manual/handover/handover-upload';
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
  @ApiOperation({
    summary: "Record a manual task's outcome (a system owner only for their own systems)",
    description:
      'JSON, or multipart/form-data to hand over files for an access or portability task: repeat the `files` part (CSV, JSON, PDF, PNG, JPEG, EML, MBOX, TXT; ' +
      'checked by content and name; at most 10 MB each, 25 MB and 20 files in all) beside the same fields as text (lists as JSON text). ' +
      'A problem answers 400 naming the field, e.g. `files[2]: type image/gif is not accepted`.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @UseInterceptors(StrictHandoverUploadInterceptor)
  async outcome(
    @Param('reference') reference: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Body() body: RecordOutcomeDto,
    @Req() request: Request,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    const { records, recordsCsv, redactionNote, ...outcome } = body;
    const { files } = handoverUploadOf(request);
    return toTaskJson(await this.commands.recordOutcome(reference, taskId, { ...outcome, handover: { files, records, recordsCsv, redactionNote } }, staff));
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
