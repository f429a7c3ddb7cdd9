/**
 * What a public request must leave behind, checked per case through PostgreSQL, Redis and the SMTP
 * sink only (no service code), so the check reads the same before and after the intake path changes:
 * the case row, its idempotency claim, its `case.registered` audit event, its verification row,
 * its deadline alert job, its verification reminder and expiry jobs, and its delivered
 * verification e-mail (the sink got a message naming the reference at the requester's address, or
 * the outbox row says sent).
 */
import type Redis from 'ioredis';
import type { Client } from 'pg';
import { JOBS, JobName, jobIds } from '../../src/queues/queue-catalogue';
import type { MailSink } from './mail-sink';

export const KINDS = ['case row', 'claim', 'audit event', 'verification row', 'alert job', 'reminder job', 'expiry job', 'verification e-mail'] as const;
export type Kind = (typeof KINDS)[number];

interface CaseFacts {
  id: string;
  reference: string;
  email: string;
  claim: boolean;
  audit: boolean;
  verification: boolean;
  email_sent: boolean;
  /** The outbox row's status, when the e-mail was rendered (null: not yet). */
  email_status: string | null;
}

/** The cases to check: those the 202s named, or every case of one flood's addresses (by database). */
export type CaseSelection = { references: string[] } | { emailTag: string };

async function readCases(pg: Client, selection: CaseSelection): Promise<CaseFacts[]> {
  const [filter, parameter] =
    'references' in selection ? ['c.reference = ANY($1::text[])', selection.references] : ['c.subject_email LIKE $1', `${selection.emailTag}-%`];
  // IN (subquery) is a hashed lookup: one pass over each table, whatever the number of cases.
  const { rows } = await pg.query<CaseFacts>(
    `SELECT c.id, c.reference, c.subject_email AS email,
            c.id IN (SELECT case_id FROM intake_submissions WHERE case_id IS NOT NULL) AS claim,
            c.id IN (SELECT case_id FROM audit_events WHERE type = 'case.registered' AND case_id IS NOT NULL) AS audit,
            c.id IN (SELECT case_id FROM case_verifications) AS verification,
            e.status = 'sent' AS email_sent, e.status AS email_status
       FROM cases c LEFT JOIN outbound_emails e ON e.dedupe_key = 'verify-' || c.id::text
      WHERE ${filter}`,
    [parameter],
  );
  return rows;
}

/** The Redis key of a job, as BullMQ names it. */
function jobKey(prefix: string, name: JobName, jobId: string): string {
  return `${prefix}:${JOBS[name].queue}:${jobId}`;
}

/** Per case: whether its alert, reminder, expiry and render-email jobs exist in Redis, and whether
 *  the render job is among the completed or the failed ones (kept for a day, as evidence). */
async function jobsPresent(redis: Redis, prefix: string, cases: CaseFacts[]): Promise<boolean[][]> {
  const present: boolean[][] = [];
  const renderQueue = `${prefix}:${JOBS[JobName.RenderEmail].queue}`;
  for (let start = 0; start < cases.length; start += 1000) {
    const pipeline = redis.pipeline();
    for (const row of cases.slice(start, start + 1000)) {
      pipeline.exists(jobKey(prefix, JobName.DeadlineAlert, jobIds.alert(row.id)));
      pipeline.exists(jobKey(prefix, JobName.VerificationReminder, jobIds.verificationReminder(row.id)));
      pipeline.exists(jobKey(prefix, JobName.VerificationExpiry, jobIds.verificationExpiry(row.id)));
      const renderId = jobIds.renderEmail(`verify-${row.id}`);
      pipeline.exists(`${renderQueue}:${renderId}`);
      pipeline.zscore(`${renderQueue}:completed`, renderId);
      pipeline.zscore(`${renderQueue}:failed`, renderId);
    }
    const answers = ((await pipeline.exec()) ?? []).map(([, value]) => value === 1 || typeof value === 'string');
    for (let index = 0; index < answers.length; index += 6) present.push(answers.slice(index, index + 6));
  }
  return present;
}

export interface CheckReport {
  checked: number;
  complete: number;
  missingByKind: Record<Kind, number>;
  /** Of the cases whose e-mail was not delivered, where it stands: its outbox row's status, or
   *  with no row yet where its render job is (a diagnosis, not a verdict). */
  undeliveredEmailStates: Record<string, number>;
  /** The first few incomplete cases, by reference, with what each lacks. */
  examples: string[];
}

/** Checks every selected case (and, for references, that each has a row at all). */
export async function checkCases(pg: Client, redis: Redis, prefix: string, sink: MailSink, selection: CaseSelection): Promise<CheckReport> {
  const cases = await readCases(pg, selection);
  const present = await jobsPresent(redis, prefix, cases);
  const missingByKind = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>;
  const incomplete: string[] = [];
  const undeliveredEmailStates: Record<string, number> = {};
  const found = new Set(cases.map((row) => row.reference));
  for (const reference of 'references' in selection ? selection.references : []) {
    if (found.has(reference)) continue;
    missingByKind['case row'] += 1;
    incomplete.push(`${reference}: case row`);
  }
  cases.forEach((row, index) => {
    const [alert, reminder, expiry, renderJob, renderCompleted, renderFailed] = present[index];
    const has: Record<Exclude<Kind, 'case row'>, boolean> = {
      claim: row.claim,
      'audit event': row.audit,
      'verification row': row.verification,
      'alert job': alert,
      'reminder job': reminder,
      'expiry job': expiry,
      'verification e-mail': row.email_sent || sink.reached(row.reference, row.email),
    };
    const lacks = (Object.keys(has) as Array<keyof typeof has>).filter((kind) => !has[kind]);
    lacks.forEach((kind) => (missingByKind[kind] += 1));
    if (lacks.length) incomplete.push(`${row.reference}: ${lacks.join(', ')}`);
    if (!has['verification e-mail']) {
      const render = renderCompleted ? 'completed' : renderFailed ? 'failed' : renderJob ? 'waiting or active' : 'absent';
      const state = row.email_status ? `outbox row ${row.email_status}` : `no outbox row, render job ${render}`;
      undeliveredEmailStates[state] = (undeliveredEmailStates[state] ?? 0) + 1;
    }
  });
  const checked = 'references' in selection ? selection.references.length : cases.length;
  return { checked, complete: checked - incomplete.length, missingByKind, undeliveredEmailStates, examples: incomplete.slice(0, 10) };
}

/** Polls `check` every half second until it passes or `timeoutSeconds` pass; returns the seconds it
 *  took (from `since`), or null when it never passed. */
export async function secondsUntil(check: () => Promise<boolean> | boolean, since: number, timeoutSeconds: number): Promise<number | null> {
  const deadline = since + timeoutSeconds * 1000;
  for (;;) {
    if (await check()) return +((Date.now() - since) / 1000).toFixed(1);
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
