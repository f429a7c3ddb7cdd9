import { RepliesModule } from '../../replies/replies.module';
import { StaffReplyFilesController } from './staff-reply-files.controller';
import { MiddlewareConsumer, Module, NestModule, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request } from 'express';
import { AuditModule } from '../../audit/audit.module';
import { IdentityModule } from '../../identity/identity.module';
import { CasesModule } from '../../cases/cases.module';
import { ConnectorsModule } from '../../connectors/connectors.module';
import { CaseAlertEntity } from '../../deadlines/alerts/case-alert.entity';
import { DeadlinesModule } from '../../deadlines/deadlines.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { RepresentationModule } from '../../representation/representation.module';
import { ResponsesModule } from '../../responses/responses.module';
import { AccountPageController } from '../account/account-page.controller';
import { StaffAccountModule } from '../account/account.module';
import { PasswordResetPageController } from '../account/password-reset-page.controller';
import { AuthService } from '../auth/auth.service';
import { StaffAuthGuard } from '../auth/staff-auth.guard';
import { StaffModule } from '../staff.module';
import { StaffUserEntity } from '../staff-user.entity';
import { StaffLanguageService } from '../language/staff-language.service';
import { StaffUsersService } from '../users/staff-users.service';
import { OwnerOnboardingService } from '../owners/owner-onboarding.service';
import { PasskeyAccountController } from '../passkeys/passkey-account.controller';
import { PasskeyLoginController } from '../passkeys/passkey-login.controller';
import { PasskeysModule } from '../passkeys/passkeys.module';
import { OidcClientService } from '../sso/oidc-client.service';
import { SsoLoginLink } from '../sso/sso-login-link';
import { SsoSignInService } from '../sso/sso-sign-in.service';
import { SsoStateCookie } from '../sso/sso-state-cookie';
import { StaffSsoController } from '../sso/staff-sso.controller';
import { AccountPageView } from '../account/account-page.view';
import { PendingSignInCookie } from '../second-factor/pending-sign-in-cookie';
import { SecondFactorAccountController } from '../second-factor/second-factor-account.controller';
import { SecondFactorLoginController } from '../second-factor/second-factor-login.controller';
import { SecondFactorPolicyController } from '../second-factor/second-factor-policy.controller';
import { SecondFactorPolicyService } from '../second-factor/second-factor-policy.service';
import { CasePagePresenter } from './case-page.presenter';
import { DeadlineStates } from './deadline-states';
import { StaffPageFilter } from './pages/staff-page.filter';
import { StaffPageRenderer } from './pages/staff-page-renderer';
import { QueuesDashboardController } from './queues-dashboard.controller';
import { StaffCsrf, StaffCsrfGuard } from './session/staff-csrf';
import { StaffSessionService } from './session/staff-session.service';
import { StaffBadge } from './staff-badge';
import { StaffAnswerFilesController } from './staff-answer-files.controller';
import { StaffCaseController } from './staff-case.controller';
import { StaffDashboardController } from './staff-dashboard.controller';
import { ReportsModule } from '../reports/reports.module';
import { StaffMergeController } from './staff-merge.controller';
import { StaffLoginController } from './staff-login.controller';
import { StaffQueueController } from './staff-queue.controller';
import { StaffRegisterController } from './staff-register.controller';
import { StaffSystemsController } from './staff-systems.controller';
import { StaffTasksController } from './staff-tasks.controller';
import { StaffTasksPage } from './staff-tasks.page';
import { StaffTemplatesController } from './staff-templates.controller';
import { StaffUsersController } from './staff-users.controller';

/** The register form's route (`/staff/cases/new`) comes before the case page's `:reference`. */
const CONTROLLERS = [
  StaffLoginController,
  SecondFactorLoginController,
  StaffSsoController,
  PasskeyLoginController,
  StaffQueueController,
  StaffDashboardController,
  StaffRegisterController,
  StaffCaseController,
  StaffMergeController,
  StaffAnswerFilesController,
  StaffReplyFilesController,
  StaffTasksController,
  // `/staff/users/second-factor` (one POST) beside the users page's own `/staff/users/:id/…` forms.
  SecondFactorPolicyController,
  StaffUsersController,
  StaffSystemsController,
  StaffTemplatesController,
  QueuesDashboardController,
  AccountPageController,
  SecondFactorAccountController,
  PasskeyAccountController,
  PasswordResetPageController,
];

/** The staff web UI: server-rendered pages under /staff with Redis sessions, CSRF on every
 *  form, and the same services (and role checks) as the REST API. */
@Module({
  imports: [
    TypeOrmModule.forFeature([StaffUserEntity, CaseAlertEntity]),
    StaffModule,
    StaffAccountModule,
    AuditModule,
    CasesModule,
    IdentityModule,
    DeadlinesModule,
    NotificationsModule,
    ConnectorsModule,
    // The answer letter and the download lock on the case page (ResponsesModule imports no staff UI).
    ResponsesModule,
    // The conversation with the requester and their reply attachments.
    RepliesModule,
    RepresentationModule,
    PasskeysModule,
    // The dashboard's figures and its CSV download; also serves GET /api/v1/reports/cases.csv.
    ReportsModule,
  ],
  controllers: CONTROLLERS,
  providers: [
    StaffSessionService,
    StaffCsrf,
    StaffCsrfGuard,
    StaffPageRenderer,
    StaffPageFilter,
    StaffUsersService,
    DeadlineStates,
    StaffBadge,
    CasePagePresenter,
    StaffTasksPage,
    OidcClientService,
    SsoSignInService,
    SsoStateCookie,
    SsoLoginLink,
    PendingSignInCookie,
    AccountPageView,
    SecondFactorPolicyService,
    OwnerOnboardingService,
    StaffLanguageService,
  ],
  exports: [StaffUsersService, OwnerOnboardingService],
})
export class StaffUiModule implements NestModule, OnModuleInit {
  constructor(
    private readonly session: StaffSessionService,
    private readonly guard: StaffAuthGuard,
    private readonly auth: AuthService,
  ) {}

  /** Sessions exist only under the staff pages; the REST API stays bearer-token only. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.session.middleware).forRoutes(...CONTROLLERS);
  }

  onModuleInit(): void {
    this.guard.useSessionResolver(async (request: Request) => {
      const userId = this.session.userId(request);
      const principal = userId ? await this.auth.principalForUser(userId, this.session.epoch(request), this.session.signInMethod(request)) : null;
      // Signed in through the identity provider: our password was not used, so its forced change does not apply.
      return principal && this.session.signedInWithSso(request) ? { ...principal, mustChangePassword: false } : principal;
    });
  }
}
