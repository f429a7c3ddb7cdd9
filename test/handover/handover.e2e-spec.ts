import { TaskOutcomesReader } from '../../src/connectors/tasks/task-outcomes.reader';
import JSZip from 'jszip';
import { AnswerPackageEntity } from '../../src/responses/package/answer-package.entity';
import { PackageBuilderService } from '../../src/responses/package/package-builder.service';
import { PackageExpiryService } from '../../src/responses/package/package-expiry.service';
import {
  api,
  registration,
  settled,
  simulatorSecrets,
  staffUser,
  startSimulatorsWith,
  taskOf,
  waitForCase,
  writeDataMap,
  type Api,
  type Simulators,
} from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';

const PREFIX = 'HANDOVER_E2E';
const [KARI, OLA, INGRID, LARS] = NORWEGIAN_PEOPLE;
const OWNER = 'telefoni@firma.example';

/** A call list as the phone system exports it (semicolons, as Norwegian spreadsheets write). */
const CALLS_CSV = 'dato;nummer;varighet\r\n2026-03-02;+47 912 34 567;00:03:12\r\n2026-03-05;+47 912 34 567;00:01:40\r\n2026-03-09;+47 912 34 567;00:07:05\r\n';
/** A minimal PDF: the type is read from its first bytes; the marker proves the bytes come back whole. */
const PDF = Buffer.from('%PDF-1.4\n% Samtalenotat KUNDESAMTALE-MARKOR-4711\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const GIF = Buffer.from(
  'GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;',
  'latin1',
);

