import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CaseEntity } from '../cases/case.entity';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ReplyToAddresses } from '../notifications/reply-to';
import { replyAddress } from './reply-address';
import { ReplyTokensService } from './reply-tokens.service';
import { toRequester } from './requester-sender';

/** While REPLY_ADDRESS is set, every message stored for a case's requester (the person or their
 *  representative) carries the case's reply address as Reply-To; staff e-mails carry none. */
@Injectable()
export class ReplyAddressPlug implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly addresses: ReplyToAddresses,
    private readonly tokens: ReplyTokensService,
  ) {}

  onModuleInit(): void {
    const base = this.config.REPLY_ADDRESS;
    if (!base) return;
    this.addresses.use(async (manager, caseId, to) => {
      const entity = await manager.findOne(CaseEntity, { where: { id: caseId }, select: { id: true, subjectEmail: true } });
      if (!entity || !(await toRequester(manager, caseId, entity.subjectEmail, to))) return null;
      return replyAddress(base, await this.tokens.tokenFor(manager, caseId));
    });
  }
}
