import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { AnswerLinkRegistry } from '../public-site/answer-links';
import { PublicSiteModule } from '../public-site/public-site.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AnswerEventsListener } from './answer-events.listener';
import { AnswerService } from './answer.service';
import { AnswerPageRenderer } from './download/answer-page-renderer';
import { AnswerPagesController } from './download/answer-pages.controller';
import { AnswerUnlockController } from './download/answer-unlock.controller';
import { DownloadCodeEntity } from './download/download-code.entity';
import { DownloadService } from './download/download.service';
import { StaffAnswerFilesService } from './download/staff-answer-files.service';
import { PackageDownloadEntity } from './download/package-download.entity';
import { AnswerLetterEntity } from './letters/answer-letter.entity';
import { LetterDraftEntity } from './letters/letter-draft.entity';
import { LetterStore } from './letters/letter-store';
import { RestrictionLiftingController } from './restriction/restriction-lifting.controller';
import { RestrictionLiftingEntity } from './restriction/restriction-lifting.entity';
import { RestrictionLiftingService } from './restriction/restriction-lifting.service';
import { LetterFactsService } from './letters/letter-facts.service';
import { LettersController } from './letters/letters.controller';
import { PostedLetterController } from './letters/posted-letter.controller';
import { ExtensionLetterController } from './letters/extension-letter.controller';
import { ExtensionLetterService } from './letters/extension-letter.service';
import { PostedLetterService } from './letters/posted-letter.service';
import { AnswerPackageEntity } from './package/answer-package.entity';
import { PackageBuilderService } from './package/package-builder.service';
import { TaskOutcomesModule } from '../connectors/tasks/task-outcomes.reader';
import { ConnectorsModule } from '../connectors/connectors.module';
import { PackageExpiryService } from './package/package-expiry.service';
import { RetentionSweepService } from './retention/retention-sweep.service';
import { CaseClosedExportsListener } from './retention/case-closed-exports.listener';
import { RecipientTaskEntity } from './notices/recipient-task.entity';
import { RecipientTasksController } from './notices/recipient-tasks.controller';
import { RecipientTasksListener } from './notices/recipient-tasks.listener';
import { RecipientTasksService } from './notices/recipient-tasks.service';
import { LetterTemplateEntity } from './templates/letter-template.entity';
import { LetterTemplatesController } from './templates/letter-templates.controller';
import { LetterTemplatesService } from './templates/letter-templates.service';

/** The answer (ARCHITECTURE.md "The life of a case", step 6): package, letters, secure download, Art 19 notices. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      AnswerPackageEntity,
      DownloadCodeEntity,
      PackageDownloadEntity,
      LetterDraftEntity,
      AnswerLetterEntity,
      RestrictionLiftingEntity,
      RecipientTaskEntity,
      LetterTemplateEntity,
    ]),
    AuditModule,
    CasesModule,
    DeadlinesModule,
    NotificationsModule,
    PublicSiteModule,
    TaskOutcomesModule,
    // A connector that can lift its own restriction (a per-field note) is asked to at the lift.
    ConnectorsModule,
  ],
  controllers: [
    LettersController,
    PostedLetterController,
    ExtensionLetterController,
    AnswerPagesController,
    AnswerUnlockController,
    RestrictionLiftingController,
    RecipientTasksController,
    LetterTemplatesController,
  ],
  providers: [
    AnswerService,
    LetterFactsService,
    LetterStore,
    PostedLetterService,
    ExtensionLetterService,
    RestrictionLiftingService,
    StaffAnswerFilesService,
    PackageBuilderService,
    PackageExpiryService,
    DownloadService,
    AnswerPageRenderer,
    AnswerEventsListener,
    RetentionSweepService,
    CaseClosedExportsListener,
    RecipientTasksService,
    RecipientTasksListener,
    LetterTemplatesService,
  ],
  exports: [
    AnswerService,
    PackageExpiryService,
    DownloadService,
    RestrictionLiftingService,
    StaffAnswerFilesService,
    RetentionSweepService,
    RecipientTasksService,
    ExtensionLetterService,
    LetterTemplatesService,
  ],
})
export class ResponsesModule implements OnModuleInit {
  constructor(
    private readonly downloads: DownloadService,
    private readonly links: AnswerLinkRegistry,
  ) {}

  onModuleInit(): void {
    this.links.register((caseId) => this.downloads.linkFor(caseId));
  }
}
