import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { CasesModule } from '../cases/cases.module';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { requestPathRedisOptions } from '../queues/redis-connection';
import { RepresentationModule } from '../representation/representation.module';
import { CaseVerificationEntity } from './case-verification.entity';
import { IntakeApiController } from './intake-api.controller';
import { IntakeFormController } from './intake-form.controller';
import { IntakeFormThrottlerGuard } from './intake-form-throttler.guard';
import { IntakeSubmissionEntity } from './intake-submission.entity';
import { IntakeRegistration } from './registration/intake-registration';
import { IntakeService } from './intake.service';
import { PublicSiteModule } from '../public-site/public-site.module';
import { RequesterMailComposers } from './requester-mail.composers';
import { RequesterNotificationsListener } from './requester-notifications.listener';
import { RequesterPagesController } from './requester-pages.controller';
import { VerificationJobsService } from './verification-jobs.service';
import { VerificationService } from './verification.service';

/** The requester's side: public form and JSON intake, e-mail verification, status page and
 *  the e-mails of the journey. */
@Module({
  imports: [
    TypeOrmModule.forFeature([IntakeSubmissionEntity, CaseVerificationEntity]),
    CasesModule,
    DeadlinesModule,
    NotificationsModule,
    RepresentationModule,
    PublicSiteModule,
    // Counted in Redis so the limit holds across api processes; keys live under the queue
    // prefix so one deployment (or test run) never counts another's requests.
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // Named `default` because @nestjs/throttler suffixes the headers of any other name
        // (`Retry-After-intake`); clients and proxies only know the standard `Retry-After`.
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.INTAKE_RATE_LIMIT_PER_MINUTE }],
        // One count per client address for the form and the JSON API together.
        generateKey: (_context, tracker) => `intake-${tracker}`,
        storage: new ThrottlerStorageRedisService({
          ...requestPathRedisOptions(config.REDIS_URL),
          keyPrefix: `${config.QUEUE_PREFIX}:throttle:`,
        }),
      }),
    }),
  ],
  controllers: [IntakeFormController, IntakeApiController, RequesterPagesController],
  providers: [
    IntakeFormThrottlerGuard,
    IntakeService,
    IntakeRegistration,
    VerificationService,
    VerificationJobsService,
    RequesterMailComposers,
    RequesterNotificationsListener,
  ],
  exports: [VerificationService, VerificationJobsService],
})
export class IntakeModule {}
