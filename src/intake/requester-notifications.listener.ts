import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CASE_CHANGED, type CaseChangedEvent } from '../cases/case-events';
import { RegistrationJobs } from '../cases/case-hooks';
import type { CaseEntity } from '../cases/case.entity';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxService, renderEmailJob } from '../notifications/outbox.service';
import type { JobRequest } from '../queues/job-queue';
import { requesterAddress } from '../representation/answer-address';
import { VerificationJobsService } from './verification-jobs.service';
import { VerificationService } from './verification.service';

/**
 * The requester journey's side effects, hung off committed case changes (never inline in a
 * controller). Each e-mail has a dedupe key per case and kind, so a repeated event or a
 * retried job never sends twice. A failure here is logged and repaired by reconciliation;
 * it never undoes the change.
 */
@Injectable()
export class RequesterNotificationsListener {
  private readonly logger = new Logger('RequesterJourney');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly verification: VerificationService,
    private readonly verificationJobs: VerificationJobsService,
  ) {}

  /** The start of the journey, staged with the case being registered (CasesService.register; the
   *  public intake's statement writes the same): a request from the public intake gets its
   *  verification (row, reminder, expiry, link e-mail), a case staff registered with identity
   *  checked a receipt when the requester has an address. */
  @RegistrationJobs()
  async registrationJobs(entity: CaseEntity, manager: EntityManager): Promise<JobRequest[]> {
    if (this.verification.needsVerification(entity)) return this.verification.startRegistered(manager, entity);
    if (entity.status === 'in_progress' && (await requesterAddress(manager, entity))) return [renderEmailJob(receiptEmail(entity.id))];
    return [];
  }

  @OnEvent(CASE_CHANGED, { promisify: true, suppressErrors: false })
  async onCaseChanged(event: CaseChangedEvent): Promise<void> {
    try {
      await this.react(event);
    } catch (error) {
      // Ids and event types only: no personal data in logs.
      this.logger.warn(`could not queue requester messages for case ${event.caseId} after ${event.type}: ${(error as Error).name}`);
    }
  }

  private async react(event: CaseChangedEvent): Promise<void> {
    const entity = event.snapshot;
    const caseId = entity.id;
    const mail = (kind: string, dedupeKey: string, params?: Record<string, string>) =>
      this.outbox.requestEmail({ kind, dedupeKey, caseId, ...(params ? { params } : {}) });
    // The requester's address: their own, or the representative's for a request on someone's behalf.
    const reachable = async () => Boolean(await requesterAddress(this.dataSource.manager, entity));
    // `case.registered` has nothing left here: its jobs were staged with the case (registrationJobs).
    switch (event.type) {
      case 'case.verified':
        await this.verificationJobs.remove(caseId);
        if (await reachable()) await this.outbox.requestEmail(receiptEmail(caseId));
        // Staff who verified a case know about it; a case the requester confirmed is news to them.
        if (event.actor === 'requester') await mail('handler-new-case', `handler-new-${caseId}`);
        return;
      case 'case.extended':
        // An extension happens once per case (Art 12(3)), so one notice per case.
        if (await reachable()) await mail('requester-extension', `extension-${caseId}`);
        return;
      case 'case.paused':
        if ((await reachable()) && entity.pausedAt) {
          await mail('requester-information-request', `info-request-${caseId}-${entity.pausedAt.getTime()}`, {
            pausedAt: entity.pausedAt.toISOString(),
          });
        }
        return;
      case 'case.information_requested':
        // Asked while the clock runs (DEADLINE_PAUSE=off) or is already stopped: the message travels with the e-mail.
        if ((await reachable()) && typeof event.data.requestedAt === 'string' && typeof event.data.reason === 'string') {
          await mail('requester-information-request', `info-request-${caseId}-${Date.parse(event.data.requestedAt)}`, {
            requestedAt: event.data.requestedAt,
            message: event.data.reason,
          });
        }
        return;
      case 'case.resumed':
        if (entity.status === 'awaiting_verification') await this.verification.reconcileCase(entity);
        return;
      case 'case.rejected':
        await this.verificationJobs.remove(caseId);
        if (event.data.reasonCode === 'unverified' && (await reachable())) await mail('requester-unverified-closure', `unverified-${caseId}`);
        return;
      case 'case.withdrawn':
      case 'case.merged':
      case 'case.completed':
        await this.verificationJobs.remove(caseId);
        return;
      default:
        return;
    }
  }
}

/** The receipt of a request that is being worked on (one per case: its dedupe key). */
const receiptEmail = (caseId: string) => ({ kind: 'requester-receipt', dedupeKey: `receipt-${caseId}`, caseId });
