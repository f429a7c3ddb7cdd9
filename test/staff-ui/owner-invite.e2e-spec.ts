import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { api, registration, waitForCase, type Api } from '../fanout/fanout-stack';
import { pageText } from '../intake/intake-helpers';
import { SmtpCapture, type CapturedMail } from '../support/smtp-capture';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { createStaffUser, SessionClient } from './staff-session-client';

const OWNER = 'eier@firma.example';
const common = {
  connector: 'manual',
  categories: ['kundekort'],
  purposes: ['kundeservice'],
  legalBasis: 'GDPR art. 6(1)(b) contract',
  retention: { period: 'P1Y6M' },
};

function dataMap(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-owners-')), 'systems.yaml');
  writeFileSync(
    file,
    stringify({
      controller: { name: 'Firma AS', email: 'personvern@firma.example' },
      policy: { approvalRequired: [] },
      systems: [
        { id: 'phone-log', name: 'Telefonlogg', owner: 'Eier@Firma.example', ...common },
        { id: 'paper', name: 'Papirarkiv', owner: OWNER, ...common, retention: { criteria: 'til kunden sier opp avtalen' } },
        { id: 'cctv', name: 'Kameraovervåking', owner: 'sikkerhet@firma.example', ...common, portable: true, legalBasis: 'GDPR art. 6(1)(f)' },
        { id: 'shop', name: 'Nettbutikk', owner: TEST_ADMIN.email, ...common },
      ],
    }),
  );
  return file;
}

/**
 * Onboarding system owners: the data-map page warns of every owner address without an account it
 * can use and explains each system and warning; an admin invites an owner, who gets an e-mail with
 * a single-use link, chooses a password, signs in as owner and sees the task of their system.
 */
