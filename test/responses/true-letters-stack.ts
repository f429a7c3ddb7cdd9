import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Disposition } from '../../src/common/dispositions/disposition';
import { taskDispositions } from '../../src/connectors/tasks/task-outcomes.reader';
import type { LetterFacts } from '../../src/responses/letters/letter-facts';
import { waitForCase, type Api, type CaseBody } from '../fanout/fanout-stack';
import type { CapturedMail, SmtpCapture } from '../support/smtp-capture';
import type { TestApp } from '../support/test-app';

const common = { categories: ['contact details'], purposes: ['customer service'], legalBasis: 'GDPR art. 6(1)(b) contract', retention: { period: 'P2Y' } };

/** Systems without an API, as most of an SME's are: each task is done and reported by its owner. */
export const MANUAL_SYSTEMS = {
  support: { id: 'support', name: 'Kundeservice (e-post og saker)', connector: 'manual', owner: 'kundeservice@firma.example', ...common },
  accounting: {
    id: 'accounting',
    name: 'Regnskap (Tripletex)',
    connector: 'manual',
    owner: 'regnskap@firma.example',
    ...common,
    legalBasis: 'GDPR art. 6(1)(c) legal obligation (bokføringsloven)',
  },
  cctv: { id: 'cctv', name: 'Kameraovervåking', connector: 'manual', owner: 'sikkerhet@firma.example', ...common, purposes: ['security'] },
  newsletter: {
    id: 'newsletter',
    name: 'Nyhetsbrev (Mailchimp)',
    connector: 'manual',
    owner: 'marked@firma.example',
    ...common,
    purposes: ['direct marketing'],
    legalBasis: 'GDPR art. 6(1)(f) legitimate interest',
  },
  printer: {
    id: 'printer',
    name: 'Trykkeriets ordresystem',
    connector: 'manual',
    role: 'processor',
    controllerName: 'Bokklubben AS',
    controllerContact: 'personvern@bokklubben.example',
    owner: 'ordre@firma.example',
    ...common,
  },
} as const;

export function writeManualDataMap(include: Array<keyof typeof MANUAL_SYSTEMS>): string {
  const map = {
    controller: { name: 'Firma AS', email: 'personvern@firma.example' },
    policy: { approvalRequired: ['erasure', 'rectification'] },
    systems: include.map((key) => MANUAL_SYSTEMS[key]),
  };
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-true-letters-')), 'systems.yaml');
  writeFileSync(file, stringify(map));
  return file;
}

/** Waits for every manual task, then records each owner's outcome: a typed note and the dispositions. */
export async function recordOutcomes(
  client: Api,
  reference: string,
  outcomes: Record<string, { summary: string; dispositions: Disposition[] }>,
): Promise<CaseBody> {
  const body = await waitForCase(client, reference, (current) =>
    Object.keys(outcomes).every((system) => current.tasks.some((task) => task.system === system && task.status === 'manual')),
  );
  for (const [system, outcome] of Object.entries(outcomes)) {
    const task = body.tasks.find((candidate) => candidate.system === system)!;
    const response = await client.post(`/api/v1/cases/${reference}/tasks/${task.id}/outcome`, outcome);
    if (response.status !== 200) throw new Error(`outcome for ${system}: ${response.status} ${await response.text()}`);
  }
  return waitForCase(client, reference, (current) => current.status === 'awaiting_review');
}

/** The facts a letter may state, read back from the case JSON (the dispositions as stored), for the claims check. */
export function factsFromCase(
  body: CaseBody & { type: string; language: 'nb' | 'en'; receivedOn: string; details: Record<string, unknown> },
  known: { names?: Record<string, string>; finishedOn?: Record<string, string>; notified?: LetterFacts['notified'] } = {},
): LetterFacts {
  const names = new Map<string, string>([
    ...Object.values(MANUAL_SYSTEMS).map((system): [string, string] => [system.id, system.name]),
    ...Object.entries(known.names ?? {}),
  ]);
  const changes = (body.details.changes ?? {}) as Record<string, string>;
  return {
    language: body.language,
    reference: body.reference,
    type: body.type as LetterFacts['type'],
    receivedOn: body.receivedOn,
    answeredOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date()),
    controller: { name: 'Firma AS', email: 'personvern@firma.example' },
    tasks: body.tasks.map((task) => ({
      systemId: task.system,
      systemName: names.get(task.system) ?? task.system,
      action: task.action,
      status: task.status,
      ...(known.finishedOn?.[task.system] ? { finishedOn: known.finishedOn[task.system] } : {}),
      dispositions: taskDispositions({ ...(task as unknown as Parameters<typeof taskDispositions>[0]), outcome: task.outcome ?? null, finishedAt: null }),
    })),
    changes: [...Object.entries(changes), ...(typeof body.details.field === 'string' ? [[body.details.field, String(body.details.correctedValue)]] : [])].map(
      ([field, value]) => ({ field, new: value }),
    ),
    notified: known.notified ?? [],
    notNotified: [],
    ...(body.type === 'objection'
      ? {
          objection: {
            processing: body.details.processing === 'legitimate_interest' ? ('legitimate_interest' as const) : ('direct_marketing' as const),
            decision: null,
          },
        }
      : {}),
  };
}

/** The delivered answer letter: the e-mail with the subject of the letter the completion stored. */
export async function letterMail(stack: TestApp, smtp: SmtpCapture, caseId: string, email: string): Promise<CapturedMail> {
  const [stored] = (await stack.dataSource.query(`SELECT subject FROM case_answer_letters WHERE case_id = $1`, [caseId])) as Array<{ subject: string }>;
  return smtp.waitFor((candidate) => candidate.to.includes(email) && candidate.subject === stored.subject);
}
