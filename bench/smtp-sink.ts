/**
 * The benches' SMTP server, run as its own process so that parsing thousands of messages does not
 * share an event loop with the load generator. It accepts every message and prints one JSON line
 * per message, `{"to": [...], "subject": "..."}`, after `smtp sink ready on <port>`.
 * BENCH_SMTP_PORT (default: any free port) chooses the port.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData: (stream, session, callback) => {
    simpleParser(stream)
      .then((parsed) => {
        const to = session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase());
        process.stdout.write(`${JSON.stringify({ to, subject: parsed.subject ?? '' })}\n`);
        callback();
      })
      .catch(callback);
  },
});

// A worker killed with SIGKILL resets its pooled sessions; the sink serves the next worker.
server.on('error', () => undefined);

server.listen(Number(process.env.BENCH_SMTP_PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`smtp sink ready on ${(server.server.address() as AddressInfo).port}\n`);
});
