import { Body, Controller, Get, HttpCode, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CASE_WORKERS, Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { toPlanItemJson } from './plan-json';
import { PlanReviewService } from './plan-review.service';

/** Review of the plan of an erasure, restriction or rectification (docs/plans.md). */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class PlanController {
  constructor(private readonly review: PlanReviewService) {}

  @Get(':reference/plan')
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'The plan per system and record: proposed and decided action, keep decision, fields, note; whether the approval covers it' })
  plan(@Param('reference') reference: string) {
    return this.review.plan(reference);
  }

  @Patch(':reference/plan/items/:itemId')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Decide one record of the plan: {action, keep?, fields?}; a changed plan needs a new approval' })
  @ApiBody({
    schema: {
      example: {
        action: 'keep',
        keep: {
          basis: 'legal_claims',
          claim: 'payment dispute over invoice 1042',
          criterion: 'until the dispute is settled',
          allowedUse: 'legal_claims',
          restrict: true,
        },
      },
    },
  })
  async decide(@Param('reference') reference: string, @Param('itemId') itemId: string, @Body() body: unknown, @CurrentStaff() staff: StaffPrincipal) {
    return toPlanItemJson(await this.review.decide(reference, itemId, body, staffActor(staff)));
  }
}