describe('a manual system hands over data: files and rows into the package, sealed at rest, deleted with it', () => {
  const smtp = new SmtpCapture();
  const clock = new FixedClock(new Date());
  let sims: Simulators;
  let stack: TestApp;
  let client: Api;
  let owner: { Authorization: string };
  const secrets = simulatorSecrets(PREFIX);

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    sims = await startSimulatorsWith(NORWEGIAN_PEOPLE);
    stack = await startTestApp({
      clock,
      env: {
        SMTP_URL: await smtp.start(),
        SYSTEMS_FILE: writeDataMap(sims, PREFIX, ['phone-logs']),
        TASK_BACKOFF_MS: '100',
        PACKAGE_KEY: Buffer.alloc(32, 9).toString('base64'),
      },
    });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
    owner = await staffUser(stack, OWNER, 'owner');
  });
  afterAll(async () => {
    await stack?.close();
    await sims?.close();
    await smtp.stop();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  /** A case (access unless told) whose one system is handled by hand: its task waiting for the owner. */
  const manualAccessCase = async (person: (typeof NORWEGIAN_PEOPLE)[number], type = 'access') => {
    const response = await client.post('/api/v1/cases', { ...registration(type, person), language: 'en' });
    expect(response.status).toBe(201);
    const { reference, id } = (await response.json()) as { reference: string; id: string };
    const body = await waitForCase(client, reference, (state) => state.tasks.length > 0 && taskOf(state, 'phone-logs').status === 'manual');
    return { reference, id, taskId: taskOf(body, 'phone-logs').id as string };
  };
  const postOutcome = (reference: string, taskId: string, form: FormData, headers = owner) =>
    fetch(`${stack.url}/api/v1/cases/${reference}/tasks/${taskId}/outcome`, { method: 'POST', headers, body: form });
  const outcomeForm = (files: Array<[Buffer, string, string]>, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.set('summary', fields.summary ?? 'Exported the call list and the note of one call.');
    for (const [name, value] of Object.entries(fields)) if (name !== 'summary') form.set(name, value);
    for (const [bytes, name, type] of files) form.append('files', new Blob([new Uint8Array(bytes)], { type }), name);
    return form;
  };
  const handoverRows = async (caseId: string) =>
    stack.dataSource.query<Array<{ name: string; ciphertext: Buffer }>>('SELECT name, ciphertext FROM case_handover_files WHERE case_id = $1 ORDER BY name', [
      caseId,
    ]);

  it('takes a CSV and a PDF, puts the rows in data/ (JSON and CSV) and the PDF in files/, counted in the manifest; gone after expiry', async () => {
    const { reference, id, taskId } = await manualAccessCase(KARI);

    // A GIF is refused by its bytes (named .png to look harmless); a file over 10 MB names its place.
    const gif = await postOutcome(
      reference,
      taskId,
      outcomeForm([
        [Buffer.from(CALLS_CSV), 'samtaler.csv', 'text/csv'],
        [GIF, 'skjermbilde.png', 'image/png'],
      ]),
    );
    expect(gif.status).toBe(400);
    expect((await gif.json()).message).toMatch(/^files\[1\]: type image\/gif is not accepted/);
    const big = await postOutcome(reference, taskId, outcomeForm([[Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), 'alt.txt', 'text/plain']]));
    expect(big.status).toBe(400);
    expect(await big.json()).toEqual(expect.objectContaining({ details: [{ field: 'files[0]', problem: 'is larger than 10 MB' }] }));
    const pdfNamedCsv = await postOutcome(reference, taskId, outcomeForm([[PDF, 'samtaler.csv', 'text/csv']]));
    expect(pdfNamedCsv.status).toBe(400);
    expect((await pdfNamedCsv.json()).message).toContain('files[0]: content is application/pdf but the name ends in .csv');
    expect(await handoverRows(id)).toEqual([]);
    // Another system's owner may not hand over for this one.
    const stranger = await staffUser(stack, 'regnskap@firma.example', 'owner');
    expect((await postOutcome(reference, taskId, outcomeForm([[PDF, 'notat.pdf', 'application/pdf']]), stranger)).status).toBe(403);

    const recorded = await postOutcome(
      reference,
      taskId,
      outcomeForm(
        [
          [Buffer.from(CALLS_CSV), 'samtaler.csv', 'text/csv'],
          [PDF, 'samtalenotat.pdf', 'application/pdf'],
        ],
        { redactionNote: 'Other callers’ numbers are blacked out in the call note.' },
      ),
    );
    expect(recorded.status).toBe(200);
    const task = await recorded.json();
    expect(task.status).toBe('done');
    // No dispositions given: the upload itself says what was disclosed.
    expect(task.outcome.dispositions).toEqual([
      { kind: 'disclosed', what: 'record', count: 3 },
      { kind: 'disclosed', what: 'file', count: 1 },
    ]);

    // At rest the file is sealed: neither its marker nor its first bytes are in PostgreSQL.
    const stored = await handoverRows(id);
    expect(stored.map((row) => row.name)).toEqual(['samtalenotat.pdf']);
    expect(stored[0].ciphertext.includes(Buffer.from('KUNDESAMTALE-MARKOR-4711'))).toBe(false);
    expect(stored[0].ciphertext.includes(Buffer.from('%PDF-'))).toBe(false);

    await waitForCase(client, reference, (state) => settled(state) && (state as unknown as { status: string }).status === 'awaiting_review');
    const completed = await client.post(`/api/v1/cases/${reference}/complete`, {});
    expect(completed.status).toBe(200);

    const row = await stack.dataSource.getRepository(AnswerPackageEntity).findOneOrFail({ where: { caseId: id } });
    const zip = await JSZip.loadAsync(stack.context.get(PackageBuilderService).open(row));
    const data = JSON.parse(await zip.file('data/phone-logs.json')!.async('string'));
    expect(data.samtaler).toEqual([
      { dato: '2026-03-02', nummer: '+47 912 34 567', varighet: '00:03:12' },
      { dato: '2026-03-05', nummer: '+47 912 34 567', varighet: '00:01:40' },
      { dato: '2026-03-09', nummer: '+47 912 34 567', varighet: '00:07:05' },
    ]);
    expect(data.othersDataRedacted).toEqual({ article: 'GDPR Art. 15(4)', note: 'Other callers’ numbers are blacked out in the call note.' });
    const csv = await zip.file('data/phone-logs/samtaler.csv')!.async('string');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(csv).toContain('2026-03-09');
    expect((await zip.file('files/phone-logs/samtalenotat.pdf')!.async('nodebuffer')).equals(PDF)).toBe(true);
    // The readable copy shows the rows as a table and names the file, counted truthfully.
    const html = (await zip.file('answer.html')!.async('string')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(html).toContain('The data in Phone system call logs 4 records.');
    expect(html).toContain('2026-03-09 +47 912 34 567 00:07:05');
    expect(html).toContain('samtalenotat.pdf (application/pdf');
    expect(html).toContain(
      'Data about other people has been removed or blacked out (GDPR Art 15(4)): Other callers’ numbers are blacked out in the call note.',
    );
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.systems).toEqual([
      {
        id: 'phone-logs',
        name: 'Phone system call logs',
        recordCount: 4,
        handedOverFiles: 1,
        files: ['data/phone-logs.json', 'data/phone-logs/samtaler.csv', 'files/phone-logs/samtalenotat.pdf'],
      },
    ]);

    // The package's download period ends: the package and the files handed over for it go.
    clock.advance(31 * 24 * 3600_000);
    expect(await stack.context.get(PackageExpiryService).expire(row.id)).toEqual({ outcome: 'deleted' });
    expect(await handoverRows(id)).toEqual([]);
    clock.set(new Date());
  });

  it('takes rows as JSON and pasted CSV, names the bad cell, and refuses a hand-over for a task that is not an export', async () => {
    const { reference, id, taskId } = await manualAccessCase(OLA);
    const bad = await client.post(
      `/api/v1/cases/${reference}/tasks/${taskId}/outcome`,
      { summary: 'Typed in the calls.', records: [{ dato: '2026-03-02' }, { dato: { nested: true } }] },
      owner,
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).details).toEqual([{ field: 'records[1].dato', problem: 'must be text, a number, true/false or null' }]);
    const unclosed = await client.post(
      `/api/v1/cases/${reference}/tasks/${taskId}/outcome`,
      { summary: 'Pasted the calls.', recordsCsv: 'dato,notat\n2026-03-02,"starts' },
      owner,
    );
    expect(unclosed.status).toBe(400);
    expect((await unclosed.json()).details[0].field).toBe('recordsCsv');

    const recorded = await client.post(
      `/api/v1/cases/${reference}/tasks/${taskId}/outcome`,
      {
        summary: 'Typed in one call and pasted two.',
        records: [{ dato: '2026-03-02', varighet: 192 }],
        recordsCsv: 'dato,varighet\n2026-03-05,100\n2026-03-09,425\n',
        dispositions: [{ kind: 'disclosed', what: 'call-log-entry', count: 3 }],
      },
      owner,
    );
    expect(recorded.status).toBe(200);
    expect((await recorded.json()).outcome.dispositions).toEqual([{ kind: 'disclosed', what: 'call-log-entry', count: 3 }]);
    // Exports are sealed at rest: read them as the package builder does.
    const [exported] = (await stack.context.get(TaskOutcomesReader).exports(stack.dataSource.manager, id)) as unknown as Array<{
      data: { records: unknown[] };
      recordCount: number;
    }>;
    expect(exported.recordCount).toBe(3);
    expect(exported.data.records).toEqual([
      { dato: '2026-03-02', varighet: 192 },
      { dato: '2026-03-05', varighet: '100' },
      { dato: '2026-03-09', varighet: '425' },
    ]);

    // A restriction hands nothing over: the file is refused on its field, the task still waits.
    const restriction = await manualAccessCase(LARS, 'restriction');
    const refused = await postOutcome(restriction.reference, restriction.taskId, outcomeForm([[PDF, 'notat.pdf', 'application/pdf']]));
    expect(refused.status).toBe(400);
    expect((await refused.json()).details).toEqual([{ field: 'files', problem: 'only an access or portability task hands over data (this task is restrict)' }]);
    expect(await handoverRows(restriction.id)).toEqual([]);
  });

  it('deletes the files of a case that closes without a package', async () => {
    const { reference, id, taskId } = await manualAccessCase(INGRID);
    const recorded = await postOutcome(reference, taskId, outcomeForm([[PDF, 'notat.pdf', 'application/pdf']]));
    expect(recorded.status).toBe(200);
    expect(await handoverRows(id)).toHaveLength(1);
    expect((await client.post(`/api/v1/cases/${reference}/withdraw`, {})).status).toBe(200);
    expect(await handoverRows(id)).toEqual([]);
  });
});
