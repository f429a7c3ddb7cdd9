import { Module } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { FileSmsTransport } from './file-sms-transport';
import { SMS_TRANSPORT, type SmsTransport } from './sms-transport';
import { TwilioSmsTransport } from './twilio-sms-transport';

/** The SMS transport chosen by SMS_TRANSPORT (file by default). */
@Module({
  providers: [
    {
      provide: SMS_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): SmsTransport =>
        config.SMS_TRANSPORT === 'twilio'
          ? new TwilioSmsTransport({ accountSid: config.TWILIO_ACCOUNT_SID!, authToken: config.TWILIO_AUTH_TOKEN!, from: config.TWILIO_FROM! })
          : new FileSmsTransport(config.SMS_FILE),
    },
  ],
  exports: [SMS_TRANSPORT],
})
export class SmsModule {}
