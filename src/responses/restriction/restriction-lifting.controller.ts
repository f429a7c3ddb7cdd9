import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReasonDto } from '../../cases/dto/case-actions.dto';
import { CASE_WORKERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { RestrictionLiftingService } from './restriction-lifting.service';
import type { RestrictionLiftingEntity } from './restriction-lifting.entity';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases/:reference/lift-restriction')
export class RestrictionLiftingController {
  constructor(private readonly liftings: RestrictionLiftingService) {}

  @Post()
  @HttpCode(202)
  @Roles(...CASE_WORKERS)
  @ApiOperation({
    summary:
      'Lift a restriction (Art 18(3)): the requester is sent a notice with the reasons and the day of the lift (RESTRICTION_LIFT_NOTICE_WORKING_DAYS working days later); the restriction is lifted on that day once the notice has gone out (409 unless a restriction case awaiting review or completed)',
  })
  async lift(@Param('reference') reference: string, @Body() body: ReasonDto, @CurrentStaff() staff: StaffPrincipal) {
    return liftingJson(await this.liftings.requestLift(reference, body.reason, staffActor(staff)));
  }

  @Post('cancel')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({
    summary: 'Call off a lifting during its notice period (the person objected): the restriction stays in force (409 once lifted or called off)',
  })
  async cancel(@Param('reference') reference: string, @Body() body: ReasonDto, @CurrentStaff() staff: StaffPrincipal) {
    return liftingJson(await this.liftings.cancel(reference, body.reason, staffActor(staff)));
  }
}

function liftingJson(lifting: RestrictionLiftingEntity) {
  return {
    reason: lifting.reason,
    liftOn: lifting.liftOn,
    decidedAt: lifting.decidedAt,
    liftedAt: lifting.liftedAt,
    cancelledAt: lifting.cancelledAt ?? null,
    ...(lifting.cancelReason ? { cancelReason: lifting.cancelReason } : {}),
  };
}
