import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { secretsRemoved } from './mail-secrets';
import type { OutboundEmailEntity, OutboundEmailStatus } from './outbound-email.entity';
import type { SqlGuard } from './recipient-limit';

/** A stored message as delivery needs it. */
export type DeliverableRow = Pick<OutboundEmailEntity, 'id' | 'caseId' | 'kind' | 'toAddress' | 'subject' | 'textBody' | 'htmlBody' | 'replyTo' | 'secrets'>;

/** A row to insert; `attempts` is 1 when the inserting job delivers it at once (counted before sending). */
export type NewOutboxRow = Omit<DeliverableRow, 'id'> & {
  dedupeKey: string;
  status: Extract<OutboundEmailStatus, 'pending' | 'limited'>;
  attempts: 0 | 1;
  lastError: string | null;
  secretsRemovedAt: Date | null;
};

/** The audit event written by the same statement as a row's change (only for a row with a case). */
export interface RowAuditEvent {
  type: 'email.sent' | 'email.limited';
  occurredAt: Date;
  /** Beside `kind` and `outboundEmailId`, which every e-mail event carries. */
  extra?: Record<string, unknown>;
}

const DELIVERABLE = `id, case_id AS "caseId", kind, to_address AS "toAddress", subject, text_body AS "textBody",
  html_body AS "htmlBody", reply_to AS "replyTo", secrets`;

/**
 * The outbox's statements on the delivery path, one round trip each: a row's change and its audit
 * event go in one statement (a data-modifying CTE), which is as atomic as a transaction without
 * its BEGIN and COMMIT. The event is the row `AuditService.append` writes (unchained; the chainer
 * links it).
 */
@Injectable()
export class OutboxRows {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the row unless its dedupe key exists. `created` says which: the existing row's id
   *  and status are read only on a conflict. */
  async insert(
    manager: EntityManager,
    row: NewOutboxRow,
    audit?: RowAuditEvent,
  ): Promise<{ id: string; created: true } | { id: string; created: false; status: OutboundEmailStatus }> {
    return (await this.insertIf(manager, row, audit))!;
  }

  /** As `insert`, only when `guard` holds (checked in the same statement); null when it did not
   *  and no row has the dedupe key. */
  async insertIf(
    manager: EntityManager,
    row: NewOutboxRow,
    audit?: RowAuditEvent,
    guard?: SqlGuard,
  ): Promise<{ id: string; created: true } | { id: string; created: false; status: OutboundEmailStatus } | null> {
    const insert = `INSERT INTO outbound_emails (dedupe_key, kind, case_id, to_address, subject, text_body, html_body, reply_to, secrets,
        status, attempts, last_error, secrets_removed_at)
      SELECT $1::text, $2::text, $3::uuid, $4::text, $5::text, $6::text, $7::text, $8::text, $9::jsonb, $10::text, $11::int, $12::text, $13::timestamptz${guard ? ` WHERE ${guard.sql(14)}` : ''}
      ON CONFLICT (dedupe_key) DO NOTHING`;
    const values = [
      row.dedupeKey,
      row.kind,
      row.caseId,
      row.toAddress,
      row.subject,
      row.textBody,
      row.htmlBody,
      row.replyTo,
      row.secrets ? JSON.stringify(row.secrets) : null,
      row.status,
      row.attempts,
      row.lastError,
      row.secretsRemovedAt,
      ...(guard?.values ?? []),
    ];
    const inserted = await this.run(manager, insert, values, audit);
    if (inserted) return { id: inserted, created: true };
    const [existing]: Array<{ id: string; status: OutboundEmailStatus }> = await manager.query('SELECT id, status FROM outbound_emails WHERE dedupe_key = $1', [
      row.dedupeKey,
    ]);
    return existing ? { id: existing.id, created: false, status: existing.status } : null;
  }

