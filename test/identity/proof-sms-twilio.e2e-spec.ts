import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { SmsRejectedError, TwilioSmsTransport, type TwilioHttpClient } from '../../src/notifications/sms/twilio-sms-transport';

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'test-auth-token-not-a-secret';

interface Seen {
  method: string;
  path: string;
  authorization: string;
  contentType: string;
  form: Record<string, string>;
}

/**
 * The Twilio adapter against a local server that answers as Twilio's Messages API does
 * (POST /2010-04-01/Accounts/{sid}/Messages.json, form-encoded, HTTP Basic with the account SID
 * and auth token). The official library builds and sends the request; only its base URL is
 * re-pointed, through the custom `httpClient` the library accepts.
 */
describe('Twilio SMS transport (official twilio library, local Messages API)', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  let answer: { status: number; body: unknown } = { status: 201, body: {} };

  beforeAll(async () => {
    server = createServer((request, response) => {
      void readForm(request).then((form) => {
        seen.push({
          method: request.method ?? '',
          path: request.url ?? '',
          authorization: request.headers.authorization ?? '',
          contentType: request.headers['content-type'] ?? '',
          form,
        });
        response.writeHead(answer.status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** The library's own RequestClient, with api.twilio.com replaced by the local server. */
  const localClient = (): TwilioHttpClient => {
    const real = new twilio.RequestClient();
    return {
      request: (opts: Parameters<typeof real.request>[0]) => real.request({ ...opts, uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, base) }),
    } as TwilioHttpClient;
  };

  it("loads on this Node (20+) and sends To, From and Body to the account's Messages resource with Basic auth", async () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
    answer = {
      status: 201,
      body: {
        sid: `SM${'a'.repeat(32)}`,
        account_sid: ACCOUNT_SID,
        to: '+4793456789',
        from: '+4759440000',
        body: 'x',
        status: 'queued',
        date_created: 'Thu, 05 Mar 2026 09:00:00 +0000',
      },
    };
    const transport = new TwilioSmsTransport({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+4759440000' }, localClient());
    await transport.send('+4793456789', 'Eksempel Deler AS: koden 1234 5678 bekrefter sak DSR-2026-000001.');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual({
      method: 'POST',
      path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
      authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
      contentType: expect.stringContaining('application/x-www-form-urlencoded'),
      form: { To: '+4793456789', From: '+4759440000', Body: 'Eksempel Deler AS: koden 1234 5678 bekrefter sak DSR-2026-000001.' },
    });
  });

  it('turns a refusal into an error that names the status and Twilio code, never the number or the text', async () => {
    answer = {
      status: 400,
      body: {
        code: 21211,
        message: "The 'To' number +4700000000 is not a valid phone number.",
        more_info: 'https://www.twilio.com/docs/errors/21211',
        status: 400,
      },
    };
    const transport = new TwilioSmsTransport({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+4759440000' }, localClient());
    const failure = await transport.send('+4700000000', 'code 1234 5678').then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(SmsRejectedError);
    expect(failure).toMatchObject({ status: 400, twilioCode: 21211 });
    expect((failure as Error).message).toBe('Twilio refused the message (HTTP 400, error 21211)');
    expect((failure as Error).message).not.toMatch(/\+47|1234/);
  });
});

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}
