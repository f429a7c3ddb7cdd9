import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { E164, SmsTransport } from './sms-transport';

/**
 * Development and test transport: each message becomes one JSON line `{at, to, text}` appended to
 * a file, which a developer (or a test) reads back. Nothing leaves the machine.
 */
export class FileSmsTransport implements SmsTransport {
  constructor(
    private readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(to: E164, text: string): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    // One appendFile call per line: concurrent sends in one process never interleave within a line.
    await appendFile(this.file, `${JSON.stringify({ at: this.now().toISOString(), to, text })}\n`, { encoding: 'utf8', mode: 0o600 });
  }
}
