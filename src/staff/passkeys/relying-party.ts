import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/**
 * Who the passkeys belong to, from PUBLIC_URL alone: the RP ID is its host name (a passkey works
 * only on that host and its subdomains' parent, so moving the service to another host name means
 * registering passkeys again) and the expected origin is its scheme, host and port. Browsers
 * offer WebAuthn only in a secure context: https, or http://localhost for development.
 */
@Injectable()
export class RelyingParty {
  readonly id: string;
  readonly origin: string;
  /** Shown by the browser and the authenticator next to the account name. */
  readonly name = 'DSR engine';

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const url = new URL(config.PUBLIC_URL);
    this.id = url.hostname;
    this.origin = url.origin;
  }
}
