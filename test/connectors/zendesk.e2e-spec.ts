import { randomUUID } from 'node:crypto';
import type { Disposition } from '../../src/common/dispositions/disposition';
import { dispositionProblems } from '../../src/common/dispositions/disposition.schema';
import type { ExportPart, Outcome, SystemContext } from '../../src/connectors/connector';
import { ConnectorAuthError, ConnectorError, RateLimitedError } from '../../src/connectors/connector-errors';
import { ZendeskConnector } from '../../src/connectors/zendesk/zendesk.connector';
import {
  startZendeskSimulator,
  ZENDESK_SIMULATOR_CREDENTIALS,
  type ZendeskSimulator,
  type ZendeskSimulatorOptions,
} from '../simulators/zendesk/zendesk-simulator';

const SECRETS: Record<string, string> = {
  ZENDESK_CLIENT_ID: ZENDESK_SIMULATOR_CREDENTIALS.oauth.clientId,
  ZENDESK_CLIENT_SECRET: ZENDESK_SIMULATOR_CREDENTIALS.oauth.clientSecret,
  ZENDESK_WRONG_SECRET: 'not-the-secret',
  ZENDESK_EMAIL: ZENDESK_SIMULATOR_CREDENTIALS.apiToken.email,
  ZENDESK_API_TOKEN: ZENDESK_SIMULATOR_CREDENTIALS.apiToken.token,
  ZENDESK_WRONG_TOKEN: 'wrong-token',
};

function context(baseUrl: string, connection: Record<string, unknown> = {}): SystemContext {
  return {
    systemId: `zendesk-${randomUUID()}`,
    connection: { baseUrl, auth: 'oauth', clientIdEnv: 'ZENDESK_CLIENT_ID', clientSecretEnv: 'ZENDESK_CLIENT_SECRET', ...connection },
    secret(name) {
      const value = SECRETS[name];
      if (value === undefined) throw new Error(`no secret ${name}`);
      return value;
    },
  };
}

const apiTokenConnection = { auth: 'api_token', emailEnv: 'ZENDESK_EMAIL', apiTokenEnv: 'ZENDESK_API_TOKEN' };
const noHolds = { legalHolds: [] };
const fullyRedacted = (text: string) => /^[\s▇]+$/.test(text);

/** The dispositions an outcome or export carries, checked against the shape the recorder stores (a malformed list would be dropped there). */
function dispositionsOf(result: Outcome | ExportPart): Disposition[] | undefined {
  const list = (result as { dispositions?: Disposition[] }).dispositions;
  expect(dispositionProblems(list)).toEqual([]);
  return list;
}

