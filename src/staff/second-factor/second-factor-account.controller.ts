import { Controller, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, type StaffPrincipal } from '../../common/auth/staff-principal';
import { STAFF_ROLES } from '../../common/auth/staff-roles';
import { DomainError } from '../../common/domain-error';
import { AccountPageView } from '../account/account-page.view';
import { StaffPageFilter } from '../ui/pages/staff-page.filter';
import { StaffPageRenderer } from '../ui/pages/staff-page-renderer';
import { StaffCsrfGuard } from '../ui/session/staff-csrf';
import { field } from '../ui/staff-format';
import { SecondFactorEnrolmentRoute } from './second-factor';
import { SECOND_FACTOR_COPY } from './second-factor-copy';
import { TotpEnrolmentService } from './totp-enrolment.service';

/** A password is cut like on the password form (argon2's input stays bounded); a code is short. */
const proofField = (body: unknown): string => {
  const value = (body as Record<string, unknown> | undefined)?.proof;
  return typeof value === 'string' ? value.slice(0, 1000) : '';
};

/** The second-factor forms of /staff/account: set up an authenticator, confirm it, turn it off,
 *  make new recovery codes. Open to a user who still owes a second factor (that is what they are for). */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Roles(...STAFF_ROLES)
@SecondFactorEnrolmentRoute()
@Controller('staff/account/totp')
export class SecondFactorAccountController {
  constructor(
    private readonly enrolment: TotpEnrolmentService,
    private readonly pages: StaffPageRenderer,
    private readonly view: AccountPageView,
  ) {}

  /** A new secret: the page shows its QR code and the key in text until a code confirms it. */
  @Post('start')
  @UseGuards(StaffCsrfGuard)
  async start(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    await this.refusalsAsPage(request, response, staff, () => this.enrolment.start(staff));
    if (!response.headersSent) await this.view.send(request, response, staff, 200);
  }

  @Post('confirm')
  @UseGuards(StaffCsrfGuard)
  async confirm(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const code = field(request.body, 'code').replace(/\s/g, '').slice(0, 64);
    const language = this.pages.language(request);
    if (!code) return this.view.send(request, response, staff, 400, { secondFactor: { code: SECOND_FACTOR_COPY[language].problems.required } });
    const codes = await this.refusalsAsPage(request, response, staff, () => this.enrolment.confirm(staff, code));
    if (codes) await this.view.send(request, response, staff, 200, { recoveryCodes: codes, notice: SECOND_FACTOR_COPY[language].enabled });
  }

  @Post('disable')
  @UseGuards(StaffCsrfGuard)
  async disable(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const proof = proofField(request.body);
    const language = this.pages.language(request);
    if (!proof) return this.view.send(request, response, staff, 400, { secondFactor: { proof: SECOND_FACTOR_COPY[language].problems.required } });
    const done = await this.refusalsAsPage(request, response, staff, async () => {
      await this.enrolment.disable(staff, proof);
      return true;
    });
    if (done) response.redirect(303, '/staff/account?done=second-factor-off');
  }

  @Post('recovery-codes')
  @UseGuards(StaffCsrfGuard)
  async recoveryCodes(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const proof = proofField(request.body);
    const language = this.pages.language(request);
    if (!proof) return this.view.send(request, response, staff, 400, { secondFactor: { proof: SECOND_FACTOR_COPY[language].problems.required } });
    const codes = await this.refusalsAsPage(request, response, staff, () => this.enrolment.regenerateRecoveryCodes(staff, proof));
    if (codes) await this.view.send(request, response, staff, 200, { recoveryCodes: codes, notice: SECOND_FACTOR_COPY[language].regenerated });
  }

  /** Runs `action`; a refusal (wrong code or proof 400, already on 409) is shown on the page, naming the field. */
  private async refusalsAsPage<T>(request: Request, response: Response, staff: StaffPrincipal, action: () => Promise<T>): Promise<T | null> {
    try {
      return await action();
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== 'invalid' && error.code !== 'conflict')) throw error;
      const problems = SECOND_FACTOR_COPY[this.pages.language(request)].problems as Record<string, string>;
      const detail = error.details?.[0];
      const errors = detail ? { [detail.field]: problems[detail.problem] ?? error.message } : {};
      await this.view.send(request, response, staff, error.code === 'conflict' ? 409 : 400, {
        secondFactor: errors,
        notice: detail ? undefined : error.message,
      });
      return null;
    }
  }
}
