import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, type TestApp } from '../support/test-app';
import { openForm, pageText } from '../intake/intake-helpers';
import { PDF, smallDataMap } from './on-behalf-support';

/** The public form's "I am asking for someone else", posted as a browser does: multipart/form-data. */
describe('requests on someone else’s behalf (form)', () => {
  const clock = new FixedClock(new Date());
  const smtp = new SmtpCapture();
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: smallDataMap(), INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  /** The fields in the form's own order; the file is the form's last input. */
  const post = async (path: string, fields: Record<string, string>, file: { bytes: Buffer; type: string; name: string } | null) => {
    const form = await openForm(stack.url, path);
    const body = new FormData();
    for (const [name, value] of Object.entries({ _csrf: form.csrf, idempotencyKey: form.key, ...fields })) body.append(name, value);
    if (file) body.append('authorityDocument', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    return fetch(`${stack.url}${path}`, { method: 'POST', headers: { Cookie: form.cookies }, body });
  };
  const typed = {
    lang: 'en',
    type: 'access',
    name: 'Kari Nordmann',
    email: 'kari@example.no',
    phone: '912 34 567',
    onBehalf: 'yes',
    representativeName: 'Ola Advokat',
    representativeEmail: 'ola@advokat.example',
    relationship: 'power_of_attorney',
    coversAnswer: 'yes',
  };
  const cases = async () => (await stack.dataSource.query('SELECT count(*)::int AS n FROM cases'))[0].n as number;

  it('offers the section, with the form sent as multipart so a file can go with it', async () => {
    const form = await openForm(stack.url, '/?lang=en');
    expect(form.html).toContain('enctype="multipart/form-data"');
    expect(pageText(form.html)).toContain('I am asking on behalf of someone else');
    expect(form.html).toMatch(/<input id="field-authorityDocument" name="authorityDocument" type="file" accept="application\/pdf,image\/jpeg,image\/png"/);
  });

  it('takes a request with a PDF authority and sends the confirmation link to the representative', async () => {
    const response = await post('/?lang=en', typed, { bytes: PDF, type: 'application/pdf', name: 'fullmakt.pdf' });
    expect(response.status).toBe(200);
    expect(pageText(await response.text())).toContain('ola@advokat.example');
    const mail = await smtp.waitFor((message) => message.to.includes('ola@advokat.example') && /\/verify\//.test(message.text));
    const reference = /DSR-\d{4}-\d{6}/.exec(mail.text)![0];
    const [row] = await stack.dataSource.query(
      `SELECT r.name, r.email, r.relationship, r.covers_answer AS "coversAnswer", r.status, r.document_type AS "documentType", c.subject_email AS "subjectEmail", c.subject_name AS "subjectName"
         FROM case_representations r JOIN cases c ON c.id = r.case_id WHERE c.reference = $1`,
      [reference],
    );
    expect(row).toEqual({
      name: 'Ola Advokat',
      email: 'ola@advokat.example',
      relationship: 'power_of_attorney',
      coversAnswer: true,
      status: 'pending',
      documentType: 'application/pdf',
      subjectEmail: 'kari@example.no',
      subjectName: 'Kari Nordmann',
    });
    expect(smtp.to('kari@example.no')).toHaveLength(0);
  });

  it('shows the form again with what was typed when the file is the wrong type or missing (400)', async () => {
    const before = await cases();
    const wrong = await post('/?lang=en', typed, { bytes: Buffer.from('GIF89a not a document'), type: 'application/pdf', name: 'fullmakt.pdf' });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(pageText(html)).toContain('Power of attorney or other proof: the file must be a PDF, JPEG or PNG');
    expect(html).toContain('<a href="#field-authorityDocument">');
    for (const value of ['Kari Nordmann', 'kari@example.no', 'Ola Advokat', 'ola@advokat.example']) expect(html).toContain(`value="${value}"`);
    expect(html).toMatch(/id="field-onBehalf"[^>]* checked/);
    expect(html).toMatch(/id="relationship-power_of_attorney"[^>]* checked/);
    expect(html).toMatch(/id="field-coversAnswer"[^>]* checked/);

    const missing = await post('/?lang=en', typed, null);
    expect(missing.status).toBe(400);
    expect(pageText(await missing.text())).toContain('attach the power of attorney or other proof');
    expect(await cases()).toBe(before);
  });

  it('shows the form again with 413 and what was typed when the file is over 10 MB', async () => {
    const before = await cases();
    const huge = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const response = await post('/?lang=en', typed, { bytes: huge, type: 'application/pdf', name: 'fullmakt.pdf' });
    expect(response.status).toBe(413);
    const html = await response.text();
    expect(pageText(html)).toContain('Power of attorney or other proof: the file is too large, at most 10 MB');
    expect(html).toContain('value="Ola Advokat"');
    expect(html).toContain('value="kari@example.no"');
    expect(await cases()).toBe(before);
  });

  it('asks for the representative’s details and the person’s name when the box is ticked', async () => {
    const response = await post('/?lang=en', { lang: 'en', type: 'access', onBehalf: 'yes' }, { bytes: PDF, type: 'application/pdf', name: 'fullmakt.pdf' });
    expect(response.status).toBe(400);
    const text = pageText(await response.text());
    expect(text).toContain('Your name: fill in this field');
    expect(text).toContain('Your e-mail address: fill in this field');
    expect(text).toContain('What are you to the person?: fill in this field');
  });
});
