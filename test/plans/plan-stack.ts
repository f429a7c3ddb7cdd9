import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { api, registration, simulatorSecrets, startSimulators, waitForCase, writeDataMap, type Api, type Simulators } from '../fanout/fanout-stack';
import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import type { ZendeskSimulator } from '../simulators/zendesk/zendesk-simulator';

export interface PlanStack {
  sims: Simulators;
  stack: TestApp;
  client: Api;
  smtp: SmtpCapture;
  clock: FixedClock;
  auth: () => Record<string, string>;
  /** Signs in again (a moved clock ends the session's token). */
  signIn: () => Promise<void>;
  close(): Promise<void>;
}

/** The app against the Zendesk simulator (erasure under approval), with a clock the test moves. */
export async function startPlanStack(prefix: string): Promise<PlanStack> {
  const secrets = simulatorSecrets(prefix);
  Object.assign(process.env, secrets);
  const smtp = new SmtpCapture();
  const clock = new FixedClock(new Date());
  const sims = await startSimulators();
  const stack = await startTestApp({
    clock,
    env: {
      SMTP_URL: await smtp.start(),
      SYSTEMS_FILE: deletingClosedTickets(writeDataMap(sims, prefix, ['zendesk'])),
      TASK_BACKOFF_MS: '100',
      CONNECTOR_INLINE_RETRY_WAIT_MS: '0',
    },
  });
  let auth = await adminAuth(stack.url);
  return {
    sims,
    stack,
    smtp,
    clock,
    auth: () => auth,
    signIn: async () => {
      auth = await adminAuth(stack.url);
    },
    client: api(stack.url, () => auth),
    close: async () => {
      await stack.close();
      await sims.close();
      await smtp.stop();
      for (const name of Object.keys(secrets)) delete process.env[name];
    },
  };
}

/** The company chose to delete (not redact) the closed tickets of a person erased (connection.closedTickets). */
function deletingClosedTickets(file: string): string {
  const map = parse(readFileSync(file, 'utf8'));
  map.systems[0].connection.closedTickets = 'delete';
  writeFileSync(file, stringify(map));
  return file;
}

export const DISPUTE_SUBJECT = 'Invoice 1042 disputed';

/** A person with six tickets: five done with, one about a live payment dispute (open). */
export function seedSixTickets(
  sim: ZendeskSimulator,
  person: { name: string; email: string; phone: string },
): { userId: number; disputeId: number; otherIds: number[] } {
  const agent = sim.state.addUser({ name: 'Support Agent', email: `agent.${sim.state.users.size}@support.example.no`, role: 'agent' });
  const user = sim.state.addUser({ name: person.name, email: person.email, phone: person.phone, notes: 'Prefers phone calls' });
  const subjects = ['Delivery late', 'Wrong size', 'Return label', 'Password reset', 'Address change'];
  const otherIds = subjects.map(
    (subject, index) =>
      sim.state.addTicket({
        requesterId: user.id,
        subject,
        status: 'closed',
        createdAt: `2025-0${index + 1}-10T09:00:00Z`,
        comments: [
          { authorId: user.id, body: `About: ${subject}` },
          { authorId: agent.id, body: 'Sorted, thank you.' },
        ],
      }).id,
  );
  const dispute = sim.state.addTicket({
    requesterId: user.id,
    subject: DISPUTE_SUBJECT,
    status: 'open',
    createdAt: '2026-10-02T08:00:00Z',
    comments: [{ authorId: user.id, body: 'I did not order this; I will not pay invoice 1042.', attachments: ['invoice-1042.pdf'] }],
  });
  return { userId: user.id, disputeId: dispute.id, otherIds };
}

export interface PlanBody {
  approvalCurrent: boolean;
  systems: Array<{
    system: string;
    status: string;
    changed: boolean;
    items: Array<{
      id: string;
      ref: string;
      recordType: string;
      label: string;
      proposed: string;
      action: string;
      change: string | null;
      keep: Record<string, unknown> | null;
    }>;
  }>;
}

/** Registers an erasure for the person (identity checked by staff) and waits for the plan's survey. */
export async function erasureWithPlan(
  client: Api,
  person: { name: string; email: string; phone: string },
  language = 'en',
): Promise<{ reference: string; id: string; plan: PlanBody }> {
  const response = await client.post('/api/v1/cases', { ...registration('erasure', person), language });
  expect(response.status).toBe(201);
  const { reference, id } = (await response.json()) as { reference: string; id: string };
  const plan = await waitForPlan(client, reference, (body) => body.systems.some((system) => system.system === 'zendesk' && system.status === 'done'));
  return { reference, id, plan };
}

export async function waitForPlan(client: Api, reference: string, check: (plan: PlanBody) => boolean, timeoutMs = 30_000): Promise<PlanBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await client.get(`/api/v1/cases/${reference}/plan`);
    const body = (await response.json()) as PlanBody;
    if (response.status === 200 && check(body)) return body;
    if (Date.now() > deadline) throw new Error(`plan of ${reference} never got there: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export function patchItem(stack: TestApp, auth: () => Record<string, string>, reference: string, itemId: string, body: unknown): Promise<Response> {
  return fetch(`${stack.url}/api/v1/cases/${reference}/plan/items/${itemId}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', ...auth() },
    body: JSON.stringify(body),
  });
}

export { waitForCase };
