import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IdentityService } from '../../identity/identity.service';
import { CASE_WORKERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { RecordDecisionsService, REASON_MAX } from './record-decisions.service';
import { toRecordJson } from './records-json';

export class RecordDecisionDto {
  @ApiProperty({ example: 'Called back the mobile number on the customer card; the person confirmed the order history.', maxLength: REASON_MAX })
  @IsString({ message: 'is required: say why (e.g. what was checked)' })
  @MinLength(1, { message: 'is required: say why (e.g. what was checked)' })
  @MaxLength(REASON_MAX, { message: `must be at most ${REASON_MAX} characters` })
  reason: string;
}

/** A handler's decisions on the records the search found, and asking for the search again. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class RecordsController {
  constructor(
    private readonly decisions: RecordDecisionsService,
    private readonly identity: IdentityService,
  ) {}

  @Post(':reference/records/search')
  @HttpCode(202)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: "Search every API system for the person's records again (e.g. after a failed search); 409 once tasks exist" })
  async search(@Param('reference') reference: string, @CurrentStaff() staff: StaffPrincipal) {
    const rounds = await this.decisions.searchAgain(reference, staffActor(staff));
    return { recordSearch: rounds.map((item) => ({ system: item.systemId, status: 'pending' })) };
  }

  @Post(':reference/records/:recordId/confirm')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: "Confirm a possible match: the record is the requester's (the identifiers that found it become staff-confirmed)" })
  confirm(@Param('reference') reference: string, @Param('recordId') recordId: string, @Body() body: RecordDecisionDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.decided(reference, recordId, 'confirm', body, staff);
  }

  @Post(':reference/records/:recordId/reject')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Reject a possible match: nothing is ever done with the record' })
  reject(@Param('reference') reference: string, @Param('recordId') recordId: string, @Body() body: RecordDecisionDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.decided(reference, recordId, 'reject', body, staff);
  }

  private async decided(reference: string, recordId: string, decision: 'confirm' | 'reject', body: RecordDecisionDto, staff: StaffPrincipal) {
    const record = await this.decisions.decide(reference, recordId, decision, body.reason, staffActor(staff));
    return toRecordJson(record, await this.identity.list(record.caseId));
  }
}
