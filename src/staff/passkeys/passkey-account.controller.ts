import { Controller, HttpCode, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, type StaffPrincipal } from '../../common/auth/staff-principal';
import { STAFF_ROLES } from '../../common/auth/staff-roles';
import { ACCOUNT_COPY } from '../account/account-copy';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../account/password-policy';
import { PasswordHasher } from '../auth/password-hasher';
import { StaffUserEntity } from '../staff-user.entity';
import { StaffPageFilter } from '../ui/pages/staff-page.filter';
import { StaffPageRenderer } from '../ui/pages/staff-page-renderer';
import { StaffCsrfGuard } from '../ui/session/staff-csrf';
import { PasskeyAccountView, recentlySignedIn } from './passkey-account.view';
import { sendRefusal } from './passkey-answers';
import { PasskeyChallengeCookie } from './passkey-challenge-cookie';
import { PASSKEY_COPY } from './passkey-copy';
import { passkeyName, registrationInput } from './passkey-input';
import { PasskeyRefusal } from './passkey-refusal';
import { PasskeyService } from './passkey.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The passkeys section of /staff/account: add one (JSON calls from the page's script, CSRF token
 * in the body) and remove one (a plain form). Removing needs a sign-in within the last minutes or
 * the current password. A forced password change comes first (these routes wait for it).
 */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Roles(...STAFF_ROLES)
@Controller('staff/account/passkeys')
export class PasskeyAccountController {
  constructor(
    private readonly passkeys: PasskeyService,
    private readonly challenges: PasskeyChallengeCookie,
    private readonly view: PasskeyAccountView,
    private readonly pages: StaffPageRenderer,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  /** The name is checked first, so a bad one is refused before the authenticator is asked. */
  @Post('options')
  @HttpCode(200)
  @UseGuards(StaffCsrfGuard)
  async options(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    try {
      passkeyName(request.body);
    } catch (error) {
      if (!(error instanceof PasskeyRefusal)) throw error;
      return sendRefusal(response, this.pages.language(request), error, PASSKEY_COPY[this.pages.language(request)].nameProblem);
    }
    const options = await this.passkeys.registrationOptions(staff);
    this.challenges.write(response, { purpose: 'register', userId: staff.id }, options.challenge);
    response.status(200).json(options);
  }

  @Post()
  @UseGuards(StaffCsrfGuard)
  async add(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const language = this.pages.language(request);
    const challenge = this.challenges.read(request, 'register');
    this.challenges.clear(response);
    try {
      const { credential, name } = registrationInput(request.body);
      if (!challenge) throw new PasskeyRefusal('expired');
      await this.passkeys.register(staff, challenge, credential, name);
      response.status(201).json({ location: '/staff/account?done=passkey-added#passkeys' });
    } catch (error) {
      if (!(error instanceof PasskeyRefusal)) throw error;
      const copy = PASSKEY_COPY[language];
      const override = error.field === 'name' ? copy.nameProblem : error.reason === 'failed' ? copy.registerFailed : undefined;
      sendRefusal(response, language, error, override);
    }
  }

  @Post(':passkeyId/remove')
  @UseGuards(StaffCsrfGuard)
  async remove(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentStaff() staff: StaffPrincipal,
    @Param('passkeyId') passkeyId: string,
  ): Promise<void> {
    const copy = PASSKEY_COPY[this.pages.language(request)];
    if (!recentlySignedIn(request)) {
      const current = typeof request.body?.current === 'string' ? request.body.current.slice(0, 1000) : '';
      if (!current) return this.again(request, response, staff, copy.passwordRequired);
      if (!(await this.passwordMatches(staff, current))) return this.again(request, response, staff, copy.wrongPassword);
    }
    const removed = UUID.test(passkeyId) && (await this.passkeys.remove(staff, passkeyId));
    if (!removed) return this.again(request, response, staff, copy.notFound, 404);
    response.redirect(303, '/staff/account?done=passkey-removed#passkeys');
  }

  private async passwordMatches(staff: StaffPrincipal, password: string): Promise<boolean> {
    const user = await this.dataSource.getRepository(StaffUserEntity).findOne({ where: { id: staff.id }, select: { id: true, passwordHash: true } });
    return user !== null && this.hasher.verify(user.passwordHash, password);
  }

  /** The account page again, with the problem in the passkeys section. */
  private async again(request: Request, response: Response, staff: StaffPrincipal, problem: string, status = 400): Promise<void> {
    const t = ACCOUNT_COPY[this.pages.language(request)];
    this.pages.send(request, response, status, 'account', {
      title: t.title,
      data: {
        t,
        email: staff.email,
        forced: staff.mustChangePassword,
        min: MIN_PASSWORD_LENGTH,
        max: MAX_PASSWORD_LENGTH,
        errors: { password: {} },
        passkeys: await this.view.section(request, staff, this.pages.language(request), problem),
      },
    });
  }
}
