import { Module, OnModuleInit } from '@nestjs/common';
import { DeadlinesModule } from '../../deadlines/deadlines.module';
import { MailComposerRegistry } from '../../notifications/mail-composer.registry';
import { NotificationsModule } from '../../notifications/notifications.module';
import { STAFF_DIGEST_KIND, StaffDigestService } from './staff-digest.service';

/** The staff's daily digest e-mail (worker role: the job and its composer run there). */
@Module({
  imports: [NotificationsModule, DeadlinesModule],
  providers: [StaffDigestService],
  exports: [StaffDigestService],
})
export class StaffDigestModule implements OnModuleInit {
  constructor(
    private readonly registry: MailComposerRegistry,
    private readonly digest: StaffDigestService,
  ) {}

  onModuleInit(): void {
    this.registry.register(STAFF_DIGEST_KIND, this.digest.compose);
  }
}
