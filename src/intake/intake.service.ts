import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { RepresentationService } from '../representation/representation.service';
import type { DocumentType } from '../representation/representation-types';
import { requesterEmail, type IntakeRequest } from './intake-input';
import { IntakeSubmissionEntity } from './intake-submission.entity';
import { CasesReader } from '../cases/cases-reader';
import { IntakeRegistration } from './registration/intake-registration';

export type IntakeChannel = 'web' | 'api';

export interface Submitted {
  caseId: string;
  reference: string;
  /** False when this was a repeat of a submission that already made the case. */
  created: boolean;
}

/** Thrown inside the registering transaction when another request already holds the key. */
class AlreadySubmitted extends Error {}

/**
 * Turns a validated public request into a case, once per idempotency key. A person's own request
 * is registered in one statement with its jobs staged (registration/intake-registration.ts); a
 * request on someone else's behalf, which carries an authority document, goes through the case
 * service's transaction, which stages its jobs the same way. The claim is written
 * in the transaction that saves the case, so a case never exists without its claim and a claim
 * never outlives a case that was not saved. A concurrent repeat's INSERT waits on PostgreSQL's
 * unique index until the first commits (then it answers with that case) or rolls back (then it
 * makes the case itself): no polling, and no claim left behind when a process or the database
 * dies mid-way.
 */
@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    private readonly cases: CasesService,
    private readonly clock: Clock,
    private readonly representations: RepresentationService,
    private readonly registration: IntakeRegistration,
  ) {}

  /** `document` is the checked authority document of a request on someone else's behalf. */
  async submit(request: IntakeRequest, channel: IntakeChannel, idempotencyKey: string, document?: { bytes: Buffer; type: DocumentType }): Promise<Submitted> {
    if (request.onBehalf && !document) throw new Error("a request on someone else's behalf needs its authority document");
    const key = claimKey(channel, idempotencyKey, request);
    if (!request.onBehalf) return this.submitOwn(request, channel, key);
    // No look-up first: a repeat is rare, and the claim inside the transaction catches it (its
    // case is rolled back, leaving a gap in the references), so a first request saves a query.
    try {
      const entity = await this.cases.register(
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
        async (manager, saved) => {
          await this.claim(manager, key, saved.id);
          if (request.onBehalf && document) await this.representations.record(manager, saved, { ...request.onBehalf, document });
        },
      );
      return { caseId: entity.id, reference: entity.reference, created: true };
    } catch (error) {
      if (!(error instanceof AlreadySubmitted)) throw error;
      return this.repeatOf(key);
    }
  }

  /** A person's own request: one statement, its jobs staged with it (registration/). */
  private async submitOwn(request: IntakeRequest, channel: IntakeChannel, key: string): Promise<Submitted> {
    const saved = await this.registration.register(
      {
        type: request.type,
        channel,
        receivedAt: this.clock.now(),
        subject: { email: request.email, name: request.name, phone: request.phone, customerNumber: request.customerNumber },
        details: { ...request.details },
        language: request.language,
      },
      key,
    );
    return saved ? { ...saved, created: true } : this.repeatOf(key);
  }

  /** Claims the key for the case being saved; a claim without a case (left by versions that
   *  claimed before registering) is taken over. */
  private async claim(manager: EntityManager, key: string, caseId: string): Promise<void> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO intake_submissions (key, case_id, claimed_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET case_id = EXCLUDED.case_id, claimed_at = EXCLUDED.claimed_at
       WHERE intake_submissions.case_id IS NULL
       RETURNING key`,
      [key, caseId, this.clock.now()],
    );
    if (!rows.length) throw new AlreadySubmitted();
  }

  /** A repeat answers with the case its key's claim holds. */
  private async repeatOf(key: string): Promise<Submitted> {
    const first = await this.caseOfClaim(key);
    if (first) return first;
    throw new DomainError('unavailable', 'The same request is still being registered; please try again shortly.');
  }

  private async caseOfClaim(key: string): Promise<Submitted | null> {
    const claim = await this.dataSource.getRepository(IntakeSubmissionEntity).findOne({ where: { key } });
    if (!claim?.caseId) return null;
    const existing = await this.casesReader.byId(claim.caseId);
    return existing ? { caseId: existing.id, reference: existing.reference, created: false } : null;
  }
}

/** Same key + same person + same kind of request = the same submission. */
function claimKey(channel: IntakeChannel, idempotencyKey: string, request: IntakeRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([channel, idempotencyKey, requesterEmail(request).toLowerCase(), request.type]))
    .digest('hex');
}
