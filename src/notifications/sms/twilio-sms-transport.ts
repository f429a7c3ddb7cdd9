import twilio from 'twilio';
import type { E164, SmsTransport } from './sms-transport';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** E.164 number or alphanumeric sender id. */
  from: string;
}

/** The part of twilio's RequestClient the library calls; tests pass one that points elsewhere. */
export type TwilioHttpClient = NonNullable<Parameters<typeof twilio>[2]>['httpClient'];

/** Why Twilio refused a message, without the number or text (its error messages can quote them). */
export class SmsRejectedError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly twilioCode: number | undefined,
  ) {
    super(`Twilio refused the message${status ? ` (HTTP ${status}${twilioCode ? `, error ${twilioCode}` : ''})` : ''}`);
    this.name = 'SmsRejectedError';
  }
}

/**
 * SMS through Twilio's Messages API with the official `twilio` helper library (maintained by
 * Twilio, supports Node 20+). Credentials come from the environment (TWILIO_ACCOUNT_SID,
 * TWILIO_AUTH_TOKEN, TWILIO_FROM), never from the data map.
 */
export class TwilioSmsTransport implements SmsTransport {
  private readonly client: ReturnType<typeof twilio>;

  constructor(
    private readonly settings: TwilioSettings,
    httpClient?: TwilioHttpClient,
  ) {
    // No automatic retries: a proof code that arrives twice minutes apart confuses more than it helps;
    // the requester can ask for another code.
    this.client = twilio(settings.accountSid, settings.authToken, { httpClient, autoRetry: false, logLevel: undefined });
  }

  async send(to: E164, text: string): Promise<void> {
    try {
      await this.client.messages.create({ to, from: this.settings.from, body: text });
    } catch (error) {
      const details = error as { status?: number; code?: number };
      throw new SmsRejectedError(typeof details.status === 'number' ? details.status : undefined, typeof details.code === 'number' ? details.code : undefined);
    }
  }
}
