import { Controller, Get, HttpCode, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '../../common/domain-error';
import { ACCOUNT_COPY } from '../account/account-copy';
import { AuthService } from '../auth/auth.service';
import { LoginRateLimit } from '../auth/login-rate-limit';
import { PasswordChangeRoute } from '../auth/password-change-route';
import { Public, Roles } from '../../common/auth/roles.decorator';
import { PendingSignInCookie } from '../second-factor/pending-sign-in-cookie';
import { SECOND_FACTOR_LOGIN_PAGE, SecondFactorEnrolmentRoute } from '../second-factor/second-factor';
import { StaffPageFilter } from './pages/staff-page.filter';
import { StaffPageRenderer } from './pages/staff-page-renderer';
import { StaffCsrfGuard } from './session/staff-csrf';
import { StaffSessionService } from './session/staff-session.service';
import { field, homeOf, safeStaffPath } from './staff-format';

/** Sign-in, sign-out and the language switch of the staff UI. */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff')
export class StaffLoginController {
  constructor(
    private readonly auth: AuthService,
    private readonly session: StaffSessionService,
    private readonly rateLimit: LoginRateLimit,
    private readonly pages: StaffPageRenderer,
    private readonly pending: PendingSignInCookie,
  ) {}

  @Public()
  @Get('login')
  async form(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (this.session.userId(request)) {
      const principal = await this.auth.principalForUser(this.session.userId(request)!, this.session.epoch(request), this.session.signInMethod(request));
      if (principal) return response.redirect(303, safeStaffPath(request.query.next, homeOf(principal)));
    }
    const copy = this.pages.copy(request);
    const account = ACCOUNT_COPY[this.pages.language(request)];
    this.pages.send(request, response, 200, 'login', {
      title: copy.login.title,
      notice: request.query.signedOut === '1' ? copy.login.signedOut : request.query.reset === '1' ? account.resetDone : undefined,
      data: { next: safeStaffPath(request.query.next, ''), forgot: account.forgot },
    });
  }

  @Public()
  @Post('login')
  @UseGuards(StaffCsrfGuard)
  async signIn(@Req() request: Request, @Res() response: Response): Promise<void> {
    const copy = this.pages.copy(request);
    const email = field(request.body, 'email').slice(0, 320);
    const password = typeof request.body?.password === 'string' ? request.body.password.slice(0, 200) : '';
    const next = safeStaffPath(request.body?.next, '');
    const again = (status: number, problem: string) =>
      this.pages.send(request, response, status, 'login', {
        title: copy.login.title,
        problem,
        data: { email, next, forgot: ACCOUNT_COPY[this.pages.language(request)].forgot },
      });

    const retryAfter = await this.rateLimit.retryAfter(request.ip ?? 'unknown');
    if (retryAfter !== null) {
      response.setHeader('Retry-After', String(retryAfter));
      return again(429, copy.login.tooMany);
    }
    try {
      const { user, codeNeeded } = await this.auth.checkCredentials(email, password);
      if (codeNeeded) {
        // No session yet: the code page (second-factor-login.controller.ts) makes it after the code.
        this.pending.write(response, { userId: user.id, epoch: user.sessionEpoch, next });
        return response.redirect(303, SECOND_FACTOR_LOGIN_PAGE);
      }
      await this.session.signIn(request, user);
      response.redirect(303, next || homeOf(user));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'unauthorized') throw error;
      await this.rateLimit.failed(request.ip ?? 'unknown');
      // One text for every refusal, a locked account's included: the page is no password oracle.
      return again(401, copy.login.failed);
    }
  }

  @Roles('admin', 'handler', 'owner', 'auditor')
  @PasswordChangeRoute()
  @SecondFactorEnrolmentRoute()
  @Post('logout')
  @UseGuards(StaffCsrfGuard)
  async signOut(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.session.signOut(request, response);
    response.redirect(303, '/staff/login?signedOut=1');
  }

  /** Remembered in the session when signed in, else in a cookie (no session before sign-in). */
  @Public()
  @Post('language')
  @HttpCode(303)
  @UseGuards(StaffCsrfGuard)
  async language(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.session.chooseLanguage(request, response, field(request.body, 'language') === 'en' ? 'en' : 'nb');
    response.redirect(303, safeStaffPath(request.body?.next));
  }
}
