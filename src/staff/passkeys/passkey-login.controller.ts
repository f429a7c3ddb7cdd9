import { Controller, HttpCode, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/roles.decorator';
import { LoginRateLimit } from '../auth/login-rate-limit';
import { StaffPageFilter } from '../ui/pages/staff-page.filter';
import { StaffCsrfGuard } from '../ui/session/staff-csrf';
import { StaffSessionService } from '../ui/session/staff-session.service';
import { homeOf, safeStaffPath } from '../ui/staff-format';
import { sendRefusal, sendTooMany } from './passkey-answers';
import { PasskeyChallengeCookie } from './passkey-challenge-cookie';
import { authenticationInput } from './passkey-input';
import { PasskeyRefusal } from './passkey-refusal';
import { PasskeyService } from './passkey.service';

/**
 * "Sign in with a passkey" on /staff/login: JSON calls from the page's script, CSRF-checked like
 * every staff form (the token in the body as `_csrf`). There is no session before sign-in: the
 * challenge rides in a short-lived signed cookie. Counted by the same per-address limit as the
 * password form; a refusal counts as a failed sign-in.
 */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Public()
@Controller('staff/login/passkey')
export class PasskeyLoginController {
  constructor(
    private readonly passkeys: PasskeyService,
    private readonly challenges: PasskeyChallengeCookie,
    private readonly session: StaffSessionService,
    private readonly rateLimit: LoginRateLimit,
  ) {}

  @Post('options')
  @HttpCode(200)
  @UseGuards(StaffCsrfGuard)
  async options(@Res({ passthrough: true }) response: Response): Promise<unknown> {
    const options = await this.passkeys.signInOptions();
    this.challenges.write(response, { purpose: 'sign-in' }, options.challenge);
    return options;
  }

  @Post('verify')
  @UseGuards(StaffCsrfGuard)
  async verify(@Req() request: Request, @Res() response: Response): Promise<void> {
    const language = this.session.language(request);
    const address = request.ip ?? 'unknown';
    const retryAfter = await this.rateLimit.retryAfter(address);
    if (retryAfter !== null) return sendTooMany(response, language, retryAfter);
    const challenge = this.challenges.read(request, 'sign-in');
    this.challenges.clear(response);
    try {
      const credential = authenticationInput(request.body);
      if (!challenge) throw new PasskeyRefusal('expired');
      const user = await this.passkeys.signIn(challenge, credential);
      await this.session.signIn(request, user, 'passkey');
      response.status(200).json({ location: safeStaffPath(request.body?.next, '') || homeOf(user) });
    } catch (error) {
      if (!(error instanceof PasskeyRefusal)) throw error;
      if (error.reason !== 'invalid') await this.rateLimit.failed(address);
      sendRefusal(response, language, error);
    }
  }
}
