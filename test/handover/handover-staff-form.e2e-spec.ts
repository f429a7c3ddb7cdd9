import { api, registration, simulatorSecrets, startSimulators, waitForCase, writeDataMap, type Api, type Simulators } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { csrfTokenIn, signedInStaff, type SessionClient } from '../staff-ui/staff-session-client';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';

const PREFIX = 'HANDOVER_FORM_E2E';
const [KARI, OLA] = NORWEGIAN_PEOPLE;
const PDF = Buffer.from('%PDF-1.4\n% notat\n%%EOF\n');
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

type CaseJson = { tasks: Array<{ id: string; system: string; status: string; outcome?: Record<string, unknown> }> };

describe('staff outcome form: hand over files and pasted rows, pick a disposition, keep what was typed on error', () => {
  const smtp = new SmtpCapture();
  const secrets = simulatorSecrets(PREFIX);
  let sims: Simulators;
  let stack: TestApp;
  let client: Api;
  let handler: SessionClient;
  let owner: SessionClient;

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    sims = await startSimulators();
    stack = await startTestApp({
      env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: writeDataMap(sims, PREFIX, ['phone-logs']), PACKAGE_KEY: Buffer.alloc(32, 5).toString('base64') },
    });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
    handler = await signedInStaff(stack, 'form.handler@example.no', 'handler');
    owner = await signedInStaff(stack, 'telefoni@firma.example', 'owner');
  });
  afterAll(async () => {
    await stack?.close();
    await sims?.close();
    await smtp.stop();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  const manualAccessCase = async (person: (typeof NORWEGIAN_PEOPLE)[number]) => {
    const created = await client.post('/api/v1/cases', { ...registration('access', person), language: 'nb' });
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    const body = (await waitForCase(client, reference, (json) =>
      (json as unknown as CaseJson).tasks?.some((task) => task.status === 'manual'),
    )) as unknown as CaseJson;
    return { reference, taskId: body.tasks.find((task) => task.system === 'phone-logs')!.id };
  };
  const taskOf = async (reference: string, taskId: string) =>
    ((await (await client.get(`/api/v1/cases/${reference}`)).json()) as CaseJson).tasks.find((task) => task.id === taskId)!;
  /** Posts the form as the browser does with enctype multipart/form-data: fields, the page's token, files. */
  const submit = async (
    session: SessionClient,
    page: string,
    action: string,
    fields: Record<string, string | string[]>,
    files: Array<[Buffer, string]> = [],
    token?: string,
  ) => {
    const form = new FormData();
    form.set('_csrf', token ?? csrfTokenIn(await (await session.get(page)).text()));
    for (const [name, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
    for (const [bytes, name] of files) form.append('files', new Blob([new Uint8Array(bytes)]), name);
    return fetch(`${stack.url}${action}`, { method: 'POST', body: form, redirect: 'manual', headers: { Cookie: session.cookieHeader() } });
  };

  it('a handler hands over a PDF and pasted CSV from the case page; a GIF is refused beside the file field with the text kept', async () => {
    const { reference, taskId } = await manualAccessCase(KARI);
    const page = await (await handler.get(`/staff/cases/${reference}`)).text();
    expect(page).toContain(`action="/staff/cases/${reference}/tasks/${taskId}/outcome" enctype="multipart/form-data"`);
    expect(page).toContain(`data-testid="handover-${taskId}"`);
    expect(page).toContain(`data-testid="disposition-${taskId}"`);

    const action = `/staff/cases/${reference}/tasks/${taskId}/outcome`;
    const fields = {
      from: 'case',
      summary: 'Eksporterte samtaleloggen og ett samtalenotat.',
      recordsCsv: 'dato;varighet\n2026-03-02;00:03:12\n2026-03-05;00:01:40\n',
      redactionNote: 'Andre innringeres numre er sladdet.',
      // The browser also sends the form's empty fields, among them the legacy "what was kept" (`records`).
      records: '',
      basis: '',
      until: '',
      kind: '',
    };
    const refused = await submit(handler, `/staff/cases/${reference}`, action, fields, [
      [PDF, 'notat.pdf'],
      [GIF, 'bilde.png'],
    ]);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain(`id="files-${taskId}-error">files[1]: type image/gif is not accepted`);
    expect(html).toContain('data-testid="files-again"');
    expect(html).toContain(`>${escaped(fields.summary)}</textarea>`);
    // A multipart body carries line breaks as CRLF (as a browser sends them).
    expect(html.replace(/\r\n/g, '\n')).toContain(`>${escaped(fields.recordsCsv.trim())}</textarea>`);
    expect(html).toContain(`value="${escaped(fields.redactionNote)}"`);
    expect((await taskOf(reference, taskId)).status).toBe('manual');

    // The token is checked after the multipart body is read: without it, nothing is recorded.
    expect((await submit(handler, `/staff/cases/${reference}`, action, fields, [[PDF, 'notat.pdf']], 'not-the-token')).status).toBe(403);
    expect((await taskOf(reference, taskId)).status).toBe('manual');

    const recorded = await submit(handler, `/staff/cases/${reference}`, action, fields, [[PDF, 'notat.pdf']]);
    expect(recorded.status).toBe(303);
    expect(recorded.headers.get('location')).toBe(`/staff/cases/${reference}?done=outcome`);
    const task = await taskOf(reference, taskId);
    expect(task.status).toBe('done');
    expect(task.outcome?.dispositions).toEqual([
      { kind: 'disclosed', what: 'record', count: 2 },
      { kind: 'disclosed', what: 'file', count: 1 },
    ]);
    const stored = await stack.dataSource.query<Array<{ name: string }>>('SELECT name FROM case_handover_files WHERE task_id = $1', [taskId]);
    expect(stored).toEqual([{ name: 'notat.pdf' }]);
  });

  it('an owner picks "nothing held" on their task page: the reason and the routine it needs are asked for, then recorded', async () => {
    const { reference, taskId } = await manualAccessCase(OLA);
    const action = `/staff/cases/${reference}/tasks/${taskId}/outcome`;
    const fields = { from: 'tasks', summary: 'Opptakene slettes etter sju dager.', kind: 'not_held', notHeldReason: 'routine_deletion' };
    const missing = await submit(owner, '/staff/tasks', action, fields);
    expect(missing.status).toBe(400);
    const html = await missing.text();
    expect(html).toContain(`id="deletedOn-${taskId}-error">say when or by which routine it was deleted</p>`);
    expect(html).toMatch(/<option value="not_held" selected>/);
    expect(html).toMatch(/<option value="routine_deletion" selected>/);

    const recorded = await submit(owner, '/staff/tasks', action, { ...fields, routine: 'overwritten after 7 days' });
    expect(recorded.status).toBe(303);
    expect(recorded.headers.get('location')).toBe('/staff/tasks?done=outcome');
    const task = await taskOf(reference, taskId);
    expect(task.status).toBe('not_found');
    expect(task.outcome?.dispositions).toEqual([{ kind: 'not_held', reason: 'routine_deletion', routine: 'overwritten after 7 days' }]);
  });
});
