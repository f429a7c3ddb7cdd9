import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { StaffModule } from '../staff.module';
import { AccountApiController } from './account-api.controller';
import { AccountService } from './account.service';
import { PasswordResetService } from './password-reset.service';
import { TotpEnrolmentService } from '../second-factor/totp-enrolment.service';

/** A staff member's own account: password change and reset, logout, sign out everywhere. The pages
 *  (account-page, password-reset-page controllers) are served by the staff UI module, with its sessions. */
@Module({
  imports: [StaffModule, AuditModule, NotificationsModule],
  controllers: [AccountApiController],
  providers: [AccountService, PasswordResetService, TotpEnrolmentService],
  exports: [AccountService, PasswordResetService, TotpEnrolmentService],
})
export class StaffAccountModule {}
