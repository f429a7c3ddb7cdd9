import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CasesService } from '../cases/cases.service';
import { CaseEntity } from '../cases/case.entity';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { IntakeRequest } from './intake-input';
import { IntakeSubmissionEntity } from './intake-submission.entity';

export type IntakeChannel = 'web' | 'api';

export interface Submitted {
  caseId: string;
  reference: string;
  /** False when this was a repeat of a submission that already made the case. */
  created: boolean;
}

/** A claim older than this whose case never appeared belongs to a request that died mid-way. */
const STALE_CLAIM_MS = 60_000;
const WAIT_FOR_FIRST_MS = 10_000;

/**
 * Turns a validated public request into a case, once per idempotency key. The key is claimed
 * in PostgreSQL before the case is registered; a concurrent repeat waits for the first to
 * finish and answers with the same case.
 */
@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly clock: Clock,
  ) {}

  async submit(request: IntakeRequest, channel: IntakeChannel, idempotencyKey: string): Promise<Submitted> {
    const key = claimKey(channel, idempotencyKey, request);
    const claims = this.dataSource.getRepository(IntakeSubmissionEntity);
    const inserted = await claims
      .createQueryBuilder()
      .insert()
      .values({ key, caseId: null, claimedAt: this.clock.now() })
      .orIgnore()
      .returning(['key'])
      .execute();
    if (inserted.raw.length) return this.register(request, channel, key);

    const waitUntil = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const claim = await claims.findOne({ where: { key } });
      if (claim?.caseId) {
        const existing = await this.dataSource.getRepository(CaseEntity).findOne({ where: { id: claim.caseId } });
        if (existing) return { caseId: existing.id, reference: existing.reference, created: false };
      }
      if (!claim || this.clock.now().getTime() - claim.claimedAt.getTime() > STALE_CLAIM_MS) {
        if (await this.takeOver(key, claim?.claimedAt ?? null)) return this.register(request, channel, key);
      }
      if (Date.now() > waitUntil) {
        throw new DomainError('unavailable', 'The same request is still being registered; please try again shortly.');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async register(request: IntakeRequest, channel: IntakeChannel, key: string): Promise<Submitted> {
    let entity: CaseEntity;
    try {
      entity = await this.cases.register(
        {
          type: request.type,
          channel,
          origin: 'intake',
          receivedAt: this.clock.now(),
          subject: { email: request.email, name: request.name, phone: request.phone, customerNumber: request.customerNumber },
          details: { ...request.details },
          language: request.language,
        },
        'requester',
      );
    } catch (error) {
      // Free the key so the person's retry is not stuck behind a request that failed.
      await this.dataSource.query('DELETE FROM intake_submissions WHERE key = $1 AND case_id IS NULL', [key]);
      throw error;
    }
    await this.dataSource.getRepository(IntakeSubmissionEntity).update({ key }, { caseId: entity.id });
    return { caseId: entity.id, reference: entity.reference, created: true };
  }

  private async takeOver(key: string, seenClaimedAt: Date | null): Promise<boolean> {
    const now = this.clock.now();
    if (!seenClaimedAt) {
      const result = await this.dataSource.query(
        `INSERT INTO intake_submissions (key, case_id, claimed_at) VALUES ($1, NULL, $2) ON CONFLICT DO NOTHING RETURNING key`,
        [key, now],
      );
      return result.length > 0;
    }
    const [rows] = await this.dataSource.query(
      `UPDATE intake_submissions SET claimed_at = $3 WHERE key = $1 AND case_id IS NULL AND claimed_at = $2 RETURNING key`,
      [key, seenClaimedAt, now],
    );
    return rows.length > 0;
  }
}

/** Same key + same person + same kind of request = the same submission. */
function claimKey(channel: IntakeChannel, idempotencyKey: string, request: IntakeRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([channel, idempotencyKey, request.email.toLowerCase(), request.type]))
    .digest('hex');
}
