import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { dayInWords } from '../../src/common/request-type-words';
import { registration, searchDone, waitForCase } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { checkClaims } from '../support/letter-claims';
import type { CapturedMail } from '../support/smtp-capture';
import { useSimulatorStack } from './simulator-stack';
import { factsFromCase, letterMail } from './true-letters-stack';

const PREFIX = 'LETTERS_E2E';
const [KARI, OLA, INGRID, LARS, SIGRID] = NORWEGIAN_PEOPLE;

/** Visma gets a recipient without an e-mail contact (told by other means) and the company's note field. */
function withVismaExtras(file: string): string {
  const map = parse(readFileSync(file, 'utf8'));
  const visma = map.systems.find((system: { id: string }) => system.id === 'visma');
  visma.recipients.push('Inkasso Nord AS (debt collection)');
  visma.connection.annotationField = 'memo';
  writeFileSync(file, stringify(map));
  return file;
}

describe('answer letters and Art 19 notices against the simulators', () => {
  const env = useSimulatorStack(PREFIX, { dataMap: withVismaExtras });

  const register = async (type: string, person: (typeof NORWEGIAN_PEOPLE)[number], language: 'nb' | 'en', details: Record<string, unknown> = {}) => {
    const response = await env.client.post('/api/v1/cases', { ...registration(type, person, details), language });
    expect(response.status).toBe(201);
    return (await response.json()) as { reference: string; id: string };
  };
  const NAMES = { zendesk: 'Zendesk Support', visma: 'Visma Business NXT', hubspot: 'HubSpot CRM' };
  /** The delivered letter states exactly the dispositions the connectors recorded (read back from the case). */
  const expectTrue = async (reference: string, mail: CapturedMail, known: Parameters<typeof factsFromCase>[1] = {}) => {
    const body = await (await env.client.get(`/api/v1/cases/${reference}`)).json();
    expect(checkClaims(factsFromCase(body, { names: NAMES, ...known }), { subject: mail.subject, text: mail.text.replace(/\r\n/g, '\n') })).toEqual({
      orphans: [],
      unstated: [],
    });
    return body as { id: string; tasks: Array<{ system: string; outcome?: { summary?: string; dispositions?: Array<{ kind: string }> } }> };
  };
  /** Completion waits for the recipient without an e-mail contact: told by other means or waived (Art 19). */
  const settleRecipients = async (reference: string, how: 'done' | 'waive') => {
    const refused = await env.client.post(`/api/v1/cases/${reference}/complete`, {});
    expect(refused.status).toBe(409);
    expect((await refused.json()).code).toBe('recipients_untold');
    const { items } = await (await env.client.get(`/api/v1/cases/${reference}/recipient-tasks`)).json();
    expect(items.map((item: { recipient: string }) => item.recipient)).toEqual(['Inkasso Nord AS']);
    const body = how === 'done' ? { how: 'Phoned their case officer on 4 December.' } : { reason: 'The debt collector holds no file on this person.' };
    expect((await env.client.post(`/api/v1/cases/${reference}/recipient-tasks/${items[0].id}/${how}`, body)).status).toBe(200);
  };
  /** What the connectors wrote for staff never reaches the requester's e-mail. */
  const expectNoSummaries = (mail: CapturedMail, tasks: Array<{ outcome?: { summary?: string } }>) => {
    for (const task of tasks) if (task.outcome?.summary) expect(mail.text).not.toContain(task.outcome.summary);
    for (const internal of ['record(s)', 'user #', 'GDPR art.']) expect(mail.text).not.toContain(internal);
  };

  const toReview = async (reference: string, approve: boolean) => {
    // Approval is of the records found: once every system's search is done.
    if (approve) await waitForCase(env.client, reference, searchDone);
    if (approve) expect((await env.client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    return waitForCase(env.client, reference, (body) => (body as unknown as { status: string }).status === 'awaiting_review');
  };

  it('erasure: the letter states what the connectors recorded and nothing the summaries say, and the recipients get their notice', async () => {
    const { reference, id } = await register('erasure', KARI, 'nb');
    await toReview(reference, true);
    const preview = await (await env.client.get(`/api/v1/cases/${reference}/letter`)).json();
    expect(preview.notices.map((notice: { email: string }) => notice.email).sort()).toEqual(['privacy@zendesk.example', 'revisjon@revisor.example']);
    // No contact for the debt collector: staff see it to tell it by other means (Zendesk's and HubSpot's processors are reached through their APIs).
    expect(preview.notNotified).toEqual([{ name: 'Inkasso Nord AS', system: 'Visma Business NXT' }]);

    await settleRecipients(reference, 'waive');
    expect((await env.client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const letter = await letterMail(env.stack, env.smtp, id, KARI.email);
    const notified = preview.notices.map((notice: { name: string; system: string }) => ({ name: notice.name, system: notice.system }));
    const body = await expectTrue(reference, letter, { notified });
    expectNoSummaries(letter, body.tasks);
    // "Erased" only where a connector recorded an erasure or anonymisation.
    const erased = body.tasks.some((task) => task.outcome?.dispositions?.some((item) => ['erased', 'anonymised'].includes(item.kind)));
    expect(/slettet/.test(letter.subject)).toBe(erased);
    expect(letter.text).toContain('Revisor AS (Visma Business NXT)');
    expect(letter.text).toContain('Datatilsynet, Postboks 458 Sentrum, 0105 Oslo, https://www.datatilsynet.no');
    expect(letter.text).toContain('domstolene');
    expect(letter.html).toContain('<li>Revisor AS (Visma Business NXT)</li>');
    // Recipients not yet told are neither named nor promised anything.
    expect(letter.text).not.toContain('Inkasso Nord AS');
    expect(letter.text).not.toContain('annen måte');

    for (const recipient of ['revisjon@revisor.example', 'privacy@zendesk.example']) {
      const notice = await env.smtp.waitFor((mail) => mail.to.includes(recipient) && mail.subject.includes(reference));
      expect(notice.subject).toContain('art. 19');
      expect(notice.text).toMatch(/[Ss]lettet/);
      expect(notice.text).toContain(KARI.email);
    }
    const audit = await (await env.client.get(`/api/v1/cases/${reference}/audit`)).json();
    const notifiedEvents = audit.items.filter((event: { type: string }) => event.type === 'answer.recipient_notified');
    expect(notifiedEvents.map((event: { data: { recipient: string } }) => event.data.recipient).sort()).toEqual(['Revisor AS', 'Zendesk Inc.']);
    const waived = audit.items.filter((event: { type: string }) => event.type === 'answer.recipient_waived');
    expect(waived.map((event: { data: { system: string; recipient: string } }) => [event.data.system, event.data.recipient])).toEqual([
      ['visma', 'Inkasso Nord AS'],
    ]);
    expect(JSON.stringify(audit.items)).not.toContain(KARI.email);
  });

  it('refusal: previewed and edited before rejecting, stored with the rejection, with reasons, Datatilsynet and the courts', async () => {
    const { reference, id } = await register('access', LARS, 'en');
    await toReview(reference, false);
    const reason = 'This is the fourth identical request in two months; the last answer was sent on 3 November.';
    const query = `kind=refusal&reasonCode=excessive&reason=${encodeURIComponent(reason)}`;
    const preview = await (await env.client.get(`/api/v1/cases/${reference}/letter?${query}`)).json();
    expect(preview.kind).toBe('refusal');
    expect(preview.text).toContain('We consider the request excessive');
    expect(preview.text).toContain(reason);
    expect(preview.text).toMatch(/status page: http:\/\/\S+\/status\//);
    expect((await env.client.get(`/api/v1/cases/${reference}/letter?kind=refusal`)).status).toBe(400);

    // An edit that drops the remedies is refused and names what must stay.
    const withoutRemedies = preview.text
      .split('\n')
      .filter((line: string) => !/Datatilsynet|court/.test(line))
      .join('\n');
    const refused = await env.client.post(`/api/v1/cases/${reference}/letter`, { kind: 'refusal', reasonCode: 'excessive', reason, text: withoutRemedies });
    expect(refused.status).toBe(400);
    const problem = await refused.json();
    expect(problem.details[0].field).toBe('text');
    expect(problem.message).toContain('Complaint to Datatilsynet');
    const edited = preview.text.replace('We cannot grant your request.', 'We cannot grant your request. We are sorry for the trouble.');
    expect((await env.client.post(`/api/v1/cases/${reference}/letter`, { kind: 'refusal', reasonCode: 'excessive', reason, text: edited })).status).toBe(200);
    // The answer letter's own draft is untouched by the refusal's.
    expect((await (await env.client.get(`/api/v1/cases/${reference}/letter`)).json()).edited).toBe(false);

    const rejected = await env.client.post(`/api/v1/cases/${reference}/reject`, { reasonCode: 'excessive', reason });
    expect(rejected.status).toBe(200);
    const letter = await env.smtp.waitFor((mail) => mail.to.includes(LARS.email) && mail.subject.includes('Our answer to your request'));
    expect(letter.text).toContain('We are sorry for the trouble.');
    expect(letter.text).toContain('We consider the request excessive');
    expect(letter.text).toContain('the fourth identical request in two months');
    expect(letter.text).toContain(
      'Datatilsynet (the Norwegian Data Protection Authority), Postboks 458 Sentrum, 0105 Oslo, Norway, https://www.datatilsynet.no',
    );
    expect(letter.text).toContain('you may also take the matter to court (Art 79)');

    // Stored in the rejecting transaction: exactly one letter and one e-mail, named in the rejection's own audit event.
    const stored = await env.stack.dataSource.query(`SELECT kind, delivery, text_body FROM case_answer_letters WHERE case_id = $1`, [id]);
    expect(stored).toEqual([expect.objectContaining({ kind: 'refusal', delivery: 'email' })]);
    expect(stored[0].text_body).toBe(letter.text);
    const mails = await env.stack.dataSource.query(`SELECT count(*)::int AS n FROM outbound_emails WHERE case_id = $1 AND kind = 'answer-refusal'`, [id]);
    expect(mails[0].n).toBe(1);
    const audit = await (await env.client.get(`/api/v1/cases/${reference}/audit`)).json();
    expect(audit.items.find((event: { type: string }) => event.type === 'case.rejected').data).toEqual(
      expect.objectContaining({ letterKind: 'refusal', letterEdited: true }),
    );
    expect(audit.items.filter((event: { type: string }) => event.type === 'answer.letter_stored')).toHaveLength(1);
  });

  it('rectification: only what a connector recorded as corrected is claimed, an edited subject is what goes out, recipients told', async () => {
    const { reference, id } = await register('rectification', INGRID, 'en', { field: 'phone', correctedValue: '+4799999999' });
    await toReview(reference, true);
    await settleRecipients(reference, 'done');
    const preview = await (await env.client.get(`/api/v1/cases/${reference}/letter`)).json();
    expect(preview.text).not.toContain('previous value');
    expect((await env.client.post(`/api/v1/cases/${reference}/letter`, { subject: 'Your phone number is corrected' })).status).toBe(200);
    expect((await env.client.post(`/api/v1/cases/${reference}/letter`, {})).status).toBe(400);
    expect((await env.client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const letter = await env.smtp.waitFor((mail) => mail.to.includes(INGRID.email) && mail.subject === 'Your phone number is corrected');
    // Told by other means: the letter may say so.
    expect(letter.text).toContain('Inkasso Nord AS (Visma Business NXT)');
    const stored = (await env.stack.dataSource.query(`SELECT text_body FROM case_answer_letters WHERE case_id = $1`, [id])) as Array<{ text_body: string }>;
    expect(stored[0].text_body).toBe(preview.text);
    const body = await (await env.client.get(`/api/v1/cases/${reference}`)).json();
    const corrected = body.tasks.some((task: { outcome?: { dispositions?: Array<{ kind: string }> } }) =>
      task.outcome?.dispositions?.some((item) => item.kind === 'corrected'),
    );
    // Corrected somewhere: old → new; corrected nowhere: said plainly, never claimed.
    if (corrected) expect(letter.text).toMatch(/phone number in .+: .* → \+4799999999/);
    else expect(letter.text).toContain('No change was made to phone number.');
    expectNoSummaries(letter, body.tasks);
    const notice = await env.smtp.waitFor((mail) => mail.to.includes('revisjon@revisor.example') && mail.subject.includes(reference));
    expect(notice.text).toMatch(/telefonnummer \(.+\): .* → \+4799999999/);
  });

  it('rectification of a misspelt name: corrected and noted on the Visma customer record; the letter states only the recorded dispositions; no old values in the trail', async () => {
    // The requester gives their name as it should be: the case knows only the corrected spelling.
    const { reference } = await register('rectification', { ...SIGRID, name: 'Sigrid Larssen' }, 'en', { field: 'name', correctedValue: 'Sigrid Larssen' });
    await toReview(reference, true);
    const preview = await (await env.client.get(`/api/v1/cases/${reference}/letter`)).json();
    // The dated note beside the issued invoices is not a correction of data: the letter claims none for it.
    expect(preview.text).not.toContain('dated note');
    expect(preview.notNotified).toEqual([{ name: 'Inkasso Nord AS', system: 'Visma Business NXT' }]);
    const customer = env.sims.visma.state.associates.find((row) => row.associateNo === 5)!;
    expect(customer.name).toBe('Sigrid Larssen');
    expect(customer.memo).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}: corrected at the data subject's request \\(${reference}\\): name$`));

    await settleRecipients(reference, 'waive');
    expect((await env.client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const letter = await letterMail(env.stack, env.smtp, (await (await env.client.get(`/api/v1/cases/${reference}`)).json()).id, SIGRID.email);
    const notified = preview.notices.map((notice: { name: string; system: string }) => ({ name: notice.name, system: notice.system }));
    const body = await expectTrue(reference, letter, { notified });
    expectNoSummaries(letter, body.tasks);
    expect(letter.text).not.toContain('other means');
    const audit = await (await env.client.get(`/api/v1/cases/${reference}/audit`)).json();
    expect(audit.items.some((event: { type: string }) => event.type === 'answer.recipient_waived')).toBe(true);
    expect(JSON.stringify(audit.items)).not.toContain('Larsen');
  });

  it('objection to direct marketing: each suppression is dated from the day its task finished, not the day of the letter', async () => {
    const { reference, id } = await register('objection', OLA, 'en', { processing: 'direct_marketing' });
    await toReview(reference, false);
    // HubSpot's task stopped the marketing three days before the answer is written.
    const earlier = new Date(Date.now() - 3 * 24 * 3600_000);
    await env.stack.dataSource.query(`UPDATE case_tasks SET finished_at = $2 WHERE case_id = $1 AND system_id = 'hubspot'`, [id, earlier]);
    const osloIso = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(instant);
    const preview = await (await env.client.get(`/api/v1/cases/${reference}/letter`)).json();
    expect(preview.text).not.toMatch(/every channel|all direct marketing/);
    const body = await (await env.client.get(`/api/v1/cases/${reference}`)).json();
    const finishedOn = { hubspot: osloIso(earlier), visma: osloIso(new Date()), zendesk: osloIso(new Date()) };
    expect(checkClaims(factsFromCase(body, { names: NAMES, finishedOn }), preview)).toEqual({ orphans: [], unstated: [] });
    if (preview.text.includes('- HubSpot CRM, ')) expect(preview.text).toContain(`from ${dayInWords(osloIso(earlier), 'en')}`);
  });

  it('complete answers 409 while a task is still open, and the letter API needs a signed-in handler', async () => {
    const { reference, id } = await register('access', OLA, 'en');
    await toReview(reference, false);
    await env.stack.dataSource.query(
      `INSERT INTO case_tasks (case_id, system_id, connector_type, action, status) VALUES ($1, 'paper', 'manual', 'manual', 'manual')`,
      [id],
    );
    const refused = await env.client.post(`/api/v1/cases/${reference}/complete`, {});
    expect(refused.status).toBe(409);
    expect((await refused.json()).message).toContain('still running or waiting for a person');
    const still = await (await env.client.get(`/api/v1/cases/${reference}`)).json();
    expect(still.status).toBe('awaiting_review');
    expect((await fetch(`${env.stack.url}/api/v1/cases/${reference}/letter`)).status).toBe(401);
  });
});
