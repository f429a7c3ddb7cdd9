import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import JSZip from 'jszip';
import { createHash } from 'node:crypto';
import { TaskOutcomesReader } from '../../src/connectors/tasks/task-outcomes.reader';
import { ReconciliationService } from '../../src/deadlines/alerts/reconciliation.service';
import { QueueName } from '../../src/queues/queue-catalogue';
import { AnswerPackageEntity } from '../../src/responses/package/answer-package.entity';
import { PackageBuilderService } from '../../src/responses/package/package-builder.service';
import { registration, settled, waitForCase } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { linkIn, pageText } from '../intake/intake-helpers';
import { FixedClock } from '../support/fixed-clock';
import { drainQueues, queueOf } from '../support/queues';
import { Browser, codeIn, formOn, notAZip } from './answer-stack';
import { useSimulatorStack } from './simulator-stack';

const PREFIX = 'ANSWER_E2E';
/** The answer letters' subjects (access and portability, nb and en), not the receipt's. */
const ANSWER_SUBJECT = /answer to your access request|machine-readable format|Svar på innsynsforespørselen|maskinlesbart format/;
const [KARI, OLA, INGRID, LARS, SIGRID] = NORWEGIAN_PEOPLE;

describe('the answer: package, letters, secure download, Art 19 notices', () => {
  const clock = new FixedClock(new Date());
  const env = useSimulatorStack(PREFIX, {
    clock,
    env: {
      PACKAGE_KEY: Buffer.alloc(32, 7).toString('base64'),
      // Every test posts from 127.0.0.1; the limit itself is intake's, tested there.
      INTAKE_RATE_LIMIT_PER_MINUTE: '1000',
    },
  });

  const caseFor = async (type: string, person: (typeof NORWEGIAN_PEOPLE)[number], language: 'nb' | 'en', details: Record<string, unknown> = {}) => {
    const response = await env.client.post('/api/v1/cases', {
      ...registration(type, person, details),
      language,
      receivedAt: new Date(clock.now().getTime() - 3600_000).toISOString(),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { reference: string; id: string };
  };
  const reviewed = (reference: string) =>
    waitForCase(env.client, reference, (body) => settled(body) && (body as unknown as { status: string }).status === 'awaiting_review');
  const complete = async (reference: string) => {
    const response = await env.client.post(`/api/v1/cases/${reference}/complete`, {});
    expect(response.status).toBe(200);
    expect((await response.json()).status).toBe('completed');
  };

  /** From the answer letter to the zip, as the person does it: status page, code by e-mail, download. */
  const downloadAnswer = async (reference: string, email: string) => {
    const letter = await env.smtp.waitFor((mail) => mail.to.includes(email) && mail.subject.includes(reference) && ANSWER_SUBJECT.test(mail.subject));
    expect(letter.parsed.attachments).toHaveLength(0);
    const browser = new Browser(env.stack.url);
    const status = await browser.get(new URL(linkIn(letter, 'status', env.stack.url)).pathname);
    expect(status.status).toBe(200);
    const answerLink = /href="(http[^"]+\/answer\/[A-Za-z0-9_-]+)"/.exec(status.html)?.[1];
    expect(answerLink).toBeDefined();
    const landing = await browser.get(new URL(answerLink!).pathname);
    expect(landing.status).toBe(200);
    const ask = formOn(landing.html, '/code');
    const sent = await browser.post(ask.action, { _csrf: ask.csrf });
    expect(sent.status).toBe(200);
    const codePage = await sent.text();
    const codeMail = await env.smtp.waitFor((mail) => mail.to.includes(email) && mail.subject.includes(reference) && /kode|code/i.test(mail.subject));
    const enter = formOn(codePage, '/download');
    return { browser, answerPath: new URL(answerLink!).pathname, code: codeIn(codeMail), enter, letter };
  };

  it('answers an access request across three connectors in English: letter, code, download that decrypts to the same package', async () => {
    const { reference, id } = await caseFor('access', OLA, 'en');
    await reviewed(reference);
    const preview = await (await env.client.get(`/api/v1/cases/${reference}/letter`)).json();
    expect(preview.kind).toBe('access');
    expect(preview.text).toContain('We process data about you');
    const alertJob = () => queueOf(env.stack.context, QueueName.Deadlines).getJob(`case-${id}-alert`);
    expect(await (await alertJob())?.getState()).toBe('delayed');
    await complete(reference);
    // A completed case has no deadline left to watch: its alert job is gone from Redis.
    expect(await alertJob()).toBeUndefined();

    const { browser, answerPath, code, enter, letter } = await downloadAnswer(reference, OLA.email);
    expect(letter.text).toContain('Datatilsynet');
    expect(letter.text).toMatch(/court/);
    const response = await browser.post(enter.action, { _csrf: enter.csrf, code });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const bytes = Buffer.from(await response.arrayBuffer());

    // At rest the package is ciphertext; decrypted with PACKAGE_KEY it is exactly the downloaded zip.
    const row = await env.stack.dataSource.getRepository(AnswerPackageEntity).findOneOrFail({ where: { caseId: id } });
    expect(row.ciphertext!.includes(Buffer.from('manifest.json'))).toBe(false);
    const decrypted = env.stack.context.get(PackageBuilderService).open(row);
    expect(decrypted.equals(bytes)).toBe(true);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);

    const zip = await JSZip.loadAsync(bytes);
    const exports = await env.stack.context.get(TaskOutcomesReader).exports(env.stack.dataSource.manager, id);
    expect(exports.map((item) => item.systemId).sort()).toEqual(['hubspot', 'visma', 'zendesk']);
    for (const item of exports) {
      expect(JSON.parse(await zip.file(`data/${item.systemId}.json`)!.async('string'))).toEqual(item.data);
    }
    expect(await zip.file('data/zendesk.json')!.async('string')).toContain('Hei, når kommer pakken min?');
    expect(await zip.file('data/visma.json')!.async('string')).toContain(OLA.email);
    // Tabular data also comes as CSV, one file per table, listed in the manifest.
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    const csvFiles = Object.keys(zip.files).filter((name) => name.endsWith('.csv'));
    expect(csvFiles.length).toBeGreaterThan(0);
    expect(manifest.systems.flatMap((system: { files: string[] }) => system.files)).toEqual(expect.arrayContaining(csvFiles));
    const firstCsv = await zip.file(csvFiles[0])!.async('string');
    expect(firstCsv.split('\n').length).toBeGreaterThan(1);

    const html = pageText(await zip.file('answer.html')!.async('string'));
    for (const system of ['Zendesk Support', 'Visma Business NXT', 'HubSpot CRM']) expect(html).toContain(`Processing: ${system}`);
    for (const label of [
      'Purposes',
      'Categories of data',
      'Legal basis',
      'Recipients',
      'Retention',
      'Source',
      'Automated decisions and profiling',
      'Transfers outside the EEA and safeguards',
    ]) {
      expect(html.split(`${label} `).length - 1).toBeGreaterThanOrEqual(3);
    }
    expect(html).toContain('Revisor AS (auditor)');
    expect(html).toContain('USA (Zendesk Inc.) under EU standard contractual clauses');
    expect(html).toContain('segmentation of newsletter recipients by e-mail opens');
    expect(html).toContain('the newsletter sign-up form');
    expect(html).toContain('5 years; bokføringsloven § 13');
    expect(html).toContain('until the person objects');
    for (const right of ['Rectification', 'Erasure', 'Restriction', 'Objection', 'Datatilsynet', 'court']) expect(html).toContain(right);
    expect((await zip.file('answer.pdf')!.async('nodebuffer')).subarray(0, 5).toString()).toBe('%PDF-');
    const processing = JSON.parse(await zip.file('processing.json')!.async('string'));
    expect(processing.processings).toHaveLength(3);

    // The code worked once; again it is refused, and the page says why.
    const again = await browser.post(enter.action, { _csrf: enter.csrf, code });
    expect(again.status).toBe(400);
    expect(pageText(await again.text())).toContain('The code has already been used');
    const audit = await (await env.client.get(`/api/v1/cases/${reference}/audit`)).json();
    const types = audit.items.map((event: { type: string }) => event.type);
    expect(types).toEqual(expect.arrayContaining(['answer.package_built', 'answer.letter_stored', 'answer.code_sent', 'answer.downloaded', 'case.completed']));
    const downloads = await env.stack.dataSource.query('SELECT count(*)::int AS n FROM answer_downloads WHERE case_id = $1', [id]);
    expect(downloads[0].n).toBe(1);
    expect(answerPath).toMatch(/^\/answer\//);
  });

  it('answers in Norwegian with every element, and locks after three wrong codes and tells the person', async () => {
    const { reference, id } = await caseFor('access', SIGRID, 'nb');
    await reviewed(reference);
    await complete(reference);
    const { browser, code, enter } = await downloadAnswer(reference, SIGRID.email);

    const row = await env.stack.dataSource.getRepository(AnswerPackageEntity).findOneOrFail({ where: { caseId: id } });
    const zip = await JSZip.loadAsync(env.stack.context.get(PackageBuilderService).open(row));
    const html = pageText(await zip.file('answer.html')!.async('string'));
    for (const label of [
      'Formål',
      'Kategorier av opplysninger',
      'Behandlingsgrunnlag',
      'Mottakere',
      'Lagringstid',
      'Kilde',
      'Automatiserte avgjørelser og profilering',
      'Overføring utenfor EØS og garantier',
    ]) {
      expect(html.split(`${label} `).length - 1).toBeGreaterThanOrEqual(3);
    }
    expect(html).toContain('5 år; bokføringsloven § 13');
    expect(html).toContain('Klage til Datatilsynet');
    expect(html).toContain('domstolene');

    const wrong = code === '00000000' ? '11111111' : '00000000';
    const first = await browser.post(enter.action, { _csrf: enter.csrf, code: wrong });
    expect(first.status).toBe(400);
    expect(pageText(await first.text())).toContain('Du har 2 forsøk igjen');
    expect((await browser.post(enter.action, { _csrf: enter.csrf, code: wrong })).status).toBe(400);
    const third = await browser.post(enter.action, { _csrf: enter.csrf, code: wrong });
    expect(third.status).toBe(423);
    const body = await notAZip(third);
    expect(pageText(body)).toContain('Nedlastingen er sperret');
    // Even the right code no longer opens it.
    expect((await browser.post(enter.action, { _csrf: enter.csrf, code })).status).toBe(423);
    const locked = await env.smtp.waitFor((mail) => mail.to.includes(SIGRID.email) && mail.subject.includes('sperret'));
    expect(locked.text).toContain('tre ganger');
  });

  it('refuses a code from another case, a forged link and a missing CSRF token, disclosing nothing', async () => {
    const a = await caseFor('access', LARS, 'en');
    await reviewed(a.reference);
    await complete(a.reference);
    const first = await downloadAnswer(a.reference, LARS.email);

    const b = await caseFor('portability', INGRID, 'en');
    await reviewed(b.reference);
    await complete(b.reference);
    const second = await downloadAnswer(b.reference, INGRID.email);

    // Lars's code at Ingrid's link is just a wrong code there.
    const crossed = await second.browser.post(second.enter.action, { _csrf: second.enter.csrf, code: first.code });
    expect(crossed.status).toBe(400);
    expect(pageText(await crossed.text())).toContain('Wrong code');

    const forged = await first.browser.get(`${first.answerPath.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(400);
    expect(pageText(forged.html)).toContain('Lenken virker ikke');
    const statusToken = /\/status\/([A-Za-z0-9_-]+)/.exec(first.letter.text)![1];
    expect((await first.browser.get(`/answer/${statusToken}`)).status).toBe(400);
    const noCsrf = await new Browser(env.stack.url).post(first.enter.action, { code: first.code });
    expect(noCsrf.status).toBe(403);

    // Portability: machine-readable only, portable systems only.
    const ok = await second.browser.post(second.enter.action, { _csrf: second.enter.csrf, code: second.code });
    expect(ok.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await ok.arrayBuffer()));
    const names = Object.keys(zip.files)
      .filter((name) => !zip.files[name].dir)
      .sort();
    expect(names.some((name) => name.endsWith('.pdf') || name.endsWith('.html'))).toBe(false);
    expect(names).toEqual(expect.arrayContaining(['data/visma.json', 'data/zendesk.json', 'manifest.json']));
    expect(names.some((name) => name.startsWith('data/hubspot'))).toBe(false);
  });

  it('refuses a download code past PACKAGE_CODE_TTL_MINUTES with a clear page and no download', async () => {
    const { reference } = await caseFor('access', LARS, 'en');
    await reviewed(reference);
    await complete(reference);
    const { browser, code, enter } = await downloadAnswer(reference, LARS.email);
    clock.advance((env.stack.config.PACKAGE_CODE_TTL_MINUTES + 1) * 60_000);
    try {
      const late = await browser.post(enter.action, { _csrf: enter.csrf, code });
      expect(late.status).toBe(400);
      expect(late.headers.get('content-type')).toMatch(/^text\/html/);
      const body = await notAZip(late);
      expect(pageText(body)).toContain('The code has expired');
      expect(pageText(body)).toContain('Ask for a new one');
    } finally {
      clock.set(new Date());
    }
  });

  it('deletes the package when the download period ends (delayed job, and reconciliation for a lost job)', async () => {
    const { reference, id } = await caseFor('access', KARI, 'en');
    await reviewed(reference);
    await complete(reference);
    const { browser, answerPath, enter, code } = await downloadAnswer(reference, KARI.email);
    const row = await env.stack.dataSource.getRepository(AnswerPackageEntity).findOneOrFail({ where: { caseId: id } });
    const queue = env.stack.context.get<Queue>(getQueueToken(QueueName.Answers), { strict: false });
    const job = await queue.getJob(`package-expiry-${row.id}`);
    expect(await job?.getState()).toBe('delayed');

    // Run early: it goes back to waiting and nothing is deleted.
    await job!.promote();
    await drainQueues(env.stack.context, [QueueName.Answers]);
    expect((await env.stack.dataSource.getRepository(AnswerPackageEntity).findOneOrFail({ where: { id: row.id } })).deletedAt).toBeNull();

    clock.advance(31 * 24 * 3600_000);
    const rearmed = await queue.getJob(`package-expiry-${row.id}`);
    await rearmed!.promote();
    await drainQueues(env.stack.context, [QueueName.Answers]);
    const after = await env.stack.dataSource.getRepository(AnswerPackageEntity).findOneOrFail({ where: { id: row.id } });
    expect(after.deletedAt).not.toBeNull();
    expect(after.ciphertext).toBeNull();

    const page = await browser.get(answerPath);
    expect(page.status).toBe(410);
    expect(pageText(page.html)).toContain('can no longer be downloaded');
    const late = await browser.post(enter.action, { _csrf: enter.csrf, code });
    expect(late.status).toBe(410);
    const status = await browser.get(
      new URL(
        linkIn(
          await env.smtp.waitFor((mail) => mail.to.includes(KARI.email) && mail.subject.includes(reference) && ANSWER_SUBJECT.test(mail.subject)),
          'status',
          env.stack.url,
        ),
      ).pathname,
    );
    expect(status.html).not.toMatch(/\/answer\//);
    clock.set(new Date());
  });

  it('reconciliation deletes a package whose job Redis lost', async () => {
    const { reference, id } = await caseFor('access', OLA, 'nb');
    await reviewed(reference);
    await complete(reference);
    const row = await env.stack.dataSource.getRepository(AnswerPackageEntity).findOneOrFail({ where: { caseId: id } });
    const queue = env.stack.context.get<Queue>(getQueueToken(QueueName.Answers), { strict: false });
    await (await queue.getJob(`package-expiry-${row.id}`))!.remove();
    const report = await env.stack.context.get(ReconciliationService).reconcile();
    expect(report.passes['answer-packages']).toBeGreaterThanOrEqual(1);
    expect(await (await queue.getJob(`package-expiry-${row.id}`))?.getState()).toBe('delayed');
    clock.advance(31 * 24 * 3600_000);
    await env.stack.context.get(ReconciliationService).reconcile();
    expect((await env.stack.dataSource.getRepository(AnswerPackageEntity).findOneOrFail({ where: { id: row.id } })).deletedAt).not.toBeNull();
    clock.set(new Date());
  });
});
