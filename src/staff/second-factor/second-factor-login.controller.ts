import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/roles.decorator';
import { DomainError } from '../../common/domain-error';
import { ACCOUNT_COPY } from '../account/account-copy';
import { AuthService } from '../auth/auth.service';
import { LoginRateLimit } from '../auth/login-rate-limit';
import { StaffPageFilter } from '../ui/pages/staff-page.filter';
import { StaffPageRenderer } from '../ui/pages/staff-page-renderer';
import { StaffCsrfGuard } from '../ui/session/staff-csrf';
import { StaffSessionService } from '../ui/session/staff-session.service';
import { field, homeOf } from '../ui/staff-format';
import { PendingSignInCookie } from './pending-sign-in-cookie';
import { SECOND_FACTOR_COPY } from './second-factor-copy';

/** The sign-in's second page (/staff/login/code): after a right password, the authenticator or a
 *  recovery code; only then is the session made. */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff/login')
export class SecondFactorLoginController {
  constructor(
    private readonly auth: AuthService,
    private readonly session: StaffSessionService,
    private readonly rateLimit: LoginRateLimit,
    private readonly pages: StaffPageRenderer,
    private readonly pending: PendingSignInCookie,
  ) {}

  @Public()
  @Get('code')
  form(@Req() request: Request, @Res() response: Response): void {
    if (!this.pending.read(request)) return response.redirect(303, '/staff/login');
    this.send(request, response, 200);
  }

  @Public()
  @Post('code')
  @UseGuards(StaffCsrfGuard)
  async verify(@Req() request: Request, @Res() response: Response): Promise<void> {
    const t = SECOND_FACTOR_COPY[this.pages.language(request)];
    const pending = this.pending.read(request);
    if (!pending) {
      return this.pages.send(request, response, 401, 'login', {
        title: this.pages.copy(request).login.title,
        problem: t.codeExpired,
        data: { next: '', forgot: ACCOUNT_COPY[this.pages.language(request)].forgot },
      });
    }
    const retryAfter = await this.rateLimit.retryAfter(request.ip ?? 'unknown');
    if (retryAfter !== null) {
      response.setHeader('Retry-After', String(retryAfter));
      return this.send(request, response, 429, this.pages.copy(request).login.tooMany);
    }
    const code = field(request.body, 'code').slice(0, 64);
    if (!code) return this.send(request, response, 400, t.problems.required);
    try {
      const user = await this.auth.checkSecondFactor(pending.userId, pending.epoch, code);
      this.pending.clear(response);
      await this.session.signIn(request, user, 'password');
      response.redirect(303, pending.next || homeOf(user));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'unauthorized') throw error;
      await this.rateLimit.failed(request.ip ?? 'unknown');
      // One text for a wrong, reused or locked-out code: the page tells nothing more.
      return this.send(request, response, 401, t.codeFailed);
    }
  }

  private send(request: Request, response: Response, status: number, problem?: string): void {
    const t = SECOND_FACTOR_COPY[this.pages.language(request)];
    this.pages.send(request, response, status, 'loginCode', { title: t.codeTitle, data: { t, errors: { login: problem ? { code: problem } : {} } } });
  }
}
