import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { SystemsService } from '../systems/systems.service';

export interface MailMessage {
  /** A stable Message-ID (per outbox row), so a receiver can recognise a repeat. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Where an answer goes (the case's reply address), when the message has one. */
  replyTo?: string | null;
}

/**
 * The SMTP adapter. With SMTP_URL set, messages go to that server (Mailpit in compose, the
 * company's relay in production); without it, each message is written as an .eml file under
 * MAIL_DIR so a developer can open it, and nothing is lost.
 *
 * The connections are pooled (nodemailer's own pool): a message reuses an open SMTP session
 * instead of a TCP connect, greeting, EHLO and QUIT of its own, which was the largest single cost
 * of a verification e-mail in the worker's profile (BENCHMARKS.md). At most five sessions per
 * process; one is closed after 30 s idle or 100 messages, and a dropped one is replaced on the next
 * message. Options in SMTP_URL's query win (`?pool=false`, `?maxConnections=2`), for a relay that
 * dislikes long sessions.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private readonly transporter: Transporter;
  private readonly toFiles: boolean;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly systems: SystemsService,
  ) {
    this.toFiles = !config.SMTP_URL;
    this.transporter = config.SMTP_URL
      ? nodemailer.createTransport({
          pool: true,
          maxConnections: 5,
          maxMessages: 100,
          idleTimeout: 30_000,
          url: config.SMTP_URL,
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  get from(): string {
    const controller = this.systems.controller();
    return this.config.MAIL_FROM ?? `"${controller.name.replace(/"/g, '')}" <${controller.email}>`;
  }

  async send(message: MailMessage): Promise<string> {
    const info = await this.transporter.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      ...(message.replyTo ? { replyTo: message.replyTo } : {}),
      messageId: message.messageId,
    });
    if (this.toFiles) {
      const dir = resolve(this.config.MAIL_DIR);
      await mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.messageId.replace(/[^a-zA-Z0-9-]/g, '')}.eml`;
      await writeFile(join(dir, name), (info as unknown as { message: Buffer }).message);
      this.logger.debug(`message written to ${join(this.config.MAIL_DIR, name)}`);
    }
    return message.messageId;
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
