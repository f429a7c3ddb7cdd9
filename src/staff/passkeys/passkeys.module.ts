import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../../audit/audit.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { PasskeyAccountView } from './passkey-account.view';
import { PasskeyAssetsController } from './passkey-assets.controller';
import { PasskeyChallengeCookie } from './passkey-challenge-cookie';
import { PasskeyService } from './passkey.service';
import { RelyingParty } from './relying-party';
import { SpentPasskeyChallengeEntity } from './spent-passkey-challenge.entity';
import { StaffPasskeyEntity } from './staff-passkey.entity';

/** Staff passkeys (WebAuthn): the credentials, the ceremonies and the two browser scripts. The
 *  sign-in and account routes (PasskeyLoginController, PasskeyAccountController) are served by
 *  the staff UI module, with its sessions and CSRF. */
@Module({
  imports: [TypeOrmModule.forFeature([StaffPasskeyEntity, SpentPasskeyChallengeEntity]), AuditModule, NotificationsModule],
  controllers: [PasskeyAssetsController],
  providers: [PasskeyService, RelyingParty, PasskeyChallengeCookie, PasskeyAccountView],
  exports: [PasskeyService, PasskeyChallengeCookie, PasskeyAccountView],
})
export class PasskeysModule {}
