import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '../../common/domain-error';
import { Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, type StaffPrincipal } from '../../common/auth/staff-principal';
import { STAFF_ROLES } from '../../common/auth/staff-roles';
import { PasswordChangeRoute } from '../auth/password-change-route';
import { SecondFactorEnrolmentRoute } from '../second-factor/second-factor';
import { SECOND_FACTOR_COPY } from '../second-factor/second-factor-copy';
import { passkeyNotice } from '../passkeys/passkey-account.view';
import { STAFF_LANGUAGE_COPY } from '../language/staff-language-copy';
import { isLanguage, StaffLanguageService } from '../language/staff-language.service';
import { StaffPageFilter } from '../ui/pages/staff-page.filter';
import { StaffPageRenderer } from '../ui/pages/staff-page-renderer';
import { StaffCsrfGuard } from '../ui/session/staff-csrf';
import { StaffSessionService } from '../ui/session/staff-session.service';
import { homeOf } from '../ui/staff-format';
import { ACCOUNT_COPY, problemText } from './account-copy';
import { AccountPageView } from './account-page.view';
import { AccountService } from './account.service';

/** Longer input is refused by the rules anyway; the cut keeps argon2's input bounded. */
const passwordField = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 1000) : '';
};

/** /staff/account: change your own password (forced after a generated or admin-set one), sign out
 *  everywhere; its second-factor forms are second-factor/second-factor-account.controller.ts. */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Roles(...STAFF_ROLES)
@PasswordChangeRoute()
@SecondFactorEnrolmentRoute()
@Controller('staff/account')
export class AccountPageController {
  constructor(
    private readonly account: AccountService,
    private readonly session: StaffSessionService,
    private readonly pages: StaffPageRenderer,
    private readonly view: AccountPageView,
    private readonly languages: StaffLanguageService,
  ) {}

  @Get()
  async form(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const language = this.pages.language(request);
    const done = request.query.done;
    const notice =
      done === 'password'
        ? ACCOUNT_COPY[language].changed
        : done === 'second-factor-off'
          ? SECOND_FACTOR_COPY[language].disabled
          : done === 'language'
            ? STAFF_LANGUAGE_COPY[language].saved
            : passkeyNotice(language, done);
    await this.view.send(request, response, staff, 200, { notice });
  }

  @Post('password')
  @UseGuards(StaffCsrfGuard)
  async changePassword(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const current = passwordField(request.body, 'current');
    const next = passwordField(request.body, 'new');
    const language = this.pages.language(request);
    if (!current || !next) {
      const errors = { ...(current ? {} : { current: problemText(language, 'required') }), ...(next ? {} : { new: problemText(language, 'required') }) };
      return this.view.send(request, response, staff, 400, { password: errors });
    }
    let epoch: number;
    try {
      epoch = await this.account.changePassword(staff, current, next);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'invalid') throw error;
      const problem = error.details?.[0];
      return this.view.send(request, response, staff, 400, { password: { [problem?.field ?? 'new']: problemText(language, problem?.problem) } });
    }
    // This session carries on in the new epoch; every other one has ended.
    request.session.staffEpoch = epoch;
    await this.session.save(request);
    response.redirect(303, staff.mustChangePassword ? homeOf(staff) : '/staff/account?done=password');
  }

  /** Your own language: saved on the account (the next sign-in and every e-mail to you) and
   *  taken into this session at once. */
  @Post('language')
  @UseGuards(StaffCsrfGuard)
  async changeLanguage(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const chosen: unknown = request.body?.language;
    if (!isLanguage(chosen)) {
      return this.view.send(request, response, staff, 400, { language: { language: STAFF_LANGUAGE_COPY[this.pages.language(request)].choose } });
    }
    await this.languages.setLanguage(staff.id, chosen, staff);
    request.session.language = chosen;
    await this.session.save(request);
    response.redirect(303, '/staff/account?done=language');
  }

  @Post('sign-out-everywhere')
  @UseGuards(StaffCsrfGuard)
  async signOutEverywhere(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    await this.account.signOutEverywhere(staff);
    await this.session.signOut(request, response);
    response.redirect(303, '/staff/login?signedOut=1');
  }
}
