import { CasesModule } from '../cases/cases.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { PublicSiteModule } from '../public-site/public-site.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SmsModule } from '../notifications/sms/sms.module';
import { ProofCodeEntity } from './proof-code.entity';
import { ProofPageRenderer } from './proof-page-renderer';
import { ProofPagesController } from './proof-pages.controller';
import { ProofSendEntity } from './proof-send.entity';
import { ProofService } from './proof.service';

/** Proof of claimed identifiers by one-time codes to the contact details on file. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ProofCodeEntity, ProofSendEntity]),
    AuditModule,
    CasesModule,
    IdentityModule,
    PublicSiteModule,
    NotificationsModule,
    SmsModule,
  ],
  controllers: [ProofPagesController],
  providers: [ProofService, ProofPageRenderer],
  exports: [ProofService],
})
export class ProofsModule {}
