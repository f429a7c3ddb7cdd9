import { RepeatRequestsReader } from './repeat-requests';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { invalid } from '../common/domain-error';
import { RECORD_DATES_PROBLEM_EN, parseRecordDates } from '../common/record-period';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service';
import { CASE_READERS, CASE_WORKERS, Roles } from '../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../common/auth/staff-principal';
import { toIdentifierJson } from '../identity/identifier-json';
import { IdentityService } from '../identity/identity.service';
import { CaseQueryService } from './case-query.service';
import { toCaseJson } from './case-json';
import { CaseRecordsReader } from './case-records-reader';
import { CaseRepresentationReader } from './case-representation-reader';
import { CaseTasksReader } from './case-tasks-reader';
import { CaseIdentifiersService } from './case-identifiers.service';
import { CasesService } from './cases.service';
import {
  ConfirmIdentifierDto,
  AssignCaseDto,
  FlagExcessiveDto,
  NoteDto,
  ReasonDto,
  RejectCaseDto,
  RequestInformationDto,
  VerifyCaseDto,
} from './dto/case-actions.dto';
import { ListCasesQuery } from './dto/list-cases.query';
import { RegisterCaseDto } from './dto/register-case.dto';
import { MergeCaseDto } from './dto/merge-case.dto';
import { DuplicateCasesReader } from './duplicate-cases';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly queue: CaseQueryService,
    private readonly audit: AuditService,
    private readonly tasks: CaseTasksReader,
    private readonly records: CaseRecordsReader,
    private readonly representations: CaseRepresentationReader,
    private readonly identity: IdentityService,
    private readonly identifiers: CaseIdentifiersService,
    private readonly repeats: RepeatRequestsReader,
    private readonly duplicates: DuplicateCasesReader,
  ) {}

  @Post()
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Register a request that came by any channel, with the date it really arrived' })
  async register(@Body() body: RegisterCaseDto, @CurrentStaff() staff: StaffPrincipal) {
    // The days the records are from decide preservation at receipt: refused here, naming the field.
    const [datesProblem] = parseRecordDates(body.details).problems;
    if (datesProblem) throw invalid(datesProblem.field, RECORD_DATES_PROBLEM_EN[datesProblem.code]);
    const entity = await this.cases.register(
      {
        type: body.type,
        channel: body.channel,
        receivedAt: new Date(body.receivedAt),
        subject: body.subject,
        // The postal address travels in the details, where the posted letter reads it.
        details: body.postalAddress?.trim() ? { ...body.details, postalAddress: body.postalAddress.trim() } : body.details,
        language: body.language,
        identityVerifiedBy: body.identityVerified?.method,
      },
      staffActor(staff),
    );
    return toCaseJson(entity);
  }

  @Get()
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: 'The case queue, soonest effective deadline first' })
  async list(@Query() query: ListCasesQuery) {
    const { items, total } = await this.queue.list(query);
    return { items: items.map((item) => toCaseJson(item)), total };
  }

  @Get(':reference')
  @Roles(...CASE_READERS)
  async get(@Param('reference') reference: string) {
    const entity = await this.cases.findByReference(reference);
    return this.answer(entity);
  }

  @Get(':reference/audit')
  @Roles(...CASE_READERS)
  async auditTrail(@Param('reference') reference: string) {
    const entity = await this.cases.findByReference(reference);
    const events = await this.audit.forCase(entity.id);
    return {
      items: events.map((event) => ({
        id: event.id,
        type: event.type,
        actor: event.actor,
        occurredAt: event.occurredAt.toISOString(),
        data: event.data,
        hash: event.hash,
      })),
    };
  }

  @Post(':reference/verify')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  async verify(@Param('reference') reference: string, @Body() body: VerifyCaseDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.answer(await this.cases.verify(reference, body.method, staffActor(staff), { kind: 'staff', kinds: body.identifiers }));
  }

  @Post(':reference/identifiers/:identifierId/confirm')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Confirm one claimed identifier after a check outside the engine (how and why are audited)' })
  async confirmIdentifier(
    @Param('reference') reference: string,
    @Param('identifierId', new ParseUUIDPipe({ exceptionFactory: () => invalid('identifierId', 'must be a UUID') })) identifierId: string,
    @Body() body: ConfirmIdentifierDto,
    @CurrentStaff() staff: StaffPrincipal,
  ) {
    return this.answer(await this.identifiers.confirm(reference, identifierId, body, staffActor(staff)));
  }

  @Post(':reference/approve')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  async approve(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    return this.answer(await this.cases.approve(reference, staffActor(staff)));
  }

  @Post(':reference/assign')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  async assign(@Param('reference') reference: string, @Body() body: AssignCaseDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.answer(await this.cases.assign(reference, body.userId, staffActor(staff)));
  }

  @Post(':reference/extend')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  async extend(@Param('reference') reference: string, @Body() body: ReasonDto, @CurrentStaff() staff: StaffPrincipal) {
    const { entity, warning } = await this.cases.extend(reference, body.reason, staffActor(staff));
    return { ...(await this.answer(entity)), warnings: warning ? [warning] : [] };
  }

  @Post(':reference/extension-letter/posted')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({
    summary:
      'A case without e-mail: the extension letter (GET extension-letter.pdf) was posted. Records the requester as told (extension.notifiedAt, notifiedBy "post"); audited',
  })
  async extensionLetterPosted(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    return this.answer(await this.cases.extensionLetterPosted(reference, staffActor(staff)));
  }

  @Post(':reference/pause')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  async pause(@Param('reference') reference: string, @Body() body: ReasonDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.answer(await this.cases.pause(reference, body.reason, staffActor(staff)));
  }

  @Post(':reference/request-information')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Ask the requester for information by e-mail; the clock pauses only when DEADLINE_PAUSE=on' })
  async requestInformation(@Param('reference') reference: string, @Body() body: RequestInformationDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.answer(await this.cases.requestInformation(reference, body.message, staffActor(staff)));
  }

  @Post(':reference/resume')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  async resume(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    return this.answer(await this.cases.resume(reference, staffActor(staff)));
  }

  @Post(':reference/reject')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  async reject(@Param('reference') reference: string, @Body() body: RejectCaseDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.answer(await this.cases.reject(reference, body.reasonCode, body.reason, staffActor(staff)));
  }

  @Post(':reference/withdraw')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  async withdraw(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    return this.answer(await this.cases.withdraw(reference, staffActor(staff)));
  }

  @Post(':reference/flag-excessive')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  async flag(@Param('reference') reference: string, @Body() body: FlagExcessiveDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.answer(await this.cases.flagExcessive(reference, body.flagged ?? true, body.reason, staffActor(staff)));
  }

  @Post(':reference/complete')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  async complete(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    return this.answer(await this.cases.complete(reference, staffActor(staff)));
  }

  @Post(':reference/merge')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({
    summary:
      'Merge a duplicate (another open case of the same person and request type) into this case, which survives with the earlier receipt date; the duplicate closes as merged and sends nothing',
  })
  async merge(@Param('reference') reference: string, @Body() body: MergeCaseDto, @CurrentStaff() staff: StaffPrincipal) {
    const { survivor } = await this.cases.merge(reference, body.duplicate, staffActor(staff));
    return this.answer(survivor);
  }

  @Post(':reference/notes')
  @HttpCode(201)
  @Roles(...CASE_WORKERS)
  async note(@Param('reference') reference: string, @Body() body: NoteDto, @CurrentStaff() staff: StaffPrincipal) {
    await this.cases.addNote(reference, body.text, staffActor(staff));
    return { ok: true };
  }

  private async answer(entity: Awaited<ReturnType<CasesService['findByReference']>>) {
    const [tasks, identifiers, representation, records, repeatRequests, duplicates, mergedInto] = await Promise.all([
      this.tasks.tasksFor(entity.id),
      this.identity.list(entity.id),
      this.representations.representationFor(entity.id),
      this.records.recordsFor(entity.id),
      this.repeats.forCase(entity),
      this.duplicates.forCase(entity),
      entity.mergedIntoId ? this.cases.findById(entity.mergedIntoId) : null,
    ]);
    return {
      ...toCaseJson(entity, tasks, identifiers.map(toIdentifierJson), records),
      representation,
      repeatRequests,
      duplicates,
      // A merged case's reference still resolves: to itself, naming the case that answers for both.
      mergedInto: mergedInto?.reference ?? null,
    };
  }
}
