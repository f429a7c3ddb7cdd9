import { Inject, Injectable } from '@nestjs/common';
import type { Language } from '../../common/case-types';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SSO_COPY } from './sso-copy';

/** The sign-in page's "Sign in with …" link, when single sign-on is set up. */
@Injectable()
export class SsoLoginLink {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The link's address (carrying the page to open afterwards) and text, or undefined when SSO is off. */
  forLogin(language: Language, next: unknown): { href: string; label: string } | undefined {
    if (!this.config.OIDC_ISSUER) return undefined;
    const query = typeof next === 'string' && next ? `?${new URLSearchParams({ next }).toString()}` : '';
    return { href: `/staff/login/sso${query}`, label: this.config.OIDC_LABEL ?? SSO_COPY[language].button };
  }
}
