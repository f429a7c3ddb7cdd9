import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { FormCsrf } from '../intake/form-csrf';
import { IntakeModule } from '../intake/intake.module';
import { PageRenderer } from '../intake/pages/page-renderer';
import { PublicPageFilter } from '../intake/public-page.filter';
import { NotificationsModule } from '../notifications/notifications.module';
import { SmsModule } from '../notifications/sms/sms.module';
import { ProofCodeEntity } from './proof-code.entity';
import { ProofPageRenderer } from './proof-page-renderer';
import { ProofPagesController } from './proof-pages.controller';
import { ProofSendEntity } from './proof-send.entity';
import { ProofService } from './proof.service';

/** Proof of claimed identifiers by one-time codes to the contact details on file. */
@Module({
  imports: [TypeOrmModule.forFeature([ProofCodeEntity, ProofSendEntity]), AuditModule, IdentityModule, IntakeModule, NotificationsModule, SmsModule],
  controllers: [ProofPagesController],
  providers: [
    ProofService,
    ProofPageRenderer,
    // The public site's CSRF and error pages, same secret and cookies as the request form.
    FormCsrf,
    PageRenderer,
    PublicPageFilter,
  ],
  exports: [ProofService],
})
export class ProofsModule {}
