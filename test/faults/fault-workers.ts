import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestPerson } from '../fanout/norwegian-people';
import { startServiceProcess, waitUntil, type ServiceProcess } from '../support/service-process';
import type { TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';

/** `count` made-up customers without recent invoices, so every system deletes them outright. */
export function faultPeople(count: number, label: string): TestPerson[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `Feil ${label} Testperson ${index + 1}`,
    email: `${label}${index + 1}@example.no`,
    phone: `+47${String(41_000_000 + index + 1)}`,
    customerNo: 30_000 + index + 1,
    invoices: [],
  }));
}

/** The environment of a real `worker` process on the same stack (database, queue prefix) as `stack`. */
export function workerEnv(stack: TestApp, extra: Record<string, string>): Record<string, string> {
  return {
    ...extra,
    ROLE: 'worker',
    DATABASE_URL: stack.config.DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: stack.config.QUEUE_PREFIX,
    APP_SECRET: stack.config.APP_SECRET,
    MAIL_DIR: mkdtempSync(join(tmpdir(), 'dsr-mail-')),
    DATABASE_POOL_SIZE: '5',
  };
}

/** Starts the compiled service as a worker process and waits until it says it runs. */
export async function startWorker(env: Record<string, string>, started: ServiceProcess[]): Promise<ServiceProcess> {
  const worker = startServiceProcess(env);
  started.push(worker);
  try {
    await waitUntil(() => worker.output().includes('worker started'), 60_000, 'worker start');
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${worker.output().slice(-3000)}`, { cause: error });
  }
  return worker;
}

/** Verified erasure (or other) requests for `people`, inserted in SQL as a staff registration
 *  with the identity checked would leave them (in_progress, verified); returns their ids. */
export async function seedVerifiedCases(stack: TestApp, people: TestPerson[], type = 'erasure'): Promise<string[]> {
  const rows: Array<{ id: string }> = await stack.dataSource.query(
    `INSERT INTO cases (reference, type, channel, status, language, subject_email, subject_name, details,
                        received_at, received_on, statutory_due, promise_due, effective_due, send_by,
                        verified_at, verification_method, version)
     SELECT 'DSR-2026-' || lpad((8000 + n)::text, 7, '0'), $3, 'email', 'in_progress', 'nb',
            ($1::text[])[n], ($2::text[])[n], '{}'::jsonb,
            now(), current_date, current_date + 31, current_date + 30, current_date + 30, current_date + 29,
            now(), 'replied from the e-mail address on file', 1
       FROM generate_series(1, cardinality($1::text[])) AS n
     RETURNING id`,
    [people.map((person) => person.email), people.map((person) => person.name), type],
  );
  // Verified by a reply from the address on file: the e-mail is the established identifier the
  // record search and the tasks use (the name stays as typed).
  await stack.dataSource.query(
    `INSERT INTO case_identifiers (case_id, kind, value, given, searchable, system_id, basis, method, established_by, established_at)
     SELECT id, 'email', lower(subject_email), subject_email, true, '', 'staff_confirmed', verification_method, 'system', now()
       FROM cases WHERE id = ANY($1::uuid[])`,
    [rows.map((row) => row.id)],
  );
  return rows.map((row) => row.id);
}
