import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { SECOND_FACTOR_COPY } from '../second-factor/second-factor-copy';
import { TotpEnrolmentService } from '../second-factor/totp-enrolment.service';
import { PasskeyAccountView } from '../passkeys/passkey-account.view';
import { fill } from '../ui/pages/staff-copy';
import { StaffPageRenderer } from '../ui/pages/staff-page-renderer';
import { languageOptions, STAFF_LANGUAGE_COPY } from '../language/staff-language-copy';
import { StaffLanguageService } from '../language/staff-language.service';
import { ACCOUNT_COPY } from './account-copy';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-policy';

export interface AccountPageState {
  /** Problems of the password form, by field. */
  password?: Record<string, string>;
  /** Problems of the second-factor forms, by field (code, proof). */
  secondFactor?: Record<string, string>;
  /** Recovery codes just made: shown this once, never stored in the clear. */
  recoveryCodes?: string[];
  /** Problems of the language form (language). */
  language?: Record<string, string>;
  notice?: string;
}

/** /staff/account as a page: the password form, the second factor (authenticator, recovery codes), sign out everywhere. */
@Injectable()
export class AccountPageView {
  constructor(
    private readonly pages: StaffPageRenderer,
    private readonly enrolment: TotpEnrolmentService,
    private readonly passkeyView: PasskeyAccountView,
    private readonly languages: StaffLanguageService,
  ) {}

  async send(request: Request, response: Response, staff: StaffPrincipal, status: number, state: AccountPageState = {}): Promise<void> {
    const language = this.pages.language(request);
    const t = ACCOUNT_COPY[language];
    const sf = SECOND_FACTOR_COPY[language];
    const secondFactor = await this.enrolment.status(staff);
    // A forced password change comes first: no passkeys until then.
    const passkeys = staff.mustChangePassword ? undefined : await this.passkeyView.section(request, staff, language);
    this.pages.send(request, response, status, 'account', {
      title: t.title,
      notice: state.notice,
      data: {
        t,
        sf,
        email: staff.email,
        forced: staff.mustChangePassword,
        min: MIN_PASSWORD_LENGTH,
        max: MAX_PASSWORD_LENGTH,
        secondFactor: {
          ...secondFactor,
          required: staff.mustEnrolSecondFactor,
          recoveryCodes: state.recoveryCodes,
          recoveryLeftText: fill(sf.recoveryLeft, { count: secondFactor.recoveryLeft }),
        },
        lc: STAFF_LANGUAGE_COPY[language],
        languageOptions: languageOptions(language, await this.languages.languageOf(staff.id)),
        errors: { password: state.password ?? {}, secondFactor: state.secondFactor ?? {}, language: state.language ?? {} },
        passkeys,
      },
    });
  }
}