  /** Counts a delivery attempt on a pending row and reads it back; null when it is not pending. */
  async claimAttempt(id: string): Promise<DeliverableRow | null> {
    const [row]: DeliverableRow[] = await this.dataSource.query(
      `WITH claimed AS (UPDATE outbound_emails SET attempts = attempts + 1 WHERE id = $1 AND status = 'pending' RETURNING ${DELIVERABLE})
       SELECT * FROM claimed`,
      [id],
    );
    return row ?? null;
  }

  async find(id: string): Promise<(DeliverableRow & { status: OutboundEmailStatus }) | null> {
    const [row]: Array<DeliverableRow & { status: OutboundEmailStatus }> = await this.dataSource.query(
      `SELECT ${DELIVERABLE}, status FROM outbound_emails WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Sent, with its `email.sent` event: from here on the row is the record of what went to whom,
   *  without its codes and link tokens (cut in the same statement, so no sent row keeps them).
   *  A row already recorded as sent is left alone, and gets no second event. */
  async recordSent(row: DeliverableRow, messageId: string, now: Date): Promise<void> {
    const cut = secretsRemoved(row, now);
    const update = `UPDATE outbound_emails SET status = 'sent', sent_at = $2, message_id = $3, last_error = NULL,
        text_body = COALESCE($4, text_body), html_body = COALESCE($5, html_body), secrets = NULL,
        secrets_removed_at = COALESCE($6, secrets_removed_at)
      WHERE id = $1 AND status <> 'sent'`;
    await this.run(this.dataSource.manager, update, [row.id, now, messageId, cut.textBody ?? null, cut.htmlBody ?? null, cut.secretsRemovedAt ?? null], {
      type: 'email.sent',
      occurredAt: now,
    });
  }

  /** The SMTP reply can quote the address; the caller keeps only its code and class. */
  async recordFailure(id: string, note: string): Promise<void> {
    await this.dataSource.query('UPDATE outbound_emails SET last_error = $2 WHERE id = $1', [id, note]);
  }

  /** Failed after its last attempt; its code or link never reached anyone and is cut as well. */
  async markFailed(id: string, now: Date): Promise<void> {
    const row = await this.find(id);
    if (!row) return;
    const cut = secretsRemoved(row, now);
    await this.dataSource.query(
      `UPDATE outbound_emails SET status = 'failed', text_body = COALESCE($2, text_body), html_body = COALESCE($3, html_body), secrets = NULL,
         secrets_removed_at = COALESCE($4, secrets_removed_at)
       WHERE id = $1 AND status = 'pending'`,
      [id, cut.textBody ?? null, cut.htmlBody ?? null, cut.secretsRemovedAt ?? null],
    );
  }

  /** Runs an INSERT or UPDATE of one outbox row, with its audit event when given, in one
   *  statement; returns the id of the row it changed (none: nothing matched). */
  private async run(manager: EntityManager, statement: string, values: unknown[], audit?: RowAuditEvent): Promise<string | undefined> {
    // Written as a CTE, so the driver hands back rows whatever the statement (an UPDATE's result
    // is otherwise a pair).
    if (!audit) {
      const rows: Array<{ id: string }> = await manager.query(`WITH changed AS (${statement} RETURNING id) SELECT id FROM changed`, values);
      return rows[0]?.id;
    }
    const at = values.length + 1;
    const rows: Array<{ id: string }> = await manager.query(
      `WITH changed AS (${statement} RETURNING id, case_id, kind),
         audited AS (
           INSERT INTO audit_events (case_id, type, actor, data, occurred_at)
           SELECT case_id, $${at}::varchar, 'system', jsonb_build_object('kind', kind, 'outboundEmailId', id) || $${at + 1}::jsonb, $${at + 2}::timestamptz
             FROM changed WHERE case_id IS NOT NULL)
       SELECT id FROM changed`,
      // PostgreSQL keeps microseconds, JavaScript milliseconds: store what will be read back.
      [...values, audit.type, JSON.stringify(audit.extra ?? {}), new Date(Math.floor(audit.occurredAt.getTime()))],
    );
    return rows[0]?.id;
  }
}
