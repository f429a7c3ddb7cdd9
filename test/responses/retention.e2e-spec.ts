import JSZip from 'jszip';
import { TaskOutcomesReader } from '../../src/connectors/tasks/task-outcomes.reader';
import { REMOVED_SECRET } from '../../src/notifications/mail-secrets';
import { OutboxService } from '../../src/notifications/outbox.service';
import { JobName, QueueName } from '../../src/queues/queue-catalogue';
import { RetentionSweepService } from '../../src/responses/retention/retention-sweep.service';
import { RETENTION_SWEEP_SCHEDULER } from '../../src/responses/retention/retention-sweep.processor';
import { registration, settled, waitForCase } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { linkIn } from '../intake/intake-helpers';
import { FixedClock } from '../support/fixed-clock';
import { drainQueues, queueOf } from '../support/queues';
import { Browser, codeIn, formOn } from './answer-stack';
import { useSimulatorStack } from './simulator-stack';

const PREFIX = 'RETENTION_E2E';
const ANSWER_SUBJECT = /answer to your access request|Svar på innsynsforespørselen/;
/** Values the simulators hold about Ola: they must never be readable in case_task_exports. */
const ZENDESK_TICKET = 'Hei, når kommer pakken min?';
const [KARI, OLA, , LARS, SIGRID] = NORWEGIAN_PEOPLE;

