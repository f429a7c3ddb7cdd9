import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/roles.decorator';
import { StaffPageFilter } from '../ui/pages/staff-page.filter';
import { StaffPageRenderer } from '../ui/pages/staff-page-renderer';
import { StaffSessionService } from '../ui/session/staff-session.service';
import { homeOf, safeStaffPath } from '../ui/staff-format';
import { OidcClientService } from './oidc-client.service';
import { SSO_COPY } from './sso-copy';
import { SsoRefusal, type SsoRefusalReason } from './sso-refusal';
import { SsoSignInService } from './sso-sign-in.service';
import { SsoStateCookie } from './sso-state-cookie';

/** The status of each refusal's page. */
const STATUS: Record<SsoRefusalReason, number> = {
  expired: 400,
  provider_refused: 403,
  answer_invalid: 400,
  provider_failed: 502,
  no_verified_email: 403,
  unknown_user: 403,
  no_role: 403,
  deactivated: 403,
};

/**
 * Staff sign-in through the organisation's OpenID Connect provider (docs/sso.md): off, and
 * answering 404, while OIDC_ISSUER is unset. The staff session it ends in is the one password
 * sign-in creates (a new session id, the same cookie and idle expiry).
 */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff/login/sso')
export class StaffSsoController {
  constructor(
    private readonly oidc: OidcClientService,
    private readonly signIns: SsoSignInService,
    private readonly state: SsoStateCookie,
    private readonly session: StaffSessionService,
    private readonly pages: StaffPageRenderer,
  ) {}

  /** Sends the browser to the provider, with the attempt in a signed cookie. */
  @Public()
  @Get()
  async start(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.oidc.enabled) return this.notHere(request, response);
    try {
      const { attempt, url } = await this.oidc.start(safeStaffPath(request.query.next, ''));
      this.state.write(response, attempt);
      response.setHeader('Cache-Control', 'no-store');
      response.redirect(303, url);
    } catch (error) {
      this.refused(request, response, error);
    }
  }

  /** The provider's answer: verified, matched to a staff user, and signed in. */
  @Public()
  @Get('callback')
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.oidc.enabled) return this.notHere(request, response);
    const attempt = this.state.read(request);
    this.state.clear(response);
    try {
      // Another tab's or another browser's answer is not this attempt's: start again, do not redeem it.
      if (!attempt || request.query.state !== attempt.state) throw new SsoRefusal('expired');
      const query = request.originalUrl.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?')) : '';
      const claims = await this.oidc.finish(query, attempt);
      const user = await this.signIns.userFor(claims);
      await this.session.signIn(request, user, 'sso');
      response.redirect(303, attempt.next || homeOf(user));
    } catch (error) {
      this.refused(request, response, error);
    }
  }

  private refused(request: Request, response: Response, error: unknown): void {
    if (!(error instanceof SsoRefusal)) throw error;
    const copy = SSO_COPY[this.pages.language(request)];
    this.pages.send(request, response, STATUS[error.reason], 'message', {
      title: copy.failedTitle,
      data: { heading: copy.failedTitle, lead: copy.reasons[error.reason], backUrl: '/staff/login', backLabel: copy.back },
    });
  }

  private notHere(request: Request, response: Response): void {
    const copy = SSO_COPY[this.pages.language(request)];
    this.pages.send(request, response, 404, 'message', {
      title: copy.failedTitle,
      data: { heading: copy.failedTitle, lead: copy.notConfigured, backUrl: '/staff/login', backLabel: copy.back },
    });
  }
}
