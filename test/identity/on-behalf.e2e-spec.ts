import { RepresentationService } from '../../src/representation/representation.service';
import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { linkIn, postJson } from '../intake/intake-helpers';
import { onBehalfBody, PDF, smallDataMap, type OnBehalfFields } from './on-behalf-support';

const DAY_MS = 24 * 3600_000;

/** Requests on someone else's behalf through the public API, and staff's decision on the authority. */
describe('requests on someone else’s behalf (API)', () => {
  const clock = new FixedClock(new Date());
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    stack = await startTestApp({
      clock,
      env: {
        SMTP_URL: await smtp.start(),
        SYSTEMS_FILE: smallDataMap(),
        INTAKE_RATE_LIMIT_PER_MINUTE: '1000',
        PACKAGE_KEY: Buffer.alloc(32, 9).toString('base64'),
      },
    });
    auth = await adminAuth(stack.url);
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const staff = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    fetch(`${stack.url}${path}`, {
      method,
      headers: { ...auth, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const caseJson = async (reference: string) => (await (await staff('GET', `/api/v1/cases/${reference}`)).json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the case JSON, read field by field below
  const count = async (sql: string, params: unknown[]) => (await stack.dataSource.query(sql, params))[0].n as number;

  /** Sends the request and confirms it from the representative's mailbox, as they would. */
  const submitted = async (fields: OnBehalfFields = {}): Promise<{ reference: string; id: string }> => {
    const response = await fetch(`${stack.url}/api/v1/requests`, {
      method: 'POST',
      body: onBehalfBody(fields, { bytes: PDF, type: 'application/pdf', name: 'fullmakt.pdf' }),
    });
    expect(response.status).toBe(202);
    const { reference } = (await response.json()) as { reference: string };
    const representative = fields.representative?.email ?? 'ola@advokat.example';
    const verification = await smtp.waitFor((mail) => mail.to.includes(representative) && mail.text.includes(reference) && /\/verify\//.test(mail.text));
    expect((await fetch(linkIn(verification, 'verify', stack.url), { method: 'POST' })).status).toBe(200);
    const body = await caseJson(reference);
    expect(body.status).toBe('in_progress');
    return { reference, id: body.id };
  };

  const settleTasks = async (reference: string) => {
    let tasks: Array<{ id: string; status: string }> = [];
    // A manual task waits for its owner once its e-mail is out.
    const ready = () => tasks.length > 0 && tasks.every((task) => task.status === 'manual');
    for (let attempt = 0; attempt < 200 && !ready(); attempt++) {
      tasks = (await caseJson(reference)).tasks;
      if (!ready()) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) {
      const recorded = await staff('POST', `/api/v1/cases/${reference}/tasks/${task.id}/outcome`, {
        status: 'not_found',
        summary: 'No calls from that number in the log.',
      });
      expect(recorded.status).toBe(200);
    }
  };

  it('sends the verification to the representative and runs nothing until staff accept the authority', async () => {
    const { reference, id } = await submitted({ subject: { name: 'Kari Nordmann', email: 'kari@example.no', phone: '912 34 567' } });
    // The person the data is about hears nothing from a request they did not make.
    expect(smtp.to('kari@example.no')).toHaveLength(0);

    const waiting = await caseJson(reference);
    expect(waiting.representation).toEqual({
      name: 'Ola Advokat',
      email: 'ola@advokat.example',
      relationship: 'power_of_attorney',
      coversAnswer: false,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      reason: null,
      document: { type: 'application/pdf', size: PDF.length, deleted: false },
    });
    expect(waiting.subject).toEqual({ name: 'Kari Nordmann', email: 'kari@example.no', phone: '912 34 567' });
    expect(waiting.tasks).toEqual([]);
    expect(await count('SELECT count(*)::int AS n FROM case_tasks WHERE case_id = $1', [id])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM case_record_discoveries WHERE case_id = $1', [id])).toBe(0);
    const claimed = await stack.dataSource.query('SELECT kind, basis FROM case_identifiers WHERE case_id = $1 ORDER BY kind', [id]);
    expect(claimed).toEqual([
      { kind: 'email', basis: 'claimed' },
      { kind: 'name', basis: 'claimed' },
      { kind: 'phone', basis: 'claimed' },
    ]);
    const completing = await staff('POST', `/api/v1/cases/${reference}/complete`, {});
    expect(completing.status).toBe(409);

    // At rest the document is ciphertext; the handler's download is the file as sent.
    const [row] = await stack.dataSource.query('SELECT document_ciphertext FROM case_representations WHERE case_id = $1', [id]);
    const stored = row.document_ciphertext as Buffer;
    expect(stored.length).toBe(PDF.length);
    expect(stored.equals(PDF)).toBe(false);
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored.includes(Buffer.from('Fullmakt'))).toBe(false);
    const download = await staff('GET', `/api/v1/cases/${reference}/authority/document`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${reference}-authority.pdf"`);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const accepted = await staff('POST', `/api/v1/cases/${reference}/authority/accept`, { reason: 'Signed power of attorney, checked against the ID copy' });
    expect(accepted.status).toBe(200);
    expect((await accepted.json()).representation).toMatchObject({
      status: 'accepted',
      coversAnswer: false,
      reason: 'Signed power of attorney, checked against the ID copy',
    });
    const identifiers = await stack.dataSource.query('SELECT basis, method, reason FROM case_identifiers WHERE case_id = $1', [id]);
    expect(identifiers).toHaveLength(3);
    for (const identifier of identifiers) {
      expect(identifier).toEqual({
        basis: 'staff_confirmed',
        method: 'authority document checked',
        reason: 'Signed power of attorney, checked against the ID copy',
      });
    }
    await settleTasks(reference);
    expect((await caseJson(reference)).status).toBe('awaiting_review');
    const again = await staff('POST', `/api/v1/cases/${reference}/authority/accept`, { reason: 'Second look at the document' });
    expect(again.status).toBe(409);

    // The audit trail says what was decided, never who the people are.
    const audit = (await (await staff('GET', `/api/v1/cases/${reference}/audit`)).json()).items as Array<{ type: string; data: unknown }>;
    expect(audit.map((event) => event.type)).toEqual(
      expect.arrayContaining(['authority.submitted', 'authority.accepted', 'identity.established', 'authority.document_downloaded']),
    );
    const trail = JSON.stringify(audit);
    for (const personal of ['Kari', 'kari@example.no', 'Ola Advokat', 'ola@advokat.example', '912 34 567']) expect(trail).not.toContain(personal);
  });

  it('refusing the authority closes the case with a letter to the representative, and nothing ever ran', async () => {
    const { reference, id } = await submitted({
      subject: { name: 'Per Hansen', email: 'per@example.no' },
      representative: { name: 'Mona Mallory', email: 'mona@evil.example', relationship: 'other' },
    });
    const refused = await staff('POST', `/api/v1/cases/${reference}/authority/reject`, { reason: 'The document is not signed by Per Hansen' });
    expect(refused.status).toBe(200);
    const body = await refused.json();
    expect(body.status).toBe('rejected');
    expect(body.rejection).toEqual({ reasonCode: 'authority_not_accepted', reason: 'The document is not signed by Per Hansen' });
    expect(body.representation).toMatchObject({ status: 'rejected', reason: 'The document is not signed by Per Hansen' });
    const letter = await smtp.waitFor(
      (mail) =>
        mail.to.includes('mona@evil.example') && mail.text.includes(reference) && mail.text.includes('could not accept the document showing your authority'),
    );
    expect(letter.text).toContain('The person can ask us themselves');
    expect(smtp.to('per@example.no')).toHaveLength(0);
    expect(await count('SELECT count(*)::int AS n FROM case_tasks WHERE case_id = $1', [id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM case_identifiers WHERE case_id = $1 AND basis <> 'claimed'`, [id])).toBe(0);
    expect((await staff('POST', `/api/v1/cases/${reference}/authority/accept`, { reason: 'Changed my mind about it' })).status).toBe(409);
  });

  it('refuses a document that is not a PDF, JPEG or PNG, one over 10 MB, and a missing one, naming the field', async () => {
    const before = await count('SELECT count(*)::int AS n FROM cases', []);
    const html = Buffer.from('<html><script>alert(1)</script>%PDF-1.4</html>');
    const wrongType = await fetch(`${stack.url}/api/v1/requests`, {
      method: 'POST',
      body: onBehalfBody({}, { bytes: html, type: 'application/pdf', name: 'fullmakt.pdf' }),
    });
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).details).toEqual([
      { field: 'authorityDocument', problem: 'must be a PDF, JPEG or PNG file (checked by its content, not its name)' },
    ]);

    const huge = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await fetch(`${stack.url}/api/v1/requests`, {
      method: 'POST',
      body: onBehalfBody({}, { bytes: huge, type: 'application/pdf', name: 'fullmakt.pdf' }),
    });
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).details).toEqual([{ field: 'authorityDocument', problem: 'is too large (at most 10 MB)' }]);

    const missing = await fetch(`${stack.url}/api/v1/requests`, { method: 'POST', body: onBehalfBody({}, null) });
    expect(missing.status).toBe(400);
    expect((await missing.json()).details.map((detail: { field: string }) => detail.field)).toEqual(['authorityDocument']);

    const json = await postJson(`${stack.url}/api/v1/requests`, {
      type: 'access',
      name: 'Kari Nordmann',
      onBehalf: { name: 'Ola', email: 'ola@advokat.example', relationship: 'uncle' },
    });
    expect(json.status).toBe(400);
    expect((await json.json()).details.map((detail: { field: string }) => detail.field).sort()).toEqual(['authorityDocument', 'onBehalf.relationship']);
    expect(await count('SELECT count(*)::int AS n FROM cases', [])).toBe(before);
  });

  it('sends the answer to the person the data is about, unless the accepted authority covers receiving it', async () => {
    const forSubject = await submitted({
      subject: { name: 'Ingrid Dahl', email: 'ingrid@example.no' },
      representative: { name: 'Mor Dahl', email: 'mor@example.no', relationship: 'parent_guardian', coversAnswer: true },
    });
    // The representative said the authority covers the answer; the handler read it otherwise.
    expect(
      (await staff('POST', `/api/v1/cases/${forSubject.reference}/authority/accept`, { reason: 'Parental responsibility shown', coversAnswer: false })).status,
    ).toBe(200);
    await settleTasks(forSubject.reference);
    expect((await staff('POST', `/api/v1/cases/${forSubject.reference}/complete`, {})).status).toBe(200);
    const toSubject = await smtp.waitFor((mail) => mail.subject.includes(forSubject.reference) && mail.to.includes('ingrid@example.no'));
    expect(toSubject.text).toContain(forSubject.reference);
    expect(smtp.to('mor@example.no').filter((mail) => /answer|svar/i.test(mail.subject) && !/received|mottatt/i.test(mail.subject))).toHaveLength(0);

    const forLawyer = await submitted({
      subject: { name: 'Jon Berg', email: 'jon@example.no' },
      representative: { name: 'Advokat Lie', email: 'lie@advokat.example', coversAnswer: false },
    });
    expect(
      (await staff('POST', `/api/v1/cases/${forLawyer.reference}/authority/accept`, { reason: 'Fullmakt covers receiving the answer', coversAnswer: true }))
        .status,
    ).toBe(200);
    await settleTasks(forLawyer.reference);
    expect((await staff('POST', `/api/v1/cases/${forLawyer.reference}/complete`, {})).status).toBe(200);
    const [toLawyer] = await stack.dataSource.query(
      `SELECT e.to_address AS "to" FROM case_answer_letters l JOIN outbound_emails e ON e.id = l.outbound_email_id WHERE l.case_id = $1`,
      [forLawyer.id],
    );
    expect(toLawyer.to).toBe('lie@advokat.example');
    expect(smtp.to('jon@example.no')).toHaveLength(0);

    // No e-mail for the person and an authority that does not cover the answer: it goes by post.
    const byPost = await submitted({
      subject: { name: 'Lille Lise' },
      representative: { name: 'Far Lise', email: 'far@example.no', relationship: 'parent_guardian' },
    });
    expect((await staff('POST', `/api/v1/cases/${byPost.reference}/authority/accept`, { reason: 'Birth certificate shows parenthood' })).status).toBe(200);
    await settleTasks(byPost.reference);
    expect((await staff('POST', `/api/v1/cases/${byPost.reference}/complete`, {})).status).toBe(200);
    const [posted] = await stack.dataSource.query('SELECT delivery FROM case_answer_letters WHERE case_id = $1', [byPost.id]);
    expect(posted.delivery).toBe('post');
  });

  it('deletes the document when the answer’s download period has passed, and the whole row with its case', async () => {
    const { reference, id } = await submitted({ subject: { name: 'Siri Moe', email: 'siri@example.no' } });
    expect((await staff('POST', `/api/v1/cases/${reference}/authority/reject`, { reason: 'Expired power of attorney' })).status).toBe(200);
    const representations = stack.context.get(RepresentationService);
    await representations.deleteExpiredDocuments();
    expect(await count('SELECT count(*)::int AS n FROM case_representations WHERE case_id = $1 AND document_ciphertext IS NOT NULL', [id])).toBe(1);
    clock.advance(31 * DAY_MS);
    try {
      expect(await representations.deleteExpiredDocuments()).toBeGreaterThanOrEqual(1);
    } finally {
      clock.advance(-31 * DAY_MS);
    }
    expect((await caseJson(reference)).representation.document).toEqual({ type: 'application/pdf', size: PDF.length, deleted: true });
    expect((await staff('GET', `/api/v1/cases/${reference}/authority/document`)).status).toBe(409);

    const other = await submitted({ subject: { name: 'Tor Moe', email: 'tor@example.no' } });
    await stack.dataSource.query('DELETE FROM cases WHERE id = $1', [other.id]);
    expect(await count('SELECT count(*)::int AS n FROM case_representations WHERE case_id = $1', [other.id])).toBe(0);
  });
});