describe('nothing outlives its purpose: sealed exports, deleted with the package or the case, e-mails without secrets', () => {
  const clock = new FixedClock(new Date());
  const env = useSimulatorStack(PREFIX, { clock, env: { PACKAGE_KEY: Buffer.alloc(32, 9).toString('base64'), INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });

  const accessCase = async (person: (typeof NORWEGIAN_PEOPLE)[number]) => {
    const response = await env.client.post('/api/v1/cases', {
      ...registration('access', person),
      language: 'en',
      receivedAt: new Date(clock.now().getTime() - 3600_000).toISOString(),
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { reference: string; id: string };
    await waitForCase(env.client, created.reference, (body) => settled(body) && (body as unknown as { status: string }).status === 'awaiting_review');
    return created;
  };
  const complete = async (reference: string) => {
    const response = await env.client.post(`/api/v1/cases/${reference}/complete`, {});
    expect(response.status).toBe(200);
  };
  const exportCount = async (caseId: string): Promise<number> =>
    (await env.stack.dataSource.query(`SELECT count(*)::int AS n FROM case_task_exports WHERE case_id = $1`, [caseId]))[0].n;
  const auditData = async (caseId: string, type: string): Promise<Array<Record<string, unknown>>> =>
    (await env.stack.dataSource.query(`SELECT data FROM audit_events WHERE case_id = $1 AND type = $2`, [caseId, type])).map(
      (row: { data: unknown }) => row.data,
    );
  /** Every stored e-mail body, sent or not, as one text to search. */
  const storedBodies = async (): Promise<string> =>
    (await env.stack.dataSource.query(`SELECT text_body, html_body FROM outbound_emails WHERE status <> 'pending'`))
      .map((row: { text_body: string; html_body: string | null }) => `${row.text_body}\n${row.html_body ?? ''}`)
      .join('\n');

  it('stores exports only sealed, still builds the true package from them, and deletes them when the package expires', async () => {
    const { reference, id } = await accessCase(OLA);
    const raw: Array<{ row: string; ciphertext: Buffer; legacy_plaintext: unknown }> = await env.stack.dataSource.query(
      `SELECT to_jsonb(e)::text AS row, ciphertext, legacy_plaintext FROM case_task_exports e WHERE case_id = $1`,
      [id],
    );
    expect(raw).toHaveLength(3);
    for (const row of raw) {
      expect(row.row).not.toContain(OLA.email);
      expect(row.row).not.toContain(ZENDESK_TICKET);
      expect(row.ciphertext.includes(Buffer.from(OLA.email))).toBe(false);
      expect(row.legacy_plaintext).toBeNull();
    }

    await complete(reference);
    const letter = await env.smtp.waitFor((mail) => mail.to.includes(OLA.email) && mail.subject.includes(reference) && ANSWER_SUBJECT.test(mail.subject));
    const browser = new Browser(env.stack.url);
    const status = await browser.get(new URL(linkIn(letter, 'status', env.stack.url)).pathname);
    const answerPath = new URL(/href="(http[^"]+\/answer\/[A-Za-z0-9_-]+)"/.exec(status.html)![1]).pathname;
    const landing = await browser.get(answerPath);
    const ask = formOn(landing.html, '/code');
    const codePage = await (await browser.post(ask.action, { _csrf: ask.csrf })).text();
    const codeMail = await env.smtp.waitFor((mail) => mail.to.includes(OLA.email) && mail.subject.includes(reference) && /code/i.test(mail.subject));
    const enter = formOn(codePage, '/download');
    const download = await browser.post(enter.action, { _csrf: enter.csrf, code: codeIn(codeMail) });
    expect(download.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await download.arrayBuffer()));
    expect(await zip.file('data/visma.json')!.async('string')).toContain(OLA.email);
    expect(await zip.file('data/zendesk.json')!.async('string')).toContain(ZENDESK_TICKET);
    // The package is live: its exports stay until it expires.
    expect(await exportCount(id)).toBe(3);

    clock.advance(31 * 24 * 3600_000);
    try {
      const [pkg] = await env.stack.dataSource.query(`SELECT id FROM answer_packages WHERE case_id = $1`, [id]);
      await (await queueOf(env.stack.context, QueueName.Answers).getJob(`package-expiry-${pkg.id}`))!.promote();
      await drainQueues(env.stack.context, [QueueName.Answers]);
      expect(await exportCount(id)).toBe(0);
      expect(await auditData(id, 'answer.package_deleted')).toEqual([expect.objectContaining({ exportsDeleted: 3 })]);
    } finally {
      clock.set(new Date());
    }
  });

  it('deletes the exports when the case is rejected (no package will be built)', async () => {
    const { reference, id } = await accessCase(KARI);
    expect(await exportCount(id)).toBeGreaterThan(0);
    const rejected = await env.client.post(`/api/v1/cases/${reference}/reject`, { reasonCode: 'excessive', reason: 'Third identical request this quarter.' });
    expect(rejected.status).toBe(200);
    expect(await exportCount(id)).toBe(0);
    expect(await auditData(id, 'retention.exports_deleted')).toEqual([expect.objectContaining({ exports: 3, reason: 'case closed without a package' })]);
  });

  it('keeps no download code or link token in a sent e-mail, while the delivered e-mail had it', async () => {
    await drainQueues(env.stack.context, [QueueName.Email]);
    const toOla = env.smtp.messages.filter((mail) => mail.to.includes(OLA.email));
    const code = codeIn(toOla.find((mail) => /download code/i.test(mail.subject))!);
    const tokens = toOla.flatMap((mail) => [...mail.text.matchAll(/\/(?:status|verify|answer)\/([A-Za-z0-9_-]{32,})/g)].map((match) => match[1]));
    expect(tokens.length).toBeGreaterThan(0);
    const stored = await storedBodies();
    expect(stored).not.toContain(code);
    for (const token of tokens) expect(stored).not.toContain(token);
    const [codeRow] = await env.stack.dataSource.query(
      `SELECT text_body, secrets, secrets_removed_at FROM outbound_emails WHERE kind = 'answer-download-code' AND to_address = $1`,
      [OLA.email],
    );
    expect(codeRow.text_body).toContain(`is: ${REMOVED_SECRET}`);
    expect(codeRow.secrets).toBeNull();
    expect(codeRow.secrets_removed_at).not.toBeNull();
  });

  it('a message left pending by a crash still sends with its code, and loses it once sent', async () => {
    const outbox = env.stack.context.get(OutboxService);
    const id = await env.stack.dataSource.transaction((manager) =>
      outbox.store(manager, 'answer-download-code', 'retention-crash-1', {
        to: SIGRID.email,
        subject: 'Your download code',
        text: 'Your one-time code is: 48151623',
        html: '<p>Your one-time code is: 48151623</p>',
        secrets: ['48151623'],
      }),
    );
    // Never dispatched: the process "died" after the commit.
    const [pending] = await env.stack.dataSource.query(`SELECT status, text_body, secrets FROM outbound_emails WHERE id = $1`, [id]);
    expect(pending).toEqual({ status: 'pending', text_body: 'Your one-time code is: 48151623', secrets: ['48151623'] });
    await outbox.redispatchPending(0);
    const delivered = await env.smtp.waitFor((mail) => mail.to.includes(SIGRID.email) && mail.subject === 'Your download code');
    expect(delivered.text).toContain('48151623');
    await drainQueues(env.stack.context, [QueueName.Email]);
    const [sent] = await env.stack.dataSource.query(`SELECT status, text_body, html_body FROM outbound_emails WHERE id = $1`, [id]);
    expect(sent).toEqual({
      status: 'sent',
      text_body: `Your one-time code is: ${REMOVED_SECRET}`,
      html_body: `<p>Your one-time code is: ${REMOVED_SECRET}</p>`,
    });
  });

  it('the sweep seals old plaintext rows and removes leftovers, and a second run finds nothing', async () => {
    const sweeper = env.stack.context.get(RetentionSweepService);
    expect(await sweeper.sweep()).toEqual({ packagesExpired: 0, exportsSealed: 0, casesCleared: 0, mailsCleaned: 0 });

    // An open case whose export was written before sealing (the migration moved it aside).
    const open = await accessCase(LARS);
    await env.stack.dataSource.query(
      `UPDATE case_task_exports SET legacy_plaintext = '{"data": {"note": "legacy-known-value"}, "tables": null}'::jsonb, ciphertext = NULL, iv = NULL, auth_tag = NULL
        WHERE case_id = $1 AND system_id = 'visma'`,
      [open.id],
    );
    // A closed case whose package went without taking its exports (a crash before this existed).
    const closed = await accessCase(OLA);
    await complete(closed.reference);
    await env.stack.dataSource.query(`UPDATE answer_packages SET deleted_at = now(), ciphertext = NULL WHERE case_id = $1`, [closed.id]);
    // A sent e-mail that still lists a secret.
    await env.stack.dataSource.query(
      `UPDATE outbound_emails SET secrets = '["SECRET-42-LEFT"]'::jsonb, text_body = text_body || ' SECRET-42-LEFT' WHERE id = (SELECT id FROM outbound_emails WHERE status = 'sent' LIMIT 1)`,
    );

    expect(await sweeper.sweep()).toEqual({ packagesExpired: 0, exportsSealed: 1, casesCleared: 1, mailsCleaned: 1 });
    const [sealed] = await env.stack.dataSource.query(`SELECT to_jsonb(e)::text AS row FROM case_task_exports e WHERE case_id = $1 AND system_id = 'visma'`, [
      open.id,
    ]);
    expect(sealed.row).not.toContain('legacy-known-value');
    const opened = await env.stack.context.get(TaskOutcomesReader).exports(env.stack.dataSource.manager, open.id);
    expect(opened.find((row) => row.systemId === 'visma')!.data).toEqual({ note: 'legacy-known-value' });
    expect(await exportCount(closed.id)).toBe(0);
    expect(await exportCount(open.id)).toBe(3);
    expect(await storedBodies()).not.toContain('SECRET-42-LEFT');

    expect(await sweeper.sweep()).toEqual({ packagesExpired: 0, exportsSealed: 0, casesCleared: 0, mailsCleaned: 0 });
  });

  it('runs as a repeatable job the worker writes at start-up', async () => {
    const scheduler = await queueOf(env.stack.context, QueueName.Retention).getJobScheduler(RETENTION_SWEEP_SCHEDULER);
    expect(scheduler).toEqual(expect.objectContaining({ name: JobName.RetentionSweep, every: 3600_000 }));
  });
});
