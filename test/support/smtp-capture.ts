import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  parsed: ParsedMail;
}

/** A real SMTP server on a free port that keeps every message it receives, parsed. */
export class SmtpCapture {
  readonly messages: CapturedMail[] = [];
  private server: SMTPServer | null = null;
  private waiters: Array<() => void> = [];
  /** While set, the server refuses messages (a temporarily failing relay). */
  refuse = false;
  port = 0;

  async start(port = 0): Promise<string> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // The service keeps pooled sessions open; stopping ends them at once instead of after 30 s.
      closeTimeout: 200,
      onData: (stream, _session, callback) => {
        if (this.refuse) {
          stream.resume();
          stream.on('end', () => callback(Object.assign(new Error('temporarily unavailable'), { responseCode: 451 })));
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            const to = ([] as Array<{ value: Array<{ address?: string }> }>)
              .concat((parsed.to as never) ?? [])
              .flatMap((group) => group.value.map((address) => address.address ?? ''));
            this.messages.push({
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              parsed,
            });
            this.waiters.splice(0).forEach((wake) => wake());
            callback();
          })
          .catch(callback);
      },
    });
    // A client that dies mid-session (a worker killed with SIGKILL) resets its connection; a real
    // SMTP server carries on serving the others.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Resolves with the first message (already received or arriving) that matches. */
  async waitFor(match: (mail: CapturedMail) => boolean, timeoutMs = 20_000): Promise<CapturedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`no matching e-mail within ${timeoutMs} ms; got: ${this.messages.map((m) => m.subject).join(' | ') || 'none'}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  to(address: string): CapturedMail[] {
    return this.messages.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}
