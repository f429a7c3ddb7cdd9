import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '../../common/domain-error';
import { Public } from '../../common/auth/roles.decorator';
import { LoginRateLimit } from '../auth/login-rate-limit';
import { StaffPageFilter } from '../ui/pages/staff-page.filter';
import { StaffPageRenderer } from '../ui/pages/staff-page-renderer';
import { StaffCsrfGuard } from '../ui/session/staff-csrf';
import { field } from '../ui/staff-format';
import { ACCOUNT_COPY, problemText } from './account-copy';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-policy';
import { PasswordResetService } from './password-reset.service';

/** "Forgot password" for staff: ask for a link, then choose a new password on the link's page. */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Public()
@Controller('staff')
export class PasswordResetPageController {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly rateLimit: LoginRateLimit,
    private readonly pages: StaffPageRenderer,
  ) {}

  @Get('password-reset')
  form(@Req() request: Request, @Res() response: Response): void {
    this.sendRequestPage(request, response, 200, {});
  }

  /** The same page whether or not the address has an account (and whether or not a mail went). */
  @Post('password-reset')
  @UseGuards(StaffCsrfGuard)
  async request(@Req() request: Request, @Res() response: Response): Promise<void> {
    const email = field(request.body, 'email').slice(0, 320);
    // The sign-in bucket per client address: asking for links is as limited as guessing passwords.
    const retryAfter = await this.rateLimit.retryAfter(request.ip ?? 'unknown');
    if (retryAfter !== null) {
      response.setHeader('Retry-After', String(retryAfter));
      return this.sendRequestPage(request, response, 429, { email }, this.pages.copy(request).login.tooMany);
    }
    if (email) await this.resets.request(email);
    this.sendRequestPage(request, response, 200, { sent: true });
  }

  @Get('password-reset/:token')
  async choose(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const usable = await this.resets.usable(token);
    this.sendNewPage(request, response, usable ? 200 : 410, token, usable ? {} : { spent: true });
  }

  @Post('password-reset/:token')
  @UseGuards(StaffCsrfGuard)
  async save(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const password = typeof request.body?.new === 'string' ? request.body.new.slice(0, 1000) : '';
    const language = this.pages.language(request);
    try {
      await this.resets.complete(token, password);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'invalid') throw error;
      const problem = error.details?.[0];
      if (problem?.field === 'token') return this.sendNewPage(request, response, 410, token, { spent: true });
      return this.sendNewPage(request, response, 400, token, { errors: { reset: { new: problemText(language, problem?.problem) } } });
    }
    response.redirect(303, '/staff/login?reset=1');
  }

  private sendRequestPage(request: Request, response: Response, status: number, data: Record<string, unknown>, problem?: string): void {
    const t = ACCOUNT_COPY[this.pages.language(request)];
    this.pages.send(request, response, status, 'passwordReset', { title: t.resetTitle, problem, data: { t, ...data } });
  }

  private sendNewPage(request: Request, response: Response, status: number, token: string, data: Record<string, unknown>): void {
    const t = ACCOUNT_COPY[this.pages.language(request)];
    const title = data.spent ? t.spentTitle : t.choose;
    this.pages.send(request, response, status, 'passwordResetNew', { title, data: { t, token, min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH, ...data } });
  }
}
