import { getQueueToken } from '@nestjs/bullmq';
import { TaskOutcomesReader } from '../../src/connectors/tasks/task-outcomes.reader';
import type { Queue } from 'bullmq';
import { QueueName } from '../../src/queues/queue-catalogue';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import {
  api,
  registration,
  searchDone,
  searchOf,
  settled,
  simulatorSecrets,
  staffUser,
  startSimulatorsWith,
  taskOf,
  waitForCase,
  writeDataMap,
  type Api,
  type Simulators,
} from './fanout-stack';
import { NORWEGIAN_PEOPLE, seedHubSpot, seedZendesk } from './norwegian-people';

const PREFIX = 'FANOUT_E2E';
const [KARI, OLA, INGRID, LARS, SIGRID] = NORWEGIAN_PEOPLE;

describe('fan-out to Zendesk, Visma, HubSpot, a manual system and a processor-role system', () => {
  const smtp = new SmtpCapture();
  let sims: Simulators;
  let stack: TestApp;
  let auth: { Authorization: string };
  let client: Api;
  const secrets = simulatorSecrets(PREFIX);

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    sims = await startSimulatorsWith(NORWEGIAN_PEOPLE);
    const smtpUrl = await smtp.start();
    stack = await startTestApp({
      env: {
        SMTP_URL: smtpUrl,
        // Objections are on the approval list: direct marketing must still stop without one.
        SYSTEMS_FILE: writeDataMap(sims, PREFIX, ['zendesk', 'visma', 'hubspot', 'phone-logs', 'shipping'], ['erasure', 'rectification', 'objection']),
        TASK_BACKOFF_MS: '100',
        TASK_ATTEMPTS: '6',
        CONNECTOR_INLINE_RETRY_WAIT_MS: '0',
        TASK_RATE_LIMITS: 'zendesk=100/1000,visma=100/1000,hubspot=100/1000',
      },
    });
    auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  });
  afterAll(async () => {
    await stack?.close();
    await sims?.close();
    await smtp.stop();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  const register = async (body: unknown) => {
    const response = await client.post('/api/v1/cases', body);
    expect(response.status).toBe(201);
    return (await response.json()) as { reference: string; id: string };
  };
  const fanoutQueue = () => stack.context.get<Queue>(getQueueToken(QueueName.Fanout), { strict: false });

  it('waits for approval, then erases everywhere: done, retained with a scheduled deletion, manual, forwarded; then review', async () => {
    const { reference } = await register(registration('erasure', KARI));
    // The forward is made by the registration's case-registered job in the worker.
    const before = await waitForCase(client, reference, (body) => body.tasks.length > 0);
    expect(before.status).toBe('in_progress');
    // Only the processor system's forward, made at receipt; fan-out waits for the approval.
    expect(before.tasks.map((task: { system: string; action: string }) => `${task.system}:${task.action}`)).toEqual(['shipping:forward']);

    // Approval is of the records found: once every system's search is done.
    await waitForCase(client, reference, searchDone);
    expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    const body = await waitForCase(client, reference, settled);
    expect(body.tasks.map((task) => `${task.system}:${task.action}`).sort()).toEqual([
      'hubspot:erase',
      'phone-logs:erase',
      'shipping:forward',
      'visma:erase',
      'zendesk:erase',
    ]);
    expect(taskOf(body, 'zendesk').status).toBe('done');
    expect(taskOf(body, 'hubspot').status).toBe('done');
    // What each connector did, per record type, is on the task outcome the letter is written from.
    expect(taskOf(body, 'zendesk').outcome?.dispositions).toContainEqual({ kind: 'erased', what: 'user', count: 1 });
    expect(taskOf(body, 'hubspot').outcome?.dispositions).toEqual([{ kind: 'erased', what: 'contact', count: 1 }]);
    expect(sims.hubspot.count('POST', '/crm/v3/objects/contacts/gdpr-delete', 204)).toBe(1);
    expect(sims.zendesk.calls.count('DELETE /api/v2/deleted_users/:id')).toBe(1);

    const visma = taskOf(body, 'visma');
    expect(visma.status).toBe('retained');
    expect(visma.outcome?.retained).toEqual([
      expect.objectContaining({ records: 'invoices and customer ledger entries, financial year 2025', until: '2030-12-31', restricted: true }),
    ]);
    expect(visma.outcome?.dispositions).toContainEqual(
      expect.objectContaining({
        kind: 'kept',
        what: 'ledger-entry',
        basis: 'legal_obligation',
        law: expect.stringContaining('bokføringsloven § 13'),
        until: '2030-12-31',
        allowedUse: 'bookkeeping, audit and tax control',
      }),
    );
    const holds = await (await client.get(`/api/v1/cases/${reference}/legal-holds`)).json();
    expect(holds.items).toEqual([expect.objectContaining({ system: 'visma', until: '2030-12-31', status: 'held', restricted: true })]);
    const holdJob = await fanoutQueue().getJob(`hold-${holds.items[0].id}`);
    expect(await holdJob?.getState()).toBe('delayed');
    expect(holdJob!.timestamp + holdJob!.delay).toBeGreaterThan(Date.parse('2030-12-31T00:00:00Z'));

    const shipping = taskOf(body, 'shipping');
    expect(shipping.status).toBe('forwarded');
    expect(shipping.outcome).toEqual(expect.objectContaining({ controller: 'Nettbutikken AS', forwardedAt: expect.any(String) }));
    // The day it went, in the company's time zone: the letter names the controller and that day.
    expect(shipping.outcome?.dispositions).toEqual([{ kind: 'forwarded', to: 'Nettbutikken AS', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
    const forward = await smtp.waitFor((mail) => mail.to.includes('personvern@nettbutikken.example') && mail.subject.includes(reference));
    expect(forward.text).toContain(KARI.email);
    // In the controller's language (none given in this data map: the company's, nb).
    expect(forward.text).toContain('Vi har ikke søkt i, utlevert, endret eller slettet noe');

    const phone = taskOf(body, 'phone-logs');
    expect(phone.status).toBe('manual');
    expect(phone.outcome?.summaryText).toEqual({
      en: 'Waiting for telefoni@firma.example to do this by hand and record the outcome.',
      nb: 'Venter på at telefoni@firma.example gjør dette for hånd og registrerer utfallet.',
    });
    const ownerMail = await smtp.waitFor((mail) => mail.to.includes('telefoni@firma.example') && mail.subject.includes(reference));
    // The link goes to the owner's task page (the case page is closed to owners).
    const link = new RegExp(`${stack.config.PUBLIC_URL}(/staff/tasks)#task-${phone.id}`).exec(ownerMail.text);
    expect(link).not.toBeNull();
    expect(ownerMail.text).not.toContain(`/staff/cases/${reference}#task-`);
    expect(ownerMail.text).toContain(`/api/v1/cases/${reference}/tasks/${phone.id}/outcome`);
    expect(await (await fanoutQueue().getJob(`manual-${phone.id}-reminder`))?.getState()).toBe('delayed');
    expect(await (await fanoutQueue().getJob(`manual-${phone.id}-escalation`))?.getState()).toBe('delayed');
    expect(body.status).toBe('in_progress');

    // The owner of another system may not answer for this one; the phone system's owner may.
    const otherOwner = await staffUser(stack, 'regnskap@firma.example', 'owner');
    const outcome = { status: 'done', summary: 'Deleted 4 call log entries for the number.' };
    const refused = await client.post(`/api/v1/cases/${reference}/tasks/${phone.id}/outcome`, outcome, otherOwner);
    expect(refused.status).toBe(403);
    const owner = await staffUser(stack, 'telefoni@firma.example', 'owner');
    const taskPage = await fetch(`${stack.url}${link![1]}`, { headers: owner, redirect: 'manual' });
    expect(taskPage.status).toBe(200);
    expect(await taskPage.text()).toContain(`id="task-${phone.id}"`);
    const recorded = await client.post(`/api/v1/cases/${reference}/tasks/${phone.id}/outcome`, outcome, owner);
    expect(recorded.status).toBe(200);
    expect(await recorded.json()).toEqual(expect.objectContaining({ status: 'done', outcome: expect.objectContaining({ summary: outcome.summary }) }));
    expect((await client.post(`/api/v1/cases/${reference}/tasks/${phone.id}/outcome`, outcome, owner)).status).toBe(409);

    const reviewed = await waitForCase(client, reference, (current) => current.status === 'awaiting_review');
    expect(reviewed.tasks.every((task) => task.status !== 'manual')).toBe(true);
    const audit = await (await client.get(`/api/v1/cases/${reference}/audit`)).json();
    const types = audit.items.map((event: { type: string }) => event.type);
    expect(types.filter((type: string) => type === 'case.awaiting_review')).toHaveLength(1);
    expect(types).toEqual(expect.arrayContaining(['case.fanned_out', 'task.forwarded', 'task.manual_assigned', 'task.finished']));
  });

  it('stores each system export of an access request in PostgreSQL', async () => {
    const { reference, id } = await register(registration('access', OLA));
    const body = await waitForCase(client, reference, settled);
    expect(body.tasks.map((task) => `${task.system}:${task.status}`).sort()).toEqual([
      'hubspot:done',
      'phone-logs:manual',
      'shipping:forwarded',
      'visma:done',
      'zendesk:done',
    ]);
    // Stored sealed (test/responses/retention.e2e-spec.ts shows the ciphertext); the reader opens them.
    const rows = await stack.context.get(TaskOutcomesReader).exports(stack.dataSource.manager, id);
    expect(rows.map((row) => row.systemId)).toEqual(['hubspot', 'visma', 'zendesk']);
    for (const row of rows) expect(row.recordCount).toBeGreaterThan(0);
    expect(JSON.stringify(rows.find((row) => row.systemId === 'visma')!.data)).toContain(OLA.email);
    expect(JSON.stringify(rows.find((row) => row.systemId === 'zendesk')!.data)).toContain('Hei, når kommer pakken min?');
  });

  it('exports only portable systems for portability', async () => {
    const { reference } = await register(registration('portability', OLA));
    const body = await waitForCase(client, reference, settled);
    expect(body.tasks.map((task) => `${task.system}:${task.action}`).sort()).toEqual(['shipping:forward', 'visma:export', 'zendesk:export']);
    // Nothing waits for a person here, so the case goes straight to review.
    await waitForCase(client, reference, (current) => current.status === 'awaiting_review');
  });

  it('stops direct marketing everywhere at once, without waiting for approval', async () => {
    const { reference } = await register(registration('objection', LARS, { processing: 'direct_marketing' }));
    const body = await waitForCase(client, reference, settled);
    expect(body.tasks.map((task) => `${task.system}:${task.action}`).sort()).toEqual([
      'hubspot:restrict',
      'shipping:forward',
      'visma:restrict',
      'zendesk:restrict',
    ]);
    expect(taskOf(body, 'hubspot').status).toBe('done');
    expect(sims.hubspot.count('POST', '/communication-preferences/v4/statuses/:subscriber/unsubscribe-all')).toBeGreaterThanOrEqual(1);
    expect(sims.visma.state.associates.find((row) => row.emailAddress === LARS.email)?.noMarketing).toBe(true);
    await waitForCase(client, reference, (current) => current.status === 'awaiting_review');
  });

  it('waits for a documented decision on an objection to legitimate interest, then restricts those systems', async () => {
    const { reference } = await register(registration('objection', SIGRID, { processing: 'legitimate_interest', grounds: 'I do not want profiling.' }));
    const waiting = await (await client.get(`/api/v1/cases/${reference}`)).json();
    expect(waiting.tasks.filter((task: { action: string }) => task.action !== 'forward')).toEqual([]);
    expect((await client.post(`/api/v1/cases/${reference}/objection-decision`, { decision: 'maybe', grounds: '' })).status).toBe(400);

    const decided = await client.post(`/api/v1/cases/${reference}/objection-decision`, {
      decision: 'stop',
      grounds: 'No compelling grounds override the objection.',
    });
    expect(decided.status).toBe(200);
    const body = await waitForCase(client, reference, settled);
    expect(body.tasks.map((task) => `${task.system}:${task.action}`).sort()).toEqual(['hubspot:restrict', 'phone-logs:restrict', 'shipping:forward']);
    expect((await client.post(`/api/v1/cases/${reference}/objection-decision`, { decision: 'stop', grounds: 'Once more.' })).status).toBe(409);
    const audit = await (await client.get(`/api/v1/cases/${reference}/audit`)).json();
    expect(audit.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'case.objection_decided', data: { decision: 'stop', grounds: 'No compelling grounds override the objection.' } }),
      ]),
    );
  });

  it('rides out a 429 with Retry-After and a run of 5xx without going over the limit', async () => {
    sims.zendesk.state.rateLimitNext(1, 1);
    sims.hubspot.failNext({ status: 503, times: 3, body: { category: 'INTERNAL_ERROR', message: 'try again' } });
    const zendesk429Before = sims.zendesk.calls.all.filter((call) => call.status === 429).length;
    const hubspot429Before = sims.hubspot.calls.filter((call) => call.status === 429).length;
    const { reference } = await register(registration('restriction', INGRID));
    const body = await waitForCase(client, reference, settled);
    expect(taskOf(body, 'zendesk').status).toBe('done');
    expect(taskOf(body, 'hubspot').status).toBe('done');
    // The retries end in one restriction per system, said once.
    expect(taskOf(body, 'zendesk').outcome?.dispositions).toEqual([expect.objectContaining({ kind: 'restricted', what: 'user', count: 1 })]);
    expect(taskOf(body, 'hubspot').outcome?.dispositions).toEqual([expect.objectContaining({ kind: 'restricted', what: 'contact', count: 1 })]);
    // Only the scripted 429: after it the task waited Retry-After instead of tripping the limit again.
    expect(sims.zendesk.calls.all.filter((call) => call.status === 429).length - zendesk429Before).toBe(1);
    expect(sims.hubspot.calls.filter((call) => call.status === 503)).toHaveLength(3);
    // The queue's limiter keeps HubSpot under its general limit; only search's own per-second
    // limit may answer 429 (the record search and the task both search), and the client waits it out.
    const hubspot429s = sims.hubspot.calls.filter((call) => call.status === 429).slice(hubspot429Before);
    expect(hubspot429s.filter((call) => call.path !== '/crm/v3/objects/contacts/search')).toEqual([]);
  });

  const breakCredentials = () => {
    // The client secret was rotated in Zendesk and ours is now wrong; the HubSpot token was never set.
    sims.zendesk.state.revokeTokens();
    process.env[`${PREFIX}_ZENDESK_CLIENT_SECRET`] = 'not-the-secret';
    delete process.env[`${PREFIX}_HUBSPOT_TOKEN`];
  };

  it('fails the search for records with a clear reason on a bad credential or a missing variable, does nothing meanwhile, and searches again once fixed', async () => {
    breakCredentials();
    const person = { name: 'Per Olsen', email: 'per.olsen@example.no', phone: '+4796789012' };
    seedZendesk(sims.zendesk, person);
    seedHubSpot(sims.hubspot, person);
    const { reference } = await register(registration('restriction', person));
    const failed = await waitForCase(
      client,
      reference,
      (current) => searchOf(current, 'zendesk')?.status === 'failed' && searchOf(current, 'hubspot')?.status === 'failed',
      60_000,
    );
    expect(searchOf(failed, 'zendesk')?.error).toMatch(/credentials rejected by the provider \(HTTP 401\)|HTTP 401/);
    expect(searchOf(failed, 'hubspot')?.error).toBe(`environment variable ${PREFIX}_HUBSPOT_TOKEN (named in the data map for system "hubspot") is not set`);
    // The same reasons in each staff language, for a client that shows them in Norwegian.
    expect(searchOf(failed, 'zendesk')?.errorText?.nb).toBe(
      'leverandøren avviste påloggingsopplysningene (HTTP 401): Zendesk refused the OAuth client credentials',
    );
    expect(searchOf(failed, 'hubspot')?.errorText).toEqual({
      en: searchOf(failed, 'hubspot')?.error,
      nb: `miljøvariabelen ${PREFIX}_HUBSPOT_TOKEN (som datakartet oppgir for systemet «hubspot») er ikke satt`,
    });
    // Nothing is done anywhere while a system's search has failed: not even the manual tasks
    // (the processor system's forward went at receipt; it decides nothing about our records).
    expect(failed.tasks.map((task) => `${task.system}:${task.action}`)).toEqual(['shipping:forward']);

    Object.assign(process.env, secrets);
    expect((await client.post(`/api/v1/cases/${reference}/records/search`, {})).status).toBe(202);
    const fixed = await waitForCase(client, reference, settled);
    expect(taskOf(fixed, 'zendesk').status).toBe('done');
    expect(taskOf(fixed, 'hubspot').status).toBe('done');
    expect(taskOf(fixed, 'visma').status).toBe('not_found');
  });

  it('fails a task with a clear reason on a bad credential or a missing variable, and retries it once fixed', async () => {
    const person = { name: 'Pia Olsen', email: 'pia.olsen@example.no', phone: '+4796789013' };
    seedZendesk(sims.zendesk, person);
    seedHubSpot(sims.hubspot, person);
    // An erasure waits for approval after the search: the credentials break in between.
    const { reference } = await register(registration('erasure', person));
    await waitForCase(client, reference, searchDone);
    breakCredentials();
    expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    const failed = await waitForCase(client, reference, settled);
    const zendesk = taskOf(failed, 'zendesk');
    expect(zendesk.status).toBe('failed');
    expect(zendesk.error).toMatch(/credentials rejected by the provider \(HTTP 401\)/);
    const hubspot = taskOf(failed, 'hubspot');
    expect(hubspot.status).toBe('failed');
    expect(hubspot.error).toBe(`environment variable ${PREFIX}_HUBSPOT_TOKEN (named in the data map for system "hubspot") is not set`);
    expect(hubspot.outcome?.summaryText).toEqual({
      en: hubspot.error,
      nb: `miljøvariabelen ${PREFIX}_HUBSPOT_TOKEN (som datakartet oppgir for systemet «hubspot») er ikke satt`,
    });
    expect(taskOf(failed, 'visma').status).toBe('not_found');
    expect((await client.post(`/api/v1/cases/${reference}/tasks/${taskOf(failed, 'visma').id}/retry`, {})).status).toBe(409);

    Object.assign(process.env, secrets);
    for (const task of [zendesk, hubspot]) {
      const retried = await client.post(`/api/v1/cases/${reference}/tasks/${task.id}/retry`, {});
      expect(retried.status).toBe(202);
    }
    const fixed = await waitForCase(client, reference, (current) => ['zendesk', 'hubspot'].every((system) => taskOf(current, system).status === 'done'));
    expect(taskOf(fixed, 'zendesk').error).toBeUndefined();
    const owner = await staffUser(stack, 'telefoni@firma.example', 'owner');
    const phone = taskOf(fixed, 'phone-logs');
    expect(
      (await client.post(`/api/v1/cases/${reference}/tasks/${phone.id}/outcome`, { status: 'not_found', summary: 'No calls from this person.' }, owner)).status,
    ).toBe(200);
    await waitForCase(client, reference, (current) => current.status === 'awaiting_review');
  });
});
