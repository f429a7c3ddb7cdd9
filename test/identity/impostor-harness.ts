import JSZip from 'jszip';
import { readFileSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { parse, stringify } from 'yaml';
import { api, simulatorSecrets, startSimulators, writeDataMap, type Api, type Simulators } from '../fanout/fanout-stack';
import { linkIn, postJson } from '../intake/intake-helpers';
import { Browser, codeIn, formOn } from '../responses/answer-stack';
import { drainQueues } from '../support/queues';
import { SmtpCapture, type CapturedMail } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { reseedPeople, victimNeedles, victimState, type Seeded } from './impostor-people';

/** The request types whose fan-out waits for a handler's approval in the suite's data map. */
export const APPROVAL_REQUIRED = ['erasure', 'rectification'];

/** What a busy handler writes when rejecting a "possible match": the contract asks for a reason. */
export const REJECT_REASON = 'Found only through details the requester typed; the record belongs to someone else.';

export interface ImpostorStack {
  sims: Simulators;
  app: TestApp;
  smtp: SmtpCapture;
  staff: Api;
  /** Kari's ids in the simulators, from the last reseed. */
  seeded: Seeded;
  /** Puts Kari and Mallory back as they were; returns Kari's state to compare with afterwards. */
  reseed(): unknown;
  victim(): unknown;
  close(): Promise<void>;
}

/** One app, one SMTP server and the three simulators for a whole spec file. */
export async function startImpostorStack(prefix: string): Promise<ImpostorStack> {
  const secrets = simulatorSecrets(prefix);
  Object.assign(process.env, secrets);
  const sims = await startSimulators();
  const smtp = new SmtpCapture();
  const app = await startTestApp({
    env: {
      SMTP_URL: await smtp.start(),
      SYSTEMS_FILE: withHubSpotCustomerNumbers(writeDataMap(sims, prefix, ['zendesk', 'visma', 'hubspot'], APPROVAL_REQUIRED)),
      TASK_BACKOFF_MS: '100',
      TASK_ATTEMPTS: '3',
      CONNECTOR_INLINE_RETRY_WAIT_MS: '0',
      TASK_RATE_LIMITS: 'zendesk=100/1000,visma=100/1000,hubspot=100/1000',
      PACKAGE_KEY: Buffer.alloc(32, 9).toString('base64'),
      INTAKE_RATE_LIMIT_PER_MINUTE: '1000',
    },
  });
  const auth = await adminAuth(app.url);
  const stack: ImpostorStack = {
    sims,
    app,
    smtp,
    staff: api(app.url, () => auth),
    seeded: reseedPeople(sims),
    reseed: () => {
      stack.seeded = reseedPeople(sims);
      return victimState(sims, stack.seeded);
    },
    victim: () => victimState(sims, stack.seeded),
    close: async () => {
      await app.close();
      await sims.close();
      await smtp.stop();
      for (const name of Object.keys(secrets)) delete process.env[name];
    },
  };
  return stack;
}

/** The company keeps its customer number on HubSpot contacts too, so HubSpot can be searched by it. */
function withHubSpotCustomerNumbers(file: string): string {
  const map = parse(readFileSync(file, 'utf8'));
  for (const system of map.systems) if (system.id === 'hubspot') system.connection.customerNumberProperty = 'customer_number';
  writeFileSync(file, stringify(map));
  return file;
}

/** What the attacker types into the public request API. */
export interface Attempt {
  type: 'access' | 'portability' | 'erasure' | 'rectification' | 'restriction' | 'objection';
  /** The mailbox that receives the verification link. */
  email: string;
  name?: string;
  phone?: string;
  customerNumber?: string;
  address?: string;
  details?: Record<string, unknown>;
}

export interface Filed {
  reference: string;
  email: string;
  verifyUrl: string;
  statusPath: string;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const mailTo = (mail: CapturedMail, email: string) => mail.to.some((to) => same(to, email));

/** Files the request and waits for its verification e-mail (sent to `attempt.email`). */
export async function fileRequest(stack: ImpostorStack, attempt: Attempt): Promise<Filed> {
  const { address, ...fields } = attempt;
  const body: Record<string, unknown> = { ...fields, language: 'en' };
  let response = await postJson(`${stack.app.url}/api/v1/requests`, address ? { ...body, address } : body);
  if (address && response.status === 400) {
    // Where the form has no address field, the attacker writes it in the free text instead.
    const problems = ((await response.json()).details ?? []) as Array<{ field: string }>;
    expect(problems.map((problem) => problem.field)).toEqual(['address']);
    const details = typeof body.details === 'object' && body.details ? (body.details as Record<string, unknown>) : {};
    response = await postJson(`${stack.app.url}/api/v1/requests`, { ...body, details: { ...details, text: `My address: ${address}` } });
  }
  expect(response.status).toBe(202);
  const { reference } = (await response.json()) as { reference: string };
  const mail = await stack.smtp.waitFor((candidate) => mailTo(candidate, attempt.email) && candidate.subject.includes(reference));
  return {
    reference,
    email: attempt.email,
    verifyUrl: linkIn(mail, 'verify', stack.app.url),
    statusPath: new URL(linkIn(mail, 'status', stack.app.url)).pathname,
  };
}

/** The attacker clicks the link in her own mailbox and confirms. */
export async function confirm(filed: Filed): Promise<void> {
  expect((await fetch(filed.verifyUrl)).status).toBe(200);
  expect((await fetch(filed.verifyUrl, { method: 'POST' })).status).toBe(200);
}

/**
 * What an attacker tries on the status page when the engine offers to prove a claimed detail: ask
 * for codes (they go to the contact details on file, i.e. to Kari) and guess. Where the page offers
 * no proof, there is nothing to try.
 */
export async function guessProofCodes(stack: ImpostorStack, filed: Filed): Promise<void> {
  const browser = new Browser(stack.app.url);
  const page = await browser.get(filed.statusPath);
  if (!/action="[^"]*\/prove"/.test(page.html)) return;
  const ask = formOn(page.html, '/prove');
  const asked = await browser.post(ask.action, { _csrf: ask.csrf });
  const codePage = await asked.text();
  if (!/action="[^"]*\/prove\/code"/.test(codePage)) return;
  const enter = formOn(codePage, '/prove/code');
  for (const guess of ['000000', '123456', '00000000']) await browser.post(enter.action, { _csrf: enter.csrf, code: guess });
}

interface CaseView {
  status: string;
  tasks: Array<{ id: string; system: string; status: string }>;
  records?: Array<{ id: string; status: string }>;
  recordSearch?: Array<{ system: string; status: string }>;
}

const CLOSED = ['completed', 'rejected', 'withdrawn'];

/**
 * The routine a busy handler follows until the case is answered: reject every "possible match"
 * with a reason (a victim's record is never the attacker's), approve where the data map asks
 * once the search is done, record "nothing found" for any task left to a person, and complete.
 * A case without `records` (an engine without the identity model) simply proceeds.
 */
export async function handleAsStaff(stack: ImpostorStack, reference: string, type: Attempt['type'], timeoutMs = 45_000): Promise<CaseView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await stack.staff.get(`/api/v1/cases/${reference}`);
    expect(response.status).toBe(200);
    const last = (await response.json()) as CaseView;
    if (CLOSED.includes(last.status)) return last;
    let undecided = 0;
    for (const record of last.records ?? []) {
      if (record.status !== 'candidate') continue;
      undecided += 1;
      const rejected = await stack.staff.post(`/api/v1/cases/${reference}/records/${record.id}/reject`, { reason: REJECT_REASON });
      expect([200, 201]).toContain(rejected.status);
    }
    const searching = (last.recordSearch ?? []).some((search) => search.status === 'pending');
    if (!undecided && !searching) {
      // Asked again whenever nothing runs yet: a refusal (say, the records changed since) is a 409
      // that changes nothing, and an approval of a changed record set is what the handler would give.
      if (APPROVAL_REQUIRED.includes(type) && last.status === 'in_progress' && last.tasks.length === 0) {
        await stack.staff.post(`/api/v1/cases/${reference}/approve`, {});
      }
      for (const task of last.tasks.filter((candidate) => candidate.status === 'manual')) {
        await stack.staff.post(`/api/v1/cases/${reference}/tasks/${task.id}/outcome`, {
          status: 'not_found',
          summary: 'Checked by hand: nothing of this requester to change here.',
        });
      }
      if (last.status === 'awaiting_review') {
        const completed = await stack.staff.post(`/api/v1/cases/${reference}/complete`, {});
        expect(completed.status).toBe(200);
      }
    }
    if (Date.now() > deadline) throw new Error(`case ${reference} was never answered: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export interface PackageFile {
  name: string;
  text: string;
}

/**
 * The answer package as the requester gets it: the status page's download link, a one-time code
 * e-mailed to her, the zip. Every file as text; a PDF's compressed streams are inflated too.
 * No download link (nothing to send) → no files.
 */
export async function downloadPackage(stack: ImpostorStack, filed: Filed): Promise<PackageFile[]> {
  const browser = new Browser(stack.app.url);
  const status = await browser.get(filed.statusPath);
  expect(status.status).toBe(200);
  const answerLink = /href="(http[^"]+\/answer\/[A-Za-z0-9_-]+)"/.exec(status.html)?.[1];
  if (!answerLink) return [];
  const landing = await browser.get(new URL(answerLink).pathname);
  const ask = formOn(landing.html, '/code');
  const sent = await browser.post(ask.action, { _csrf: ask.csrf });
  expect(sent.status).toBe(200);
  const codePage = await sent.text();
  const codeMail = await stack.smtp.waitFor((mail) => mailTo(mail, filed.email) && mail.subject.includes(filed.reference) && /kode|code/i.test(mail.subject));
  const enter = formOn(codePage, '/download');
  const download = await browser.post(enter.action, { _csrf: enter.csrf, code: codeIn(codeMail) });
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('application/zip');
  const zip = await JSZip.loadAsync(Buffer.from(await download.arrayBuffer()));
  const files: PackageFile[] = [];
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    const bytes = await entry.async('nodebuffer');
    files.push({ name, text: name.endsWith('.pdf') ? pdfText(bytes) : bytes.toString('utf8') });
  }
  return files;
}

/** A PDF's bytes with every Flate stream inflated, so text the PDF draws can be searched. */
function pdfText(bytes: Buffer): string {
  const raw = bytes.toString('latin1');
  const parts = [raw];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    try {
      parts.push(inflateSync(Buffer.from(match[1], 'latin1')).toString('latin1'));
    } catch {
      // Not a Flate stream (an image, a font): nothing to read.
    }
  }
  return parts.join('\n');
}

/** Every e-mail the attacker's mailboxes received since message number `since`, whatever it is about. */
export function mailsFor(stack: ImpostorStack, emails: string[], since: number): CapturedMail[] {
  return stack.smtp.messages.slice(since).filter((mail) => emails.some((email) => mailTo(mail, email)));
}

/** Waits for the answer letter to the attacker and for every queued e-mail to be sent. */
export async function lettersDelivered(stack: ImpostorStack, filed: Filed): Promise<void> {
  await stack.smtp.waitFor(
    (mail) => mailTo(mail, filed.email) && mail.subject.includes(filed.reference) && !/confirm|bekreft|received|mottatt/i.test(mail.subject),
  );
  await drainQueues(stack.app.context);
}

/**
 * Everything of Kari's found in what the attacker received, as "where: what" lines (empty = none).
 * The attacker's own addresses are cut out first: `kari.nordmann@example.no.evil.example` is
 * hers, though it contains Kari's address.
 */
export function leaksOfKari(
  received: { mails: CapturedMail[]; files: PackageFile[] },
  attacker: { emails: string[]; typed?: Parameters<typeof victimNeedles>[0] },
): string[] {
  const own = attacker.emails.map((email) => new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'));
  const scrub = (text: string) => own.reduce((result, pattern) => result.replace(pattern, '[attacker]'), text);
  const places: Array<{ where: string; text: string }> = [
    ...received.mails.map((mail) => ({
      where: `e-mail "${mail.subject}"`,
      text: [mail.subject, mail.text, mail.html, ...mail.parsed.attachments.map((attachment) => attachment.content.toString('utf8'))].join('\n'),
    })),
    ...received.files.map((file) => ({ where: `package ${file.name}`, text: file.text })),
  ];
  const needles = victimNeedles(attacker.typed);
  return places.flatMap(({ where, text }) => {
    const clean = scrub(text);
    return needles.filter((needle) => needle.test(clean)).map((needle) => `${where}: Kari's ${needle.what}`);
  });
}

export interface AttackResult {
  filed: Filed;
  files: PackageFile[];
  leaks: string[];
  before: unknown;
  after: unknown;
}

/**
 * One whole attack: Kari and Mallory reseeded, the request filed and confirmed from the attacker's
 * own mailbox, proof codes guessed, the case handled by staff as routine and completed, the
 * package downloaded where there is one. Returns what reached the attacker and Kari's state
 * before and after.
 */
export async function runAttack(stack: ImpostorStack, attempt: Attempt, typed: Parameters<typeof victimNeedles>[0] = {}): Promise<AttackResult> {
  const before = stack.reseed();
  const since = stack.smtp.messages.length;
  const filed = await fileRequest(stack, attempt);
  await confirm(filed);
  await guessProofCodes(stack, filed);
  const final = await handleAsStaff(stack, filed.reference, attempt.type);
  expect(final.status).toBe('completed');
  await lettersDelivered(stack, filed);
  const files = ['access', 'portability'].includes(attempt.type) ? await downloadPackage(stack, filed) : [];
  await drainQueues(stack.app.context);
  const leaks = leaksOfKari({ mails: mailsFor(stack, [attempt.email], since), files }, { emails: [attempt.email], typed });
  return { filed, files, leaks, before, after: stack.victim() };
}
