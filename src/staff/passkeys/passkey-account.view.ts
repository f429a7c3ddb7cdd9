import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Language } from '../../common/case-types';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { shownInstant, type ShownDate } from '../ui/shown-date';
import { PASSKEY_COPY } from './passkey-copy';
import { PasskeyService } from './passkey.service';

/** A sign-in this recent stands in for the password when removing a passkey (someone at an
 *  unlocked screen hours later must still know the password). */
export const RECENT_SIGN_IN_MINUTES = 10;

export interface PasskeysSection {
  list: Array<{ id: string; name: string; created: ShownDate | ''; lastUsed: ShownDate | '' }>;
  /** Removing needs the current password: the session signed in too long ago. */
  needsPassword: boolean;
  problem?: string;
}

/** What the account page's passkeys section (passkeys-section.partial.hbs) shows. */
@Injectable()
export class PasskeyAccountView {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly passkeys: PasskeyService,
  ) {}

  async section(request: Request, staff: StaffPrincipal, language: Language, problem?: string): Promise<PasskeysSection> {
    const list = await this.passkeys.list(staff.id);
    const dates = { language, timeZone: this.config.TZ_NAME };
    return {
      list: list.map((passkey) => ({
        id: passkey.id,
        name: passkey.name,
        created: shownInstant(passkey.createdAt, dates),
        lastUsed: shownInstant(passkey.lastUsedAt, dates),
      })),
      needsPassword: !recentlySignedIn(request),
      problem,
    };
  }
}

/** Whether this session signed in within RECENT_SIGN_IN_MINUTES. */
export function recentlySignedIn(request: Request): boolean {
  const at = request.session?.signedInAt;
  return typeof at === 'number' && Date.now() - at < RECENT_SIGN_IN_MINUTES * 60_000;
}

/** The notice after adding (`?done=passkey-added`) or removing (`?done=passkey-removed`) a passkey. */
export function passkeyNotice(language: Language, done: unknown): string | undefined {
  if (done === 'passkey-added') return PASSKEY_COPY[language].added;
  if (done === 'passkey-removed') return PASSKEY_COPY[language].removed;
  return undefined;
}
