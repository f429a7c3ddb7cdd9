import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { referencePrefix, withReferenceSequence } from '../../cases/case-reference';
import { CasesService, type NewCase } from '../../cases/cases.service';
import { AlertSchedulerService } from '../../deadlines/alerts/alert-scheduler.service';
import { normalise } from '../../identity/identifier-input';
import { jobRequest, type JobRequest } from '../../queues/job-queue';
import { stagedColumns } from '../../queues/job-outbox/job-outbox';
import { JobName, jobIds } from '../../queues/queue-catalogue';
import { VerificationService } from '../verification.service';
import { REGISTER_SQL } from './register-statement';
import { registrationNeedsListeners } from '../../systems/registration-work';
import { SystemsService } from '../../systems/systems.service';

/** The statement is prepared once per connection under this name. */
const STATEMENT = 'intake-register';

/**
 * Registers a public request (web form or API) in one round trip: everything the request needs,
 * including the jobs that follow it (the deadline alert, the verification reminder and expiry,
 * the verification e-mail, and, when the data map gives them work, the rest of the registration's
 * side effects in the worker: registration-work.ts), is
 * committed in one statement (register-statement.ts) through `pg` itself, without TypeORM's entity
 * layer. Nothing is left to do after the commit, so a process that dies after it loses nothing,
 * and the request path makes no Redis round trip: the worker's relay moves the staged jobs.
 */
@Injectable()
export class IntakeRegistration {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly alerts: AlertSchedulerService,
    private readonly verification: VerificationService,
    private readonly systems: SystemsService,
  ) {}

  /** The new case, or null when `claimKey` is already held by another submission's case. */
  async register(input: NewCase, claimKey: string): Promise<{ caseId: string; reference: string } | null> {
    const prepared = this.cases.prepare({ ...input, origin: 'intake' }, 'requester');
    if (prepared.identityVerifiedBy !== undefined) throw new Error('the public intake registers unverified cases only');
    const caseId = randomUUID();
    const { row } = prepared;
    const times = this.verification.timesOf(row.receivedAt);
    const jobs: JobRequest[] = [
      ...this.alerts.firstJobs({ id: caseId, status: row.status, pausedAt: null, effectiveDue: row.effectiveDue }),
      ...this.verification.registeredJobs({ caseId, ...times }, prepared.now),
      // The rest of `case.registered` runs in the worker, when the data map gives it anything to do.
      ...(registrationNeedsListeners(this.systems.systems(), row)
        ? [jobRequest(JobName.CaseRegistered, { caseId }, { jobId: jobIds.caseRegistered(caseId) })]
        : []),
    ];
    const staged = stagedColumns(jobs, prepared.now);
    const identifiers = prepared.identifiers.flatMap((identifier) => {
      const normal = normalise(identifier);
      return normal ? [{ kind: identifier.kind, given: identifier.given.trim(), ...normal }] : [];
    });
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const result = await withReferenceSequence(this.dataSource, prepared.referenceYear, (sequence) =>
      pool.query<{ id: string; reference: string }>({
        name: STATEMENT,
        text: REGISTER_SQL,
        values: [
          claimKey,
          caseId,
          prepared.now,
          referencePrefix(prepared.referenceYear),
          sequence,
          row.type,
          row.channel,
          row.language,
          row.subjectEmail,
          row.subjectName,
          row.subjectPhone,
          row.subjectCustomerNumber,
          JSON.stringify(row.details),
          row.receivedAt,
          row.receivedOn,
          row.statutoryDue,
          row.promiseDue,
          row.effectiveDue,
          row.sendBy,
          JSON.stringify(prepared.auditData),
          identifiers.map((identifier) => identifier.kind),
          identifiers.map((identifier) => identifier.given),
          identifiers.map((identifier) => identifier.value),
          identifiers.map((identifier) => identifier.searchable),
          times.expiresAt,
          times.remindAt,
          staged.names,
          staged.data,
          staged.opts,
          staged.runAt,
        ],
      }),
    );
    const [saved] = result.rows;
    return saved ? { caseId: saved.id, reference: saved.reference } : null;
  }
}
