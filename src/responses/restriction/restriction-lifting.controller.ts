import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReasonDto } from '../../cases/dto/case-actions.dto';
import { CASE_WORKERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { RestrictionLiftingService } from './restriction-lifting.service';

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
      'Lift a restriction (Art 18(3)): the requester is sent a notice with the reasons first; the restriction is lifted once it has gone out (409 unless a restriction case awaiting review or completed)',
  })
  async lift(@Param('reference') reference: string, @Body() body: ReasonDto, @CurrentStaff() staff: StaffPrincipal) {
    const lifting = await this.liftings.requestLift(reference, body.reason, staffActor(staff));
    return { reason: lifting.reason, liftOn: lifting.liftOn, decidedAt: lifting.decidedAt, liftedAt: lifting.liftedAt };
  }
}
