import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { QueryFailedError, type DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import type { StaffRole } from '../../common/auth/staff-roles';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { PasswordHasher } from '../auth/password-hasher';
import { StaffUserEntity } from '../staff-user.entity';
import type { IdTokenClaims } from './oidc-client.service';
import { SsoRefusal } from './sso-refusal';

/** How the audit trail names changes made by a sign-in rather than by a person. */
const SSO_ACTOR = 'system';

/**
 * Turns a verified ID token into a staff user: found by the e-mail the provider vouches for,
 * given the role the role claim maps to (changed, and audited, when the provider says otherwise
 * than the last time), or created on the first sign-in when OIDC_PROVISION=mapped and a role maps.
 */
@Injectable()
export class SsoSignInService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async userFor(claims: IdTokenClaims): Promise<StaffUserEntity> {
    const email = verifiedEmail(claims);
    if (!email) throw new SsoRefusal('no_verified_email');
    const mapped = this.mappedRole(claims);
    const users = this.dataSource.getRepository(StaffUserEntity);
    const user = await users.findOne({ where: { email } });
    if (!user) {
      // Two first sign-ins of one person at once: the second finds the account the first created.
      return this.provision(email, claims, mapped).catch((error: unknown) => {
        if (isUniqueViolation(error)) return this.userFor(claims);
        throw error;
      });
    }
    if (!user.active) throw new SsoRefusal('deactivated');
    // With a role map, the provider decides the role: someone taken out of every mapped group is out.
    if (this.config.OIDC_ROLE_MAP.length && !mapped) throw new SsoRefusal('no_role');
    return this.signedIn(user, mapped ?? user.role);
  }

  /** The role of the first OIDC_ROLE_MAP pair whose value the role claim holds. */
  private mappedRole(claims: IdTokenClaims): StaffRole | null {
    const raw = claims[this.config.OIDC_ROLE_CLAIM];
    const values = new Set((Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === 'string'));
    return this.config.OIDC_ROLE_MAP.find((mapping) => values.has(mapping.value))?.role ?? null;
  }

  private async provision(email: string, claims: IdTokenClaims, role: StaffRole | null): Promise<StaffUserEntity> {
    if (this.config.OIDC_PROVISION !== 'mapped') throw new SsoRefusal('unknown_user');
    if (!role) throw new SsoRefusal('no_role');
    // The account signs in through the provider only: its password is random and never shown.
    const passwordHash = await this.hasher.hash(randomBytes(32).toString('base64url'));
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const created = await manager
        .getRepository(StaffUserEntity)
        .save(manager.getRepository(StaffUserEntity).create({ email, name: displayName(claims, email), role, passwordHash, lastLoginAt: now }));
      await this.audit.append(manager, {
        type: 'staff.user_created',
        actor: SSO_ACTOR,
        occurredAt: now,
        data: { userId: created.id, role, source: 'oidc' },
      });
      return created;
    });
  }

  private async signedIn(user: StaffUserEntity, role: StaffRole): Promise<StaffUserEntity> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(StaffUserEntity).update(user.id, { role, lastLoginAt: now });
      if (role !== user.role) {
        await this.audit.append(manager, {
          type: 'staff.role_changed',
          actor: SSO_ACTOR,
          occurredAt: now,
          data: { userId: user.id, role, previousRole: user.role, source: 'oidc' },
        });
      }
    });
    return { ...user, role, lastLoginAt: now };
  }
}

/**
 * The e-mail address, lower-cased, only when the provider vouches for it: `email_verified: true`,
 * or, from Microsoft Entra ID (which sends no email_verified), its optional claim
 * `xms_edov: true` (the address's domain is verified by the tenant). Anything else could let
 * someone who sets their own e-mail at the provider take over a staff account.
 */
export function verifiedEmail(claims: IdTokenClaims): string | null {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!email || email.length > 320 || !email.includes('@')) return null;
  // Some providers send the flags as the strings "true"/"false".
  const vouched = isTrue(claims.email_verified) || (claims.email_verified === undefined && isTrue(claims.xms_edov));
  return vouched ? email : null;
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError && (error.driverError as { code?: unknown } | undefined)?.code === '23505';

const isTrue = (value: unknown): boolean => value === true || value === 'true';

function displayName(claims: IdTokenClaims, email: string): string {
  const name = typeof claims.name === 'string' ? claims.name.trim() : '';
  return (name || email.slice(0, email.indexOf('@'))).slice(0, 200);
}
