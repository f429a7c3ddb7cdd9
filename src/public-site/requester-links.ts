import { Inject, Injectable } from '@nestjs/common';
import type { Language } from '../common/case-types';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { LinkSigner, type LinkCheck } from './link-signer';

/** The links the requester gets by e-mail: verification (expiring, single use by case state)
 *  and status (no expiry: the person may look up a closed request later). */
@Injectable()
export class RequesterLinks {
  private readonly signer: LinkSigner;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.signer = new LinkSigner(config.APP_SECRET, config.APP_SECRET_PREVIOUS);
  }

  statusToken(caseId: string): string {
    return this.signer.sign('status', caseId, null);
  }

  statusUrl(caseId: string): string {
    return `${this.config.PUBLIC_URL}/status/${this.statusToken(caseId)}`;
  }

  verifyUrl(caseId: string, expiresAt: Date): string {
    return `${this.config.PUBLIC_URL}/verify/${this.signer.sign('verify', caseId, expiresAt)}`;
  }

  formUrl(language: Language): string {
    return `${this.config.PUBLIC_URL}/${language === 'en' ? '?lang=en' : ''}`;
  }

  caseUrl(reference: string): string {
    return `${this.config.PUBLIC_URL}/staff/cases/${reference}`;
  }

  checkStatus(token: string, now: Date): LinkCheck {
    return this.signer.check('status', token, now);
  }

  checkVerify(token: string, now: Date): LinkCheck {
    return this.signer.check('verify', token, now);
  }
}
