import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Secret } from 'otpauth';
import QRCode from 'qrcode';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock';
import { conflict, DomainError } from '../../common/domain-error';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { OutboxService } from '../../notifications/outbox.service';
import { nextFailure } from '../auth/lockout';
import { PasswordHasher } from '../auth/password-hasher';
import { staffLanguageOf } from '../handler-recipient';
import { StaffUserEntity } from '../staff-user.entity';
import { newRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_COUNT, recoveryCodeHash } from './recovery-codes';
import { SecondFactorCheck, totpFor } from './second-factor-check.service';
import { composeSecondFactorNotice, type SecondFactorEvent } from './second-factor.mail';
import { StaffRecoveryCodeEntity } from './staff-recovery-code.entity';
import { StaffTotpEntity } from './staff-totp.entity';

export const SECOND_FACTOR_MAIL_KIND = 'staff-second-factor';

/** An enrolment waiting for its first code: what the page shows to set up the app. */
export interface PendingEnrolment {
  secret: string;
  uri: string;
  /** The otpauth:// URI as an SVG QR code (markup made here from our own URI, safe to inline). */
  qrSvg: string;
}

/** What the account page shows about the user's second factor. */
export interface SecondFactorStatus {
  enabled: boolean;
  recoveryLeft: number;
  pending: PendingEnrolment | null;
}

const wrongCode = () => new DomainError('invalid', 'code is not the current code of the authenticator', [{ field: 'code', problem: 'wrongCode' }]);
const wrongProof = () => new DomainError('invalid', 'proof is neither your password nor a current code', [{ field: 'proof', problem: 'wrongProof' }]);

/**
 * A staff member's own authenticator: start (a new secret, shown until confirmed), confirm with a
 * first code (only then is it on, and ten recovery codes are shown once), disable and new recovery
 * codes (both need the password or a current code, so an unlocked screen is not enough). Each
 * change is audited and e-mailed to the user ("if this was not you…").
 */
@Injectable()
export class TotpEnrolmentService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly check: SecondFactorCheck,
    private readonly hasher: PasswordHasher,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async status(staff: StaffPrincipal): Promise<SecondFactorStatus> {
    const totp = await this.dataSource.getRepository(StaffTotpEntity).findOne({ where: { userId: staff.id } });
    const recoveryLeft = await this.dataSource.getRepository(StaffRecoveryCodeEntity).count({ where: { userId: staff.id, usedAt: IsNull() } });
    const enabled = Boolean(totp?.confirmedAt);
    return { enabled, recoveryLeft, pending: totp && !enabled ? await this.describe(staff, this.check.cipher.open(totp.secretSealed, staff.id)) : null };
  }

  /** A new secret, replacing an enrolment never confirmed; refused while one is on (disable it first). */
  async start(staff: StaffPrincipal): Promise<PendingEnrolment> {
    const secret = new Secret({ size: 20 }).base32;
    await this.dataSource.transaction(async (manager) => {
      if (await manager.exists(StaffTotpEntity, { where: { userId: staff.id, confirmedAt: Not(IsNull()) } })) {
        throw conflict('Two-factor authentication is already on: turn it off before setting up another app.');
      }
      await manager.delete(StaffTotpEntity, { userId: staff.id });
      await manager.insert(StaffTotpEntity, {
        userId: staff.id,
        secretSealed: this.check.cipher.seal(secret, staff.id),
        confirmedAt: null,
        lastUsedStep: null,
      });
    });
    return this.describe(staff, secret);
  }

  /** Turns the authenticator on with its first code; returns the recovery codes, shown this once. */
  async confirm(staff: StaffPrincipal, code: string): Promise<string[]> {
    const codes = await this.changeAndNotify(staff, 'enabled', async (manager, now) => {
      const totp = await manager.findOne(StaffTotpEntity, { where: { userId: staff.id, confirmedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      if (!totp) throw new DomainError('invalid', 'no set-up is waiting for its code; start again', [{ field: 'code', problem: 'notStarted' }]);
      const step = /^\d{6}$/.test(code) ? this.check.acceptedStep(this.check.cipher.open(totp.secretSealed, staff.id), code, now) : null;
      if (step === null) throw wrongCode();
      await manager.update(StaffTotpEntity, { userId: staff.id }, { confirmedAt: now, lastUsedStep: step });
      return this.replaceRecoveryCodes(manager, staff.id);
    });
    return codes;
  }

  async disable(staff: StaffPrincipal, proof: string): Promise<void> {
    await this.prove(staff, proof);
    await this.changeAndNotify(staff, 'disabled', async (manager) => {
      await manager.delete(StaffRecoveryCodeEntity, { userId: staff.id });
      await manager.delete(StaffTotpEntity, { userId: staff.id });
    });
  }

  async regenerateRecoveryCodes(staff: StaffPrincipal, proof: string): Promise<string[]> {
    await this.prove(staff, proof);
    return this.changeAndNotify(staff, 'recovery_regenerated', (manager) => this.replaceRecoveryCodes(manager, staff.id));
  }

  /** Runs `change` in a transaction with its audit event and the user's notice in the outbox, in
   *  the account's language (its setting, whatever page language the change was made from). */
  private async changeAndNotify<T>(staff: StaffPrincipal, event: SecondFactorEvent, change: (manager: EntityManager, now: Date) => Promise<T>): Promise<T> {
    const { result, mailId } = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const result = await change(manager, now);
      await this.audit.append(manager, { type: `staff.second_factor_${event}`, actor: staffActor(staff), occurredAt: now, data: { userId: staff.id } });
      const mailId = await this.outbox.store(
        manager,
        SECOND_FACTOR_MAIL_KIND,
        `staff-second-factor-${randomUUID()}`,
        composeSecondFactorNotice(staff.email, event, await staffLanguageOf(manager, staff.email)),
      );
      return { result, mailId };
    });
    await this.outbox.dispatch(mailId);
    return result;
  }

  /**
   * The password or a current code (authenticator or recovery, spent like at sign-in) proves the
   * account's owner is at the keyboard. A wrong proof counts toward the sign-in lockout, so the
   * form cannot be used to guess codes; the count (or the spent code) is committed on its own.
   */
  private async prove(staff: StaffPrincipal, proof: string): Promise<void> {
    const ok = await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(StaffUserEntity, { where: { id: staff.id }, lock: { mode: 'pessimistic_write' } });
      if (!user) return false;
      const now = this.clock.now();
      const isCode = /^\d{6}$/.test(proof.replace(/\s/g, '')) || normalizeRecoveryCode(proof) !== null;
      const proven = isCode ? await this.check.spend(manager, staff.id, proof, now) : await this.hasher.verify(user.passwordHash, proof);
      if (!proven) await manager.update(StaffUserEntity, { id: user.id }, nextFailure(user, now));
      return proven;
    });
    if (!ok) throw wrongProof();
  }

  private async replaceRecoveryCodes(manager: EntityManager, userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await manager.delete(StaffRecoveryCodeEntity, { userId });
    await manager.insert(
      StaffRecoveryCodeEntity,
      codes.map((code) => ({ userId, codeHash: recoveryCodeHash(normalizeRecoveryCode(code)!), usedAt: null })),
    );
    return codes;
  }

  private async describe(staff: StaffPrincipal, secret: string): Promise<PendingEnrolment> {
    const uri = totpFor(secret, staff.email, new URL(this.config.PUBLIC_URL).host).toString();
    const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return { secret, uri, qrSvg };
  }
}
