import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OPEN_STATUSES } from '../../common/case-types';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DeadlineService } from '../../deadlines/deadline.service';
import { addDays, isIsoDate } from '../../common/iso-date';
import type { ComposeRequest, ComposedMail } from '../../notifications/mail-composer.registry';
import { OutboxService } from '../../notifications/outbox.service';
import { composeStaffDigest, type DigestCase } from './staff-digest.mail';

export const STAFF_DIGEST_KIND = 'staff-digest';
const DUE_WITHIN_DAYS = 7;
const LISTED_UNASSIGNED = 50;

/**
 * The daily digest: each handler and admin with open cases due within 7 days or overdue gets
 * one e-mail a day; admins also hear about the open cases nobody is assigned to. The job only
 * asks for the e-mails (one per user and day, by dedupe key); the composer reads fresh state.
 */
@Injectable()
export class StaffDigestService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: DeadlineService,
    private readonly outbox: OutboxService,
  ) {}

  /** Requests today's digest for everyone who has something in it; returns how many. */
  async requestDigests(): Promise<number> {
    const day = this.deadlines.today();
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT u.id FROM staff_users u
        WHERE u.active AND u.role IN ('admin', 'handler')
          AND (EXISTS (SELECT 1 FROM cases c WHERE c.assignee_id = u.id AND c.status = ANY($1) AND c.effective_due <= $2)
               OR (u.role = 'admin' AND EXISTS (SELECT 1 FROM cases c WHERE c.assignee_id IS NULL AND c.status = ANY($1))))`,
      [OPEN_STATUSES, addDays(day, DUE_WITHIN_DAYS)],
    );
    for (const { id } of rows) {
      await this.outbox.requestEmail({ kind: STAFF_DIGEST_KIND, dedupeKey: `staff-digest-${id}-${day}`, params: { userId: id, day } });
    }
    return rows.length;
  }

  /** The composer: null when the user is gone or nothing is left to report. */
  readonly compose = async (request: ComposeRequest): Promise<ComposedMail | null> => {
    const { userId, day } = request.params;
    if (!userId || !isIsoDate(day)) return null;
    const [user] = await this.dataSource.query(`SELECT email, role, language FROM staff_users WHERE id = $1 AND active`, [userId]);
    if (!user || !['admin', 'handler'].includes(user.role)) return null;
    const columns = `reference, type, effective_due AS "effectiveDue", status`;
    const own: DigestCase[] = await this.dataSource.query(
      `SELECT ${columns} FROM cases WHERE assignee_id = $1 AND status = ANY($2) AND effective_due <= $3 ORDER BY effective_due, created_at`,
      [userId, OPEN_STATUSES, addDays(day, DUE_WITHIN_DAYS)],
    );
    let unassigned: DigestCase[] = [];
    let unassignedTotal = 0;
    if (user.role === 'admin') {
      unassigned = await this.dataSource.query(
        `SELECT ${columns} FROM cases WHERE assignee_id IS NULL AND status = ANY($1) ORDER BY effective_due, created_at LIMIT ${LISTED_UNASSIGNED}`,
        [OPEN_STATUSES],
      );
      const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM cases WHERE assignee_id IS NULL AND status = ANY($1)`, [
        OPEN_STATUSES,
      ]);
      unassignedTotal = count;
    }
    if (!own.length && !unassignedTotal) return null;
    return composeStaffDigest({ to: user.email, language: user.language, day, own, unassigned, unassignedTotal, publicUrl: this.config.PUBLIC_URL });
  };
}
