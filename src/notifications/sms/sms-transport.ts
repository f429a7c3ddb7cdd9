/** A phone number in E.164 form ("+4791234567"); see identity/phone.ts. */
export type E164 = string;

/**
 * Sends one text message. Implementations never log the number or the text (the text carries a
 * proof code). A rejected promise means the message was not accepted.
 */
export interface SmsTransport {
  send(to: E164, text: string): Promise<void>;
}

/** Nest injection token for the configured transport (SMS_TRANSPORT). */
export const SMS_TRANSPORT = Symbol('SMS_TRANSPORT');