describe('system owners: warned, invited, signed in', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let client: Api;
  let admin: SessionClient;

  beforeAll(async () => {
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: dataMap() } });
    client = api(stack.url, await adminAuth(stack.url).then((auth) => () => auth));
    // A deactivated account is as good as none.
    await createStaffUser(stack, 'sikkerhet@firma.example', 'owner');
    await stack.dataSource.query(`UPDATE staff_users SET active = false WHERE email = 'sikkerhet@firma.example'`);
    admin = new SessionClient(stack.url);
    expect((await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const ownersOnPage = async (session = admin) => {
    const html = await (await session.get('/staff/systems')).text();
    const section = /<section class="card" data-testid="owners">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    return { html, text: pageText(html), owners: pageText(section) };
  };
  const inviteMails = () => smtp.messages.filter((mail) => mail.to.includes(OWNER));
  const linkIn = (mail: CapturedMail) => /http:\/\/\S+\/staff\/password-reset\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0];

  it('the data-map page explains every system and warning in plain words, and lists the owners without a usable account', async () => {
    const { text, owners } = await ownersOnPage();
    expect(owners).toContain(`${OWNER} – Systemeieren har ingen konto og kan ikke se oppgavene sine i løsningen. Systemer: Telefonlogg, Papirarkiv Inviter`);
    expect(owners).toContain(
      'sikkerhet@firma.example – Systemeierens konto er deaktivert; oppgavene kan ikke registreres av dem. Systemer: Kameraovervåking Inviter',
    );
    expect(owners).not.toContain(TEST_ADMIN.email);
    for (const plain of [
      'Telefonlogg inneholder: kundekort.',
      'Vi bruker opplysningene til: kundeservice.',
      'Lagringstid: 1 år og 6 måneder.',
      'Lagres til: til kunden sier opp avtalen.',
      'Ingen kobling: systemeieren får en oppgave på e-post',
      'Ved sletting: Systemeieren sletter selv og registrerer hva som ble slettet og hva som beholdes.',
      'Ved begrensning: Systemeieren begrenser bruken selv og registrerer hvordan.',
      'Systemeieren har konto og ser oppgavene sine under «Mine oppgaver».',
      // The start-up warning, with what it means and what to do.
      'cctv.portable: rettslig grunnlag «GDPR art. 6(1)(f)» er verken samtykke eller avtale',
      'Hva det betyr Systemet er merket som portabelt, men grunnlaget er verken samtykke eller avtale.',
      'Hva dere gjør Fjern «portable: true», eller rett det rettslige grunnlaget hvis det er feil.',
    ]) {
      expect(text).toContain(plain);
    }

    // The auditor (the DPO) reads the same warnings but has no invite button.
    await createStaffUser(stack, 'dpo@firma.example', 'auditor');
    const auditor = new SessionClient(stack.url);
    await auditor.signIn('dpo@firma.example');
    await auditor.submit('/staff/systems', '/staff/language', { language: 'en', next: '/staff/systems' });
    const read = await ownersOnPage(auditor);
    expect(read.owners).toContain(`${OWNER} – The system owner has no account and cannot see their tasks in the service. Systems: Telefonlogg, Papirarkiv`);
    expect(read.html).not.toContain('action="/staff/systems/owners/invite"');
    expect(read.text).toContain('Kept for: 1 year and 6 months.');
    expect((await auditor.submit('/staff/systems', '/staff/systems/owners/invite', { email: OWNER })).status).toBe(403);
  });

  it('an invitation creates one owner account and e-mails a link; inviting again re-sends, never a second account', async () => {
    const refused = await admin.submit('/staff/systems', '/staff/systems/owners/invite', { email: 'someone@firma.example' });
    expect(refused.status).toBe(400);
    expect(pageText(await refused.text())).toContain('Adressen er ikke systemeier i datakartet.');

    const first = await admin.submit('/staff/systems', '/staff/systems/owners/invite', { email: OWNER });
    expect(first.status).toBe(303);
    expect(pageText(await (await admin.get(first.headers.get('location')!)).text())).toContain(`Invitasjonen er sendt til ${OWNER}.`);
    const { owners } = await ownersOnPage();
    expect(owners).toContain(
      `${OWNER} – Systemeieren er invitert, men har ikke valgt passord ennå. Systemer: Telefonlogg, Papirarkiv Send invitasjonen på nytt`,
    );
    const mail = await smtp.waitFor((candidate) => candidate.to.includes(OWNER));
    expect(mail.subject).toBe('Invitasjon: systemeier i innsynsløsningen');
    expect(mail.text).toContain('Datakartet oppgir deg som systemeier for: Telefonlogg, Papirarkiv.');
    expect(mail.text).toContain('Den virker én gang, i 7 dager:');
    expect(mail.text).not.toContain('The data map names you');

    expect((await admin.submit('/staff/systems', '/staff/systems/owners/invite', { email: OWNER })).status).toBe(303);
    await smtp.waitFor(() => inviteMails().length === 2);
    const accounts = await stack.dataSource.query(`SELECT role, active FROM staff_users WHERE email = $1`, [OWNER]);
    expect(accounts).toEqual([{ role: 'owner', active: true }]);
    const events = await stack.dataSource.query(
      `SELECT type, data FROM audit_events WHERE type IN ('staff.owner_invited', 'staff.user_created') ORDER BY occurred_at, id`,
    );
    const invited = events.filter((event: { type: string }) => event.type === 'staff.owner_invited');
    expect(invited.map((event: { data: { systems: string[]; resent: boolean } }) => [event.data.systems, event.data.resent])).toEqual([
      [['phone-log', 'paper'], false],
      [['phone-log', 'paper'], true],
    ]);
    expect(JSON.stringify(events)).not.toContain(OWNER);

    // The reactivated account keeps its one row, too.
    expect((await admin.submit('/staff/systems', '/staff/systems/owners/invite', { email: 'sikkerhet@firma.example' })).status).toBe(303);
    expect(await stack.dataSource.query(`SELECT active FROM staff_users WHERE email = 'sikkerhet@firma.example'`)).toEqual([{ active: true }]);
  });

  it('the owner sets a password through the link, signs in as owner and sees the task of their system', async () => {
    const [firstMail, secondMail] = inviteMails();
    const link = linkIn(secondMail);
    const owner = new SessionClient(stack.url);
    const path = new URL(link).pathname;
    expect((await owner.get(path)).status).toBe(200);
    const password = 'sommerfugl i vinterland 2026';
    const chosen = await owner.submit(path, path, { new: password });
    expect(chosen.status).toBe(303);
    // Single use: this link and the earlier one are spent.
    expect((await owner.get(path)).status).toBe(410);
    expect((await owner.get(new URL(linkIn(firstMail)).pathname)).status).toBe(410);

    const registered = await client.post('/api/v1/cases', registration('access', { email: 'kari.eier@example.no', name: 'Kari Nordmann' }));
    const { reference } = (await registered.json()) as { reference: string };
    await waitForCase(client, reference, (body) => body.tasks.some((task) => task.system === 'phone-log' && task.status === 'manual'));

    const signedIn = await owner.signIn(OWNER, password);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/staff/tasks');
    const tasks = pageText(await (await owner.get('/staff/tasks')).text());
    expect(tasks).toContain(reference);
    expect(tasks).toContain('Telefonlogg');
    expect(tasks).not.toContain('Kameraovervåking');

    // Onboarded: no longer warned, and a further invitation is refused.
    expect((await ownersOnPage()).owners).not.toContain(OWNER);
    const again = await admin.submit('/staff/systems', '/staff/systems/owners/invite', { email: OWNER });
    expect(again.status).toBe(409);
    expect(pageText(await again.text())).toContain('Systemeieren har allerede en konto i bruk.');
  });
});
