import { join } from 'node:path';
import { spawnService, type BenchProcess } from '../spawn-service';

const REFERENCE = /DSR-\d{4}-\d+/;

/** The SMTP sink process (bench/smtp-sink.ts) and, per case reference named in a subject, the
 *  addresses a message about it reached. */
export interface MailSink {
  smtpUrl: string;
  process: BenchProcess;
  /** Whether a message naming `reference` in its subject went to `address`. */
  reached(reference: string, address: string): boolean;
  /** How many of `references` some message named. */
  countNamed(references: Iterable<string>): number;
}

export async function startMailSink(): Promise<MailSink> {
  const recipients = new Map<string, Set<string>>();
  const onLine = (line: string) => {
    if (!line.startsWith('{')) return;
    const message = JSON.parse(line) as { to: string[]; subject: string };
    const reference = REFERENCE.exec(message.subject)?.[0];
    if (!reference) return;
    const known = recipients.get(reference) ?? new Set<string>();
    message.to.forEach((address) => known.add(address));
    recipients.set(reference, known);
  };
  const sink = await spawnService({}, /smtp sink ready on (\d+)/, { script: join(__dirname, '..', 'smtp-sink.js'), onLine });
  return {
    smtpUrl: `smtp://127.0.0.1:${sink.ready[1]}`,
    process: sink,
    reached: (reference, address) => recipients.get(reference)?.has(address.toLowerCase()) ?? false,
    countNamed: (references) => [...references].filter((reference) => recipients.has(reference)).length,
  };
}
