import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { createHash } from 'node:crypto';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { OutboxService } from '../../notifications/outbox.service';
import { nextFailure } from '../auth/lockout';
import { staffLanguageOf } from '../handler-recipient';
import { StaffUserEntity } from '../staff-user.entity';
import type { PasskeyChallenge } from './passkey-challenge-cookie';
import { composePasskeyChanged } from './passkey.mail';
import { PasskeyRefusal } from './passkey-refusal';
import { RelyingParty } from './relying-party';
import { SpentPasskeyChallengeEntity } from './spent-passkey-challenge.entity';
import { StaffPasskeyEntity } from './staff-passkey.entity';

export const PASSKEY_MAIL_KIND = { added: 'staff-passkey-added', removed: 'staff-passkey-removed' } as const;

/** The browser's own timeout for the ceremony, as long as the challenge cookie lives. */
const CEREMONY_TIMEOUT_MS = 5 * 60_000;

const hashOf = (challenge: string) => createHash('sha256').update(challenge).digest('hex');

/**
 * Staff passkeys with @simplewebauthn/server: registration from the account page, usernameless
 * sign-in (discoverable credentials) with user verification required — the authenticator checked
 * a PIN or biometric, so a passkey sign-in is two factors in one. Each challenge is answered once.
 */
@Injectable()
export class PasskeyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relyingParty: RelyingParty,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** The user's passkeys, oldest first. */
  list(userId: string): Promise<StaffPasskeyEntity[]> {
    return this.dataSource.getRepository(StaffPasskeyEntity).find({ where: { userId }, order: { createdAt: 'ASC' } });
  }

  /** Options for navigator.credentials.create(): a discoverable credential, user verification
   *  required, none of the user's existing passkeys again. */
  async registrationOptions(staff: StaffPrincipal): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.list(staff.id);
    return generateRegistrationOptions({
      rpName: this.relyingParty.name,
      rpID: this.relyingParty.id,
      userName: staff.email,
      userDisplayName: staff.name,
      // The user handle the authenticator returns at sign-in: our user id, nothing personal.
      userID: new TextEncoder().encode(staff.id),
      attestationType: 'none',
      timeout: CEREMONY_TIMEOUT_MS,
      excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransportFuture[] })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
  }

  /** Checks the new credential against the challenge and stores it; audit and e-mail in the same transaction. */
  async register(staff: StaffPrincipal, challenge: PasskeyChallenge, credential: RegistrationResponseJSON, name: string): Promise<StaffPasskeyEntity> {
    if (challenge.purpose !== 'register' || challenge.userId !== staff.id) throw new PasskeyRefusal('expired');
    await this.spend(challenge);
    let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verified = await verifyRegistrationResponse({
        response: credential,
        expectedChallenge: challenge.challenge,
        expectedOrigin: this.relyingParty.origin,
        expectedRPID: this.relyingParty.id,
        requireUserVerification: true,
      });
    } catch {
      throw new PasskeyRefusal('failed');
    }
    if (!verified.verified) throw new PasskeyRefusal('failed');
    const info = verified.registrationInfo;
    const { passkey, mailId } = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const taken = await manager.findOne(StaffPasskeyEntity, { where: { credentialId: info.credential.id } });
      if (taken) throw new PasskeyRefusal('failed');
      const saved = await manager.save(
        manager.create(StaffPasskeyEntity, {
          userId: staff.id,
          credentialId: info.credential.id,
          publicKey: Buffer.from(info.credential.publicKey),
          counter: info.credential.counter,
          transports: info.credential.transports ?? [],
          deviceType: info.credentialDeviceType,
          backedUp: info.credentialBackedUp,
          name,
          createdAt: now,
          lastUsedAt: null,
        }),
      );
      await this.audit.append(manager, {
        type: 'staff.passkey_added',
        actor: staffActor(staff),
        occurredAt: now,
        data: { userId: staff.id, passkeyId: saved.id, deviceType: saved.deviceType, backedUp: saved.backedUp },
      });
      const id = await this.mail(manager, staff.email, 'added', saved);
      return { passkey: saved, mailId: id };
    });
    await this.outbox.dispatch(mailId);
    return passkey;
  }

  /** Removes one of the user's own passkeys; false when there is no such passkey of theirs. */
  async remove(staff: StaffPrincipal, passkeyId: string): Promise<boolean> {
    const mailId = await this.dataSource.transaction(async (manager) => {
      const passkey = await manager.findOne(StaffPasskeyEntity, { where: { id: passkeyId, userId: staff.id } });
      if (!passkey) return null;
      await manager.delete(StaffPasskeyEntity, { id: passkey.id });
      await this.audit.append(manager, {
        type: 'staff.passkey_removed',
        actor: staffActor(staff),
        occurredAt: this.clock.now(),
        data: { userId: staff.id, passkeyId: passkey.id },
      });
      return this.mail(manager, staff.email, 'removed', passkey);
    });
    if (mailId) await this.outbox.dispatch(mailId);
    return mailId !== null;
  }

  /** Options for navigator.credentials.get(): no credentials listed (the authenticator offers its
   *  discoverable ones for this RP ID), user verification required. */
  signInOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return generateAuthenticationOptions({ rpID: this.relyingParty.id, userVerification: 'required', timeout: CEREMONY_TIMEOUT_MS, allowCredentials: [] });
  }

  /**
   * The user whose passkey answered the challenge. Like the password path: a deactivated account
   * is refused, a locked one too (and the attempt counts), a failed signature counts as a failed
   * sign-in of the passkey's account, and a good one clears the count. The signature counter and
   * backup flags are stored; a counter that went backwards (a cloned key) is refused by the library.
   */
  async signIn(challenge: PasskeyChallenge, credential: AuthenticationResponseJSON): Promise<StaffUserEntity> {
    if (challenge.purpose !== 'sign-in') throw new PasskeyRefusal('expired');
    await this.spend(challenge);
    const passkey = await this.dataSource.getRepository(StaffPasskeyEntity).findOne({ where: { credentialId: credential.id } });
    if (!passkey) throw new PasskeyRefusal('unknown');
    let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>> | null = null;
    try {
      verified = await verifyAuthenticationResponse({
        response: credential,
        expectedChallenge: challenge.challenge,
        expectedOrigin: this.relyingParty.origin,
        expectedRPID: this.relyingParty.id,
        credential: {
          id: passkey.credentialId,
          publicKey: new Uint8Array(passkey.publicKey),
          counter: passkey.counter,
          transports: passkey.transports as AuthenticatorTransportFuture[],
        },
        requireUserVerification: true,
      });
    } catch {
      verified = null;
    }
    // The user handle, when the authenticator sends one, must be the passkey's own account.
    const handle = credential.response.userHandle;
    const handleMatches = !handle || Buffer.from(handle, 'base64url').toString('utf8') === passkey.userId;
    const good = Boolean(verified?.verified) && handleMatches;
    const user = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(StaffUserEntity, { where: { id: passkey.userId }, lock: { mode: 'pessimistic_write' } });
      if (!row || !row.active) return null;
      const now = this.clock.now();
      const locked = row.lockedUntil !== null && row.lockedUntil > now;
      if (!good || locked) {
        await manager.update(StaffUserEntity, { id: row.id }, nextFailure(row, now));
        return null;
      }
      const info = verified!.authenticationInfo;
      await manager.update(
        StaffPasskeyEntity,
        { id: passkey.id },
        { counter: info.newCounter, backedUp: info.credentialBackedUp, deviceType: info.credentialDeviceType, lastUsedAt: now },
      );
      await manager.update(StaffUserEntity, { id: row.id }, { failedLogins: 0, lockLevel: 0, lockedUntil: null, lastLoginAt: now });
      await this.audit.append(manager, {
        type: 'staff.passkey_used',
        actor: `staff:${row.id}`,
        occurredAt: now,
        data: { userId: row.id, passkeyId: passkey.id },
      });
      return row;
    });
    if (!user) throw new PasskeyRefusal('failed');
    return user;
  }

  /** Marks the challenge answered; a second answer to it is refused. Spent rows past their
   *  challenge's expiry are dropped on the way (they can no longer be replayed anyway). */
  private async spend(challenge: PasskeyChallenge): Promise<void> {
    const repository = this.dataSource.getRepository(SpentPasskeyChallengeEntity);
    await repository.delete({ expiresAt: LessThan(this.clock.now()) });
    const inserted = await repository
      .createQueryBuilder()
      .insert()
      .values({ challengeHash: hashOf(challenge.challenge), expiresAt: new Date(challenge.expiresAt) })
      .orIgnore()
      .returning(['challengeHash'])
      .execute();
    if (!inserted.raw?.length) throw new PasskeyRefusal('expired');
  }

  /** The notice in the account's own language (its setting, not the page it was changed on). */
  private async mail(manager: EntityManager, to: string, change: 'added' | 'removed', passkey: StaffPasskeyEntity): Promise<string> {
    const mail = composePasskeyChanged(to, change, passkey.name, await staffLanguageOf(manager, to));
    return this.outbox.store(manager, PASSKEY_MAIL_KIND[change], `${PASSKEY_MAIL_KIND[change]}-${passkey.id}`, mail);
  }
}