describe('ZendeskConnector against the Zendesk simulator', () => {
  let sim: ZendeskSimulator;
  let ctx: SystemContext;
  const connector = new ZendeskConnector();

  let running = false;

  async function stop() {
    if (running) await sim.close();
    running = false;
  }

  /** A fresh simulator (each test starts with one; a test may restart it with other options). */
  async function start(options: ZendeskSimulatorOptions = {}, connection: Record<string, unknown> = {}) {
    await stop();
    sim = await startZendeskSimulator(options);
    running = true;
    ctx = context(sim.baseUrl, connection);
  }

  beforeEach(() => start());
  afterEach(() => stop());

  describe('find', () => {
    it('acts only on an exact e-mail match, never on what the partial search also returns', async () => {
      const kari = sim.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      sim.state.addUser({ name: 'Evil Kari', email: 'kari@example.no.evil.com' });
      sim.state.addUser({ name: 'Akari', email: 'akari@example.no' });

      const search = await fetch(`${sim.baseUrl}/api/v2/users/search.json?query=${encodeURIComponent('email:kari@example.no')}`, {
        headers: { Authorization: `Basic ${Buffer.from(`${SECRETS.ZENDESK_EMAIL}/token:${SECRETS.ZENDESK_API_TOKEN}`).toString('base64')}` },
      });
      expect(((await search.json()) as { users: unknown[] }).users).toHaveLength(3);

      expect(await connector.find(ctx, { email: 'Kari@Example.NO' })).toEqual([
        { externalId: String(kari.id), kind: 'user', label: `Zendesk end-user #${kari.id}`, holds: { emails: ['kari@example.no'], names: ['Kari Nordmann'] } },
      ]);
    });

    it('finds nothing, and erases nothing, when only partial matches exist', async () => {
      const evil = sim.state.addUser({ name: 'Evil Kari', email: 'kari@example.no.evil.com' });
      const akari = sim.state.addUser({ name: 'Akari', email: 'akari@example.no' });

      expect(await connector.find(ctx, { email: 'kari@example.no' })).toEqual([]);
      expect((await connector.erase(ctx, { email: 'kari@example.no' }, noHolds)).status).toBe('not_found');
      expect(sim.calls.count('DELETE /api/v2/users/:id')).toBe(0);
      expect(sim.state.isLive(evil.id) && sim.state.isLive(akari.id)).toBe(true);
    });

    it('matches a secondary e-mail identity and follows search pages', async () => {
      await start({}, { pageSize: 2 });
      for (const prefix of ['a', 'b', 'c']) sim.state.addUser({ name: prefix, email: `${prefix}kari@example.no` });
      const kari = sim.state.addUser({ name: 'Kari', email: 'kari.work@example.com', emails: ['kari@example.no'] });

      expect((await connector.find(ctx, { email: 'kari@example.no' })).map((match) => match.externalId)).toEqual([String(kari.id)]);
      expect(sim.calls.count('GET /api/v2/users/search')).toBe(2);
    });

    it('tells what the user holds: every e-mail lower-cased, the phone in E.164, the name', async () => {
      const kari = sim.state.addUser({ name: 'Kari  Nordmann', email: 'Kari@Example.NO', emails: ['kari.work@firma.example'], phone: '912 34 567' });
      sim.state.addIdentity(kari.id, 'phone_number', 'ring meg');

      const [match] = await connector.find(ctx, { email: 'kari@example.no' });

      expect(match.holds).toEqual({ emails: ['kari@example.no', 'kari.work@firma.example'], phones: ['+4791234567'], names: ['Kari Nordmann'] });
    });

    it('finds one number however it was typed, and never a different or longer one', async () => {
      const spellings = ['912 34 567', '+47 91234567', '0047 912 34 567'];
      const holders = spellings.map((phone, index) => sim.state.addUser({ name: `Holder ${index}`, phone }));
      sim.state.addUser({ name: 'Neighbour', phone: '912 34 568' });
      sim.state.addUser({ name: 'Longer number', phone: '+47 912 34 5670' });
      sim.state.addUser({ name: 'Prefix', phone: '1912 34 567' });

      for (const given of ['+4791234567', ...spellings]) {
        const found = await connector.find(ctx, { phone: given });
        expect(found.map((match) => match.externalId).sort()).toEqual(holders.map((user) => String(user.id)).sort());
        expect(found.every((match) => match.holds?.phones?.includes('+4791234567'))).toBe(true);
      }
    });

    it('never searches a phone that is not a valid number, nor finds by a near-miss e-mail', async () => {
      sim.state.addUser({ name: 'Kari', email: 'kari.nordmann@example.no', phone: '912 34 567' });
      sim.state.addUser({ name: 'Plus', email: 'kari.nordmann+shop@example.no' });

      expect(await connector.find(ctx, { phone: '912 34' })).toEqual([]);
      expect(sim.calls.count('GET /api/v2/users/search')).toBe(0);
      for (const email of [
        'ari.nordmann@example.no',
        'kari.nordmann@example.no.evil.example',
        'kari.nordmann+x@example.no',
        'nordmann@example.no',
        'kari.nordmann@example',
      ]) {
        expect(await connector.find(ctx, { email })).toEqual([]);
      }
      expect((await connector.find(ctx, { email: 'kari.nordmann+shop@example.no' })).map((match) => match.holds?.emails)).toEqual([
        ['kari.nordmann+shop@example.no'],
      ]);
    });

    it('searches by phone when there is no e-mail, comparing every digit', async () => {
      const kari = sim.state.addUser({ name: 'Kari', phone: '+47 912 34 567' });
      sim.state.addUser({ name: 'Longer number', phone: '+47 912 34 5670' });

      expect((await connector.find(ctx, { phone: '0047 91234567' })).map((match) => match.externalId)).toEqual([String(kari.id)]);
      expect(await connector.find(ctx, { name: 'Kari' })).toEqual([]);
    });
  });

  describe('export', () => {
    it('collects the user, identities, requested and CC tickets with every comment across pages', async () => {
      await start({}, { pageSize: 2 });
      const kari = sim.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no', phone: '+4791234567' });
      const agent = sim.state.addUser({ name: 'Agent', email: 'agent@example.no', role: 'agent' });
      const other = sim.state.addUser({ name: 'Ola', email: 'ola@example.no' });
      for (let i = 0; i < 5; i++) {
        sim.state.addTicket({
          requesterId: kari.id,
          subject: `Order ${i}`,
          comments: [
            { authorId: kari.id, body: `Question ${i}` },
            { authorId: agent.id, body: `Answer ${i}` },
            { authorId: kari.id, body: `Thanks ${i}` },
          ],
        });
      }
      const cc = sim.state.addTicket({ requesterId: other.id, ccIds: [kari.id], status: 'open' });
      sim.state.addTicket({ requesterId: other.id, subject: 'Not about Kari' });

      const part = await connector.export(ctx, { email: 'kari@example.no' });

      expect(part.systemId).toBe(ctx.systemId);
      expect(part.tables?.tickets).toHaveLength(6);
      expect(part.tables?.tickets?.find((row) => row.ticket_id === cc.id)?.relation).toBe('cc');
      expect(part.tables?.comments).toHaveLength(16);
      expect(part.tables?.comments?.filter((row) => row.written_by_you)).toHaveLength(10);
      expect(part.tables?.identities?.map((row) => row.value).sort()).toEqual(['+4791234567', 'kari@example.no']);
      expect((part.data.tickets as Array<{ comments: unknown[] }>)[0].comments).toHaveLength(3);
      expect(part.recordCount).toBe(1 + 2 + 6 + 16);
      expect(dispositionsOf(part)).toEqual([
        { kind: 'disclosed', what: 'user', count: 1 },
        { kind: 'disclosed', what: 'ticket', count: 6 },
        { kind: 'disclosed', what: 'ticket-comment', count: 16 },
      ]);
      expect(JSON.stringify(part.data)).not.toContain('Not about Kari');
      expect(sim.calls.count('GET /api/v2/users/:id/tickets/requested')).toBe(3);
      expect(sim.calls.count('GET /api/v2/tickets/:id/comments')).toBe(5 * 2 + 1);
    });

    it('follows next_page when an account holds more tickets than one page of 100', async () => {
      const kari = sim.state.addUser({ name: 'Kari', email: 'kari@example.no' });
      for (let i = 0; i < 105; i++) sim.state.addTicket({ requesterId: kari.id });

      const part = await connector.export(ctx, { email: 'kari@example.no' });

      expect(part.tables?.tickets).toHaveLength(105);
      expect(sim.calls.count('GET /api/v2/users/:id/tickets/requested')).toBe(2);
    });

    it('reports nothing held for an unknown person', async () => {
      const part = await connector.export(ctx, { email: 'nobody@example.no' });
      expect(part.recordCount).toBe(0);
      expect(part.tables?.tickets).toEqual([]);
      expect(dispositionsOf(part)).toEqual([{ kind: 'not_held', reason: 'not_found' }]);
    });
  });

  describe('rectify', () => {
    it('corrects name and phone, replaces the e-mail as primary identity, and is idempotent', async () => {
      const kari = sim.state.addUser({ name: 'Kari Nordman', email: 'kari@example.no', phone: '+47 900 00 000' });
      const changes = { name: 'Kari Nordmann', phone: '+47 912 34 567', email: 'kari.nordmann@example.no' };

      const first = await connector.rectify(ctx, { email: 'kari@example.no' }, changes);
      expect(first).toMatchObject({
        status: 'done',
        summaryText: {
          en: `updated name, phone number, e-mail address on Zendesk user #${kari.id}`,
          nb: `oppdaterte navn, telefonnummer, e-postadresse på Zendesk-bruker #${kari.id}`,
        },
      });
      expect(first.summary).toBe(first.summaryText?.en);
      // What the user read held before the change, for the letter's "old → new" (not in the summary).
      expect(first).toMatchObject({ details: { previous: { name: ['Kari Nordman'], phone: ['+47 900 00 000'], email: ['kari@example.no'] } } });
      expect(first.summary).not.toContain('kari@example.no');
      expect(dispositionsOf(first)).toEqual([
        { kind: 'corrected', what: 'user', count: 1, field: 'name', old: 'Kari Nordman', new: 'Kari Nordmann' },
        { kind: 'corrected', what: 'user', count: 1, field: 'phone', old: '+47 900 00 000', new: '+47 912 34 567' },
        { kind: 'corrected', what: 'user', count: 1, field: 'email', old: 'kari@example.no', new: 'kari.nordmann@example.no' },
      ]);
      const snapshot = () => ({
        name: sim.state.users.get(kari.id)?.name,
        phone: sim.state.users.get(kari.id)?.phone,
        identities: sim.state.identitiesOf(kari.id).map(({ type, value, primary }) => ({ type, value, primary })),
      });
      const after = snapshot();
      expect(after).toEqual({
        name: 'Kari Nordmann',
        phone: '+47 912 34 567',
        identities: expect.arrayContaining([
          { type: 'email', value: 'kari.nordmann@example.no', primary: true },
          { type: 'phone_number', value: '+47 912 34 567', primary: true },
        ]),
      });
      expect(after.identities.some((identity) => identity.value === 'kari@example.no')).toBe(false);

      const second = await connector.rectify(ctx, { email: 'kari@example.no' }, changes);
      expect(second).toMatchObject({ status: 'done', summary: expect.stringContaining('already up to date'), details: { previous: {} } });
      expect(second.summaryText?.nb).toBe(`Zendesk-bruker #${kari.id} var allerede oppdatert`);
      // Nothing changed on the repeat: nothing is said to be corrected.
      expect(dispositionsOf(second)).toEqual([]);
      expect(snapshot()).toEqual(after);
      expect(sim.calls.count('PUT /api/v2/users/:id')).toBe(1);
      expect(sim.calls.count('POST /api/v2/users/:id/identities')).toBe(1);
    });

    it('hands fields Zendesk cannot hold to a person', async () => {
      sim.state.addUser({ name: 'Kari', email: 'kari@example.no' });
      const outcome = await connector.rectify(ctx, { email: 'kari@example.no' }, { name: 'Kari N', address: 'Storgata 1' });
      expect(outcome).toMatchObject({ status: 'manual', summary: expect.stringContaining('cannot change address') });
    });

    it('fails without retry when the new e-mail belongs to someone else', async () => {
      sim.state.addUser({ name: 'Kari', email: 'kari@example.no' });
      sim.state.addUser({ name: 'Ola', email: 'ola@example.no' });
      const outcome = await connector.rectify(ctx, { email: 'kari@example.no' }, { email: 'ola@example.no' });
      expect(outcome).toMatchObject({ status: 'failed', retryable: false });
    });
  });

  describe('erase', () => {
    it('finishes an erasure that stopped after the soft delete (search no longer shows the user)', async () => {
      const kari = sim.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      const other = sim.state.addUser({ name: 'Ola', email: 'ola@example.no' });
      // An earlier run was killed between the soft and the permanent delete; another person is soft-deleted too.
      sim.state.softDeletedUserIds.add(kari.id);
      sim.state.softDeletedUserIds.add(other.id);
      const outcome = await connector.erase(ctx, { email: 'kari@example.no' }, noHolds);
      expect(outcome.status).toBe('done');
      expect(sim.state.permanentlyDeletedUserIds.has(kari.id)).toBe(true);
      expect(sim.state.permanentlyDeletedUserIds.has(other.id)).toBe(false);
      expect(sim.calls.count('DELETE /api/v2/deleted_users/:id')).toBe(1);
      // Once permanently deleted there is nothing left to find.
      expect((await connector.erase(ctx, { email: 'kari@example.no' }, noHolds)).status).toBe('not_found');
    });

    it('an approved plan also finishes a user an interrupted run left soft-deleted', async () => {
      const kari = sim.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      sim.state.softDeletedUserIds.add(kari.id);
      const request = { action: 'erase' as const, reference: 'DSR-2026-000042', today: '2026-12-05' };
      const items = [{ ref: `user:${kari.id}`, recordType: 'user' as const, action: 'erase' as const, asProposed: true }];
      const outcome = await connector.execute(ctx, { email: 'kari@example.no' }, request, items);
      expect(outcome.status).toBe('done');
      // The plan's summary in both languages, counts with their own nouns and the user's id as it is.
      expect(outcome.summaryText?.en).toMatch(
        new RegExp(
          `^Zendesk plan executed: 0 tickets deleted, 0 comments of closed tickets redacted; Zendesk user #${kari.id}: 0 comments redacted; user soft-deleted and permanently deleted; `,
        ),
      );
      expect(outcome.summaryText?.nb).toMatch(
        new RegExp(
          `^Zendesk-planen er utført: 0 henvendelser slettet, 0 kommentarer i lukkede henvendelser sladdet; Zendesk-bruker #${kari.id}: 0 kommentarer sladdet; brukeren er deaktivert og slettet permanent; `,
        ),
      );
      expect(sim.state.permanentlyDeletedUserIds.has(kari.id)).toBe(true);
      expect(dispositionsOf(outcome)).toContainEqual(expect.objectContaining({ kind: 'erased', what: 'user' }));
    });

    it('reports a user with tickets that are not closed as failed, naming the tickets, and deletes nothing', async () => {
      const kari = sim.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      const open = sim.state.addTicket({ requesterId: kari.id, status: 'open' });
      const solved = sim.state.addTicket({ requesterId: kari.id, status: 'solved' });
      sim.state.addTicket({ requesterId: kari.id, status: 'closed' });

      const outcome = await connector.erase(ctx, { email: 'kari@example.no' }, noHolds);

      expect(outcome).toMatchObject({ status: 'failed', retryable: false });
      // The closed ticket's comment was redacted before Zendesk refused the user: that is said too.
      expect(sim.calls.count('PUT /api/v2/comment_redactions/:id')).toBe(1);
      expect(dispositionsOf(outcome)).toEqual([
        { kind: 'anonymised', what: 'ticket-comment', count: 1 },
        { kind: 'failed', what: 'user', reason: 'Zendesk does not delete a user who still has tickets that are not closed' },
      ]);
      expect(outcome.summary).toContain(`#${open.id}`);
      expect(outcome.summary).toContain(`#${solved.id}`);
      expect(outcome.summaryText?.nb).toContain(`Zendesk-bruker #${kari.id} ikke slettet: Zendesk nekter (RecordInvalid)`);
      expect(outcome.summary).not.toContain('Kari');
      expect(sim.calls.count('DELETE /api/v2/users/:id', 422)).toBe(1);
      expect(sim.calls.count('DELETE /api/v2/deleted_users/:id')).toBe(0);
      expect(sim.state.isLive(kari.id)).toBe(true);
    });

    it('redacts closed tickets and own CC comments, then soft- and permanently deletes exactly once; a repeat is not_found', async () => {
      const kari = sim.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      const agent = sim.state.addUser({ name: 'Agent', email: 'agent@example.no', role: 'agent' });
      const ola = sim.state.addUser({ name: 'Ola', email: 'ola@example.no' });
      const closed = sim.state.addTicket({
        requesterId: kari.id,
        status: 'closed',
        comments: [
          { authorId: kari.id, body: 'My card ends 1234, call +47 912 34 567', attachments: ['passport.jpg'] },
          { authorId: agent.id, body: 'Thanks Kari, fixed.' },
        ],
      });
      const cc = sim.state.addTicket({
        requesterId: ola.id,
        status: 'open',
        ccIds: [kari.id],
        comments: [
          { authorId: ola.id, body: 'Ola asks a question' },
          { authorId: kari.id, body: 'Kari adds a detail' },
        ],
      });

      const outcome = await connector.erase(ctx, { email: 'kari@example.no' }, noHolds);

      expect(outcome).toMatchObject({ status: 'done', details: { userIds: [kari.id], redactedComments: 3 } });
      // The user is gone; the redacted comments stay on their tickets with nothing of Kari in them.
      expect(dispositionsOf(outcome)).toEqual([
        { kind: 'erased', what: 'user', count: 1 },
        { kind: 'anonymised', what: 'ticket-comment', count: 3 },
      ]);
      const [own, reply] = sim.state.commentsOf(closed.id);
      expect(fullyRedacted(own.plain_body) && fullyRedacted(reply.plain_body)).toBe(true);
      expect(own.attachments.map((attachment) => attachment.file_name)).toEqual(['redacted.txt']);
      const [olaComment, kariComment] = sim.state.commentsOf(cc.id);
      expect(olaComment.plain_body).toBe('Ola asks a question');
      expect(fullyRedacted(kariComment.plain_body)).toBe(true);
      expect(sim.state.permanentlyDeletedUserIds.has(kari.id)).toBe(true);
      expect(sim.calls.count('DELETE /api/v2/users/:id')).toBe(1);
      expect(sim.calls.count('DELETE /api/v2/deleted_users/:id')).toBe(1);

      const again = await connector.erase(ctx, { email: 'kari@example.no' }, noHolds);
      expect(again.status).toBe('not_found');
      expect(dispositionsOf(again)).toEqual([{ kind: 'not_held', reason: 'not_found' }]);
      expect(sim.calls.count('DELETE /api/v2/users/:id')).toBe(1);
      expect(sim.calls.count('DELETE /api/v2/deleted_users/:id')).toBe(1);
      expect(sim.calls.count('PUT /api/v2/comment_redactions/:id')).toBe(3);
    });

    it('tries the permanent delete again after an outage: the retry finds the soft-deleted user and finishes it', async () => {
      const kari = sim.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      sim.state.failNext('DELETE /api/v2/deleted_users/:id', 503);

      await expect(connector.erase(ctx, { email: 'kari@example.no' }, noHolds)).rejects.toMatchObject({ retryable: true });
      expect(sim.state.isLive(kari.id)).toBe(false);
      expect(sim.state.permanentlyDeletedUserIds.has(kari.id)).toBe(false);

      const retried = await connector.erase(ctx, { email: 'kari@example.no' }, noHolds);
      expect(retried.status).toBe('done');
      expect(dispositionsOf(retried)).toEqual([{ kind: 'erased', what: 'user', count: 1 }]);
      expect(sim.state.permanentlyDeletedUserIds.has(kari.id)).toBe(true);
      expect(sim.calls.count('DELETE /api/v2/deleted_users/:id', 503)).toBe(1);
      expect(sim.calls.count('DELETE /api/v2/deleted_users/:id', 200)).toBe(1);
    });

    it('deletes closed tickets permanently when the data map asks for deletion', async () => {
      await start({}, { closedTickets: 'delete' });
      const kari = sim.state.addUser({ name: 'Kari', email: 'kari@example.no' });
      const ticket = sim.state.addTicket({ requesterId: kari.id, status: 'closed', subject: 'Kari Nordmann, order 77' });

      const outcome = await connector.erase(ctx, { email: 'kari@example.no' }, noHolds);

      expect(outcome).toMatchObject({ status: 'done', details: { deletedTickets: 1 } });
      expect(dispositionsOf(outcome)).toEqual([
        { kind: 'erased', what: 'user', count: 1 },
        { kind: 'erased', what: 'ticket', count: 1 },
      ]);
      expect(sim.state.permanentlyDeletedTicketIds.has(ticket.id)).toBe(true);
      expect(sim.state.permanentlyDeletedUserIds.has(kari.id)).toBe(true);
    });

    it('leaves the decision to a person when legal holds apply, and never touches staff accounts', async () => {
      sim.state.addUser({ name: 'Kari', email: 'kari@example.no' });
      const held = await connector.erase(
        ctx,
        { email: 'kari@example.no' },
        { legalHolds: [{ records: 'invoice correspondence', basis: 'bokføringsloven § 13', keepFor: 'P5Y' }] },
      );
      expect(held).toMatchObject({ status: 'manual', summary: expect.stringContaining('invoice correspondence') });

      sim.state.addUser({ name: 'Agent', email: 'agent@example.no', role: 'agent' });
      expect((await connector.erase(ctx, { email: 'agent@example.no' }, noHolds)).status).toBe('manual');
      expect(sim.calls.count('DELETE /api/v2/users/:id')).toBe(0);
    });
  });

  describe('restrict', () => {
    it('tags the user for marketing and processing, once', async () => {
      const kari = sim.state.addUser({ name: 'Kari', email: 'kari@example.no', tags: ['vip'] });

      const marketing = await connector.restrict(ctx, { email: 'kari@example.no' }, 'marketing');
      expect(marketing).toMatchObject({ status: 'done', details: { tag: 'gdpr-no-marketing' } });
      expect(dispositionsOf(marketing)).toEqual([
        { kind: 'restricted', what: 'user', count: 1, how: 'tagged "gdpr-no-marketing" in Zendesk, with a note telling agents not to use it for marketing' },
      ]);
      expect(await connector.restrict(ctx, { email: 'kari@example.no' }, 'marketing')).toMatchObject({ status: 'done' });
      expect(sim.calls.count('PUT /api/v2/users/:id')).toBe(1);
      const processing = await connector.restrict(ctx, { email: 'kari@example.no' }, 'processing');
      expect(dispositionsOf(processing)).toEqual([
        {
          kind: 'restricted',
          what: 'user',
          count: 1,
          how: 'tagged "gdpr-restricted" in Zendesk, with a note telling agents to store it only and not otherwise use it',
        },
      ]);

      const user = sim.state.users.get(kari.id)!;
      expect(user.tags).toEqual(['vip', 'gdpr-no-marketing', 'gdpr-restricted']);
      expect(user.notes).toContain('Art. 21');
      expect(user.notes).toContain('Art. 18');
      expect((await connector.restrict(ctx, { email: 'nobody@example.no' }, 'marketing')).status).toBe('not_found');
    });
  });

  describe('onlyRecords', () => {
    /** Kari (the subject's listed record) and Ola, who has the same phone number in another spelling. */
    function twoHoldersOfOnePhone() {
      const kari = sim.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no', phone: '912 34 567' });
      const ola = sim.state.addUser({ name: 'Ola Unlisted', email: 'ola@example.no', phone: '+47 91234567', tags: ['vip'] });
      sim.state.addTicket({ requesterId: kari.id, subject: 'Kari order 1', status: 'closed' });
      const olaTicket = sim.state.addTicket({
        requesterId: ola.id,
        subject: 'Ola secret order',
        status: 'closed',
        comments: [{ authorId: ola.id, body: 'Ola private words' }],
      });
      const subject = { email: 'kari@example.no', phone: '+4791234567', onlyRecords: [String(kari.id)] };
      const olaState = () => ({
        user: { ...sim.state.users.get(ola.id) },
        live: sim.state.isLive(ola.id),
        identities: sim.state.identitiesOf(ola.id).map(({ type, value, primary }) => ({ type, value, primary })),
        comments: sim.state.commentsOf(olaTicket.id).map((comment) => comment.plain_body),
      });
      return { kari, ola, subject, olaState };
    }

    it('finds and exports only the listed user: nothing of an unlisted user with the same phone, not even its tickets', async () => {
      const { kari, ola, subject } = twoHoldersOfOnePhone();

      expect((await connector.find(ctx, { ...subject, onlyRecords: undefined })).map((match) => match.externalId).sort()).toEqual(
        [String(kari.id), String(ola.id)].sort(),
      );
      expect((await connector.find(ctx, subject)).map((match) => match.externalId)).toEqual([String(kari.id)]);

      const part = await connector.export(ctx, subject);
      const exported = JSON.stringify(part);
      expect(exported).toContain('Kari order 1');
      for (const text of ['Ola', 'ola@example.no', '+47 91234567', 'secret order', 'private words']) expect(exported).not.toContain(text);
      // The unlisted user's tickets are not even read.
      expect(sim.calls.count('GET /api/v2/users/:id/tickets/requested')).toBe(1);
    });

    it('leaves the unlisted user untouched by erase, restrict and rectify', async () => {
      const { kari, subject, olaState } = twoHoldersOfOnePhone();
      const before = olaState();

      expect((await connector.restrict(ctx, subject, 'processing')).status).toBe('done');
      expect((await connector.restrict(ctx, subject, 'marketing')).status).toBe('done');
      expect((await connector.rectify(ctx, subject, { name: 'Kari N', phone: '+47 400 00 000' })).status).toBe('done');
      expect((await connector.erase(ctx, subject, noHolds)).status).toBe('done');

      expect(sim.state.permanentlyDeletedUserIds.has(kari.id)).toBe(true);
      expect(olaState()).toEqual(before);
    });

    it('acts on nothing with an empty list, also not on a user left soft-deleted by an earlier run', async () => {
      const { kari, subject, olaState } = twoHoldersOfOnePhone();
      const before = olaState();
      const none = { ...subject, onlyRecords: [] };

      expect(await connector.find(ctx, none)).toEqual([]);
      expect((await connector.export(ctx, none)).recordCount).toBe(0);
      expect((await connector.restrict(ctx, none, 'processing')).status).toBe('not_found');
      expect((await connector.rectify(ctx, none, { email: 'new@example.no' })).status).toBe('not_found');
      sim.state.softDeletedUserIds.add(kari.id);
      expect((await connector.erase(ctx, none, noHolds)).status).toBe('not_found');
      expect(sim.calls.count('DELETE /api/v2/deleted_users/:id')).toBe(0);
      expect(sim.calls.count('PUT /api/v2/users/:id')).toBe(0);
      expect(olaState()).toEqual(before);
    });
  });

  describe('rate limits', () => {
    it('waits out a short Retry-After inline (text/plain 429s)', async () => {
      sim.state.addUser({ name: 'Kari', email: 'kari@example.no' });
      sim.state.rateLimitNext(2, 1);

      expect(await connector.find(ctx, { email: 'kari@example.no' })).toHaveLength(1);
      expect(sim.calls.count('GET /api/v2/users/search', 429)).toBe(2);
      expect(sim.calls.count('GET /api/v2/users/search', 200)).toBe(1);
    });

    it('throws RateLimitedError for a long Retry-After without waiting', async () => {
      sim.state.rateLimitNext(1, 120);
      const error = await connector.find(ctx, { email: 'kari@example.no' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterMs).toBe(120_000);
      expect(sim.calls.count('GET /api/v2/users/search')).toBe(1);
    });

    it('stops waiting inline after the allowed number of retries', async () => {
      const patient = new ZendeskConnector({ maxInlineRetries: 1 });
      sim.state.rateLimitNext(2, 1);
      await expect(patient.find(ctx, { email: 'kari@example.no' })).rejects.toBeInstanceOf(RateLimitedError);
      expect(sim.calls.count('GET /api/v2/users/search', 429)).toBe(2);
    });

    it('hits the account limit per minute with its headers and Retry-After', async () => {
      await start({ rateLimitPerMinute: 3 }, apiTokenConnection);
      const kari = sim.state.addUser({ name: 'Kari', email: 'kari@example.no' });
      sim.state.addTicket({ requesterId: kari.id });

      const error = await connector.export(ctx, { email: 'kari@example.no' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterMs).toBeGreaterThan(5000);

      const response = await fetch(`${sim.baseUrl}/api/v2/users/${kari.id}`, {
        headers: { Authorization: `Basic ${Buffer.from(`${SECRETS.ZENDESK_EMAIL}/token:${SECRETS.ZENDESK_API_TOKEN}`).toString('base64')}` },
      });
      expect(response.status).toBe(429);
      expect(response.headers.get('content-type')).toContain('text/plain');
      expect(response.headers.get('x-rate-limit')).toBe('3');
      expect(response.headers.get('x-rate-limit-remaining')).toBe('0');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('limits Update User to 5 per minute per user', async () => {
      sim.state.addUser({ name: 'Kari', email: 'kari@example.no' });
      for (let i = 1; i <= 5; i++) expect((await connector.rectify(ctx, { email: 'kari@example.no' }, { name: `Kari ${i}` })).status).toBe('done');
      await expect(connector.rectify(ctx, { email: 'kari@example.no' }, { name: 'Kari 6' })).rejects.toBeInstanceOf(RateLimitedError);
    });
  });

  describe('authentication', () => {
    it('fetches an OAuth token once, reuses it, and refreshes it once when Zendesk rejects it', async () => {
      sim.state.addUser({ name: 'Kari', email: 'kari@example.no' });
      await connector.find(ctx, { email: 'kari@example.no' });
      await connector.export(ctx, { email: 'kari@example.no' });
      expect(sim.calls.count('POST /oauth/tokens', 200)).toBe(1);

      sim.state.revokeTokens();
      expect(await connector.find(ctx, { email: 'kari@example.no' })).toHaveLength(1);
      expect(sim.calls.count('POST /oauth/tokens', 200)).toBe(2);
      expect(sim.calls.count('GET /api/v2/users/search', 401)).toBe(1);
    });

    it('uses an API token with Basic auth', async () => {
      await start({}, apiTokenConnection);
      sim.state.addUser({ name: 'Kari', email: 'kari@example.no' });
      expect(await connector.find(ctx, { email: 'kari@example.no' })).toHaveLength(1);
      expect(sim.calls.count('POST /oauth/tokens')).toBe(0);
    });

    it('prefers OAuth when both are configured', async () => {
      ctx = context(sim.baseUrl, { auth: undefined, emailEnv: 'ZENDESK_EMAIL', apiTokenEnv: 'ZENDESK_API_TOKEN' });
      await connector.find(ctx, { email: 'kari@example.no' });
      expect(sim.calls.count('POST /oauth/tokens')).toBe(1);
    });

    it('turns wrong credentials into ConnectorAuthError for both schemes', async () => {
      const wrongToken = context(sim.baseUrl, { ...apiTokenConnection, apiTokenEnv: 'ZENDESK_WRONG_TOKEN' });
      await expect(connector.find(wrongToken, { email: 'kari@example.no' })).rejects.toBeInstanceOf(ConnectorAuthError);
      expect(sim.calls.count('GET /api/v2/users/search', 401)).toBe(1);

      const wrongSecret = context(sim.baseUrl, { clientSecretEnv: 'ZENDESK_WRONG_SECRET' });
      const error = await connector.find(wrongSecret, { email: 'kari@example.no' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorAuthError);
      expect((error as ConnectorAuthError).retryable).toBe(false);
    });
  });

  describe('simulator fidelity', () => {
    it('answers with the documented error bodies and pagination limits', async () => {
      const basic = { Authorization: `Basic ${Buffer.from(`${SECRETS.ZENDESK_EMAIL}/token:${SECRETS.ZENDESK_API_TOKEN}`).toString('base64')}` };
      const get = async (path: string, headers: Record<string, string> = basic) => {
        const response = await fetch(`${sim.baseUrl}${path}`, { headers });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      expect(await get('/api/v2/users/123456.json')).toEqual({ status: 404, body: { error: 'RecordNotFound', description: 'Not found' } });
      expect(await get('/api/v2/users/search.json?query=x', { Authorization: 'Bearer nope' })).toEqual({
        status: 401,
        body: { error: "Couldn't authenticate you" },
      });
      expect((await get('/api/v2/users/search.json?query=x&page=101')).status).toBe(400);
      const kari = sim.state.addUser({ name: 'Kari', email: 'kari@example.no' });
      const ticket = sim.state.addTicket({ requesterId: kari.id, status: 'pending' });
      expect((await get(`/api/v2/tickets/${ticket.id}/comments.json?page[size]=101`)).status).toBe(400);
      const response = await fetch(`${sim.baseUrl}/api/v2/users/${kari.id}.json`, { method: 'DELETE', headers: basic });
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({
        error: 'RecordInvalid',
        description: 'Record validation errors',
        details: { base: [{ error: expect.any(String) }] },
      });
      const permanent = await fetch(`${sim.baseUrl}/api/v2/deleted_users/${kari.id}.json`, { method: 'DELETE', headers: basic });
      expect(permanent.status).toBe(404);
    });
  });

  describe('failures', () => {
    it('rejects incomplete connection settings as a permanent error', async () => {
      const error = await connector.find(context(sim.baseUrl, { auth: 'api_token' }), { email: 'kari@example.no' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).retryable).toBe(false);
    });

    it('reports an unreachable Zendesk as retryable, without personal data in the message', async () => {
      await stop();
      const error = await connector.find(context(sim.baseUrl, apiTokenConnection), { email: 'kari@example.no' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).retryable).toBe(true);
      expect((error as ConnectorError).message).not.toContain('kari');
    });
  });
});
