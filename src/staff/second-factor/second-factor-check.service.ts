import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TOTP, Secret } from 'otpauth';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { normalizeRecoveryCode, recoveryCodeHash } from './recovery-codes';
import { secondFactorSatisfied, type SecondFactorState, type SignInMethod } from './second-factor';
import { StaffRecoveryCodeEntity } from './staff-recovery-code.entity';
import { StaffTotpEntity } from './staff-totp.entity';
import { TotpCipher } from './totp-cipher';

/** RFC 6238 defaults, which every authenticator app understands. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step either side: a phone clock a little off, or a code typed just as it changed. */
const TOTP_WINDOW = 1;

/** The TOTP of a base32 secret, as the enrolment page's QR code describes it. */
export function totpFor(base32Secret: string, label = '', issuer = ''): TOTP {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(base32Secret), algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}

/**
 * Reads the second-factor rule and checks codes. Checking a code spends it: an authenticator code
 * moves the user's last accepted time step on (that code and older ones are refused after), a
 * recovery code is marked used. Callers hold the user's row lock (AuthService), so two parallel
 * requests cannot both spend the same code.
 */
@Injectable()
export class SecondFactorCheck {
  readonly cipher: TotpCipher;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.cipher = new TotpCipher(config);
  }

  /** The admin's setting and whether the user has a confirmed authenticator, in one query. */
  async state(userId: string): Promise<SecondFactorState> {
    const [row] = await this.dataSource.query(
      `SELECT p.required, EXISTS (SELECT 1 FROM staff_totp t WHERE t.user_id = $1 AND t.confirmed_at IS NOT NULL) AS "totpEnabled"
         FROM staff_second_factor_policy p WHERE p.id = 1`,
      [userId],
    );
    return { required: Boolean(row?.required), totpEnabled: Boolean(row?.totpEnabled) };
  }

  /** Whether a session or token signed in by `method` must first enrol (see secondFactorSatisfied). */
  async enrolmentOwed(userId: string, method: SignInMethod): Promise<boolean> {
    return !secondFactorSatisfied(await this.state(userId), method);
  }

  async hasTotp(manager: EntityManager, userId: string): Promise<boolean> {
    return manager.exists(StaffTotpEntity, { where: { userId, confirmedAt: Not(IsNull()) } });
  }

  /** Spends `code` when it is a current authenticator code not used before, or an unused recovery code. */
  async spend(manager: EntityManager, userId: string, code: string, now: Date): Promise<boolean> {
    const digits = code.replace(/\s/g, '');
    if (/^\d{6}$/.test(digits)) return this.spendTotp(manager, userId, digits, now);
    const recovery = normalizeRecoveryCode(code);
    if (!recovery) return false;
    const result = await manager
      .createQueryBuilder()
      .update(StaffRecoveryCodeEntity)
      .set({ usedAt: now })
      .where('user_id = :userId AND code_hash = :hash AND used_at IS NULL', { userId, hash: recoveryCodeHash(recovery) })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Checks a code against a secret at `now`; the accepted time step, or null. */
  acceptedStep(base32Secret: string, code: string, now: Date): number | null {
    const timestamp = now.getTime();
    const delta = totpFor(base32Secret).validate({ token: code, timestamp, window: TOTP_WINDOW });
    return delta === null ? null : TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp }) + delta;
  }

  private async spendTotp(manager: EntityManager, userId: string, code: string, now: Date): Promise<boolean> {
    const totp = await manager.findOne(StaffTotpEntity, { where: { userId, confirmedAt: Not(IsNull()) }, lock: { mode: 'pessimistic_write' } });
    if (!totp) return false;
    const step = this.acceptedStep(this.cipher.open(totp.secretSealed, userId), code, now);
    if (step === null || (totp.lastUsedStep !== null && step <= totp.lastUsedStep)) return false;
    await manager.update(StaffTotpEntity, { userId }, { lastUsedStep: step });
    return true;
  }
}
