import { Controller, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, type StaffPrincipal } from '../../common/auth/staff-principal';
import { StaffPageFilter } from '../ui/pages/staff-page.filter';
import { StaffCsrfGuard } from '../ui/session/staff-csrf';
import { field } from '../ui/staff-format';
import { conflict, invalid } from '../../common/domain-error';
import { StaffSessionService } from '../ui/session/staff-session.service';
import { secondFactorSatisfied } from './second-factor';
import { SecondFactorCheck } from './second-factor-check.service';
import { SecondFactorPolicyService } from './second-factor-policy.service';

/** POST /staff/users/second-factor: an admin requires a second factor for all staff, or makes it optional again. */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff/users')
export class SecondFactorPolicyController {
  constructor(
    private readonly policy: SecondFactorPolicyService,
    private readonly check: SecondFactorCheck,
    private readonly session: StaffSessionService,
  ) {}

  @Post('second-factor')
  @Roles('admin')
  @UseGuards(StaffCsrfGuard)
  async set(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const required = field(request.body, 'required');
    if (required !== 'true' && required !== 'false') throw invalid('required', 'must be true or false');
    // The admin's own sign-in must already meet the rule, or turning it on would shut them out of this page.
    if (required === 'true') {
      const own = await this.check.state(staff.id);
      if (!secondFactorSatisfied({ ...own, required: true }, this.session.signInMethod(request))) {
        throw conflict('Set up your own second factor under My account first: requiring it now would shut you out of this page.');
      }
    }
    await this.policy.setRequired(required === 'true', staff);
    response.redirect(303, '/staff/users?done=second-factor');
  }
}
