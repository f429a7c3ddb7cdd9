import { randomUUID } from 'node:crypto';
import type { Disposition } from '../../src/common/dispositions/disposition';
import type { Outcome, SystemContext } from '../../src/connectors/connector';
import { ConnectorAuthError } from '../../src/connectors/connector-errors';
import { ZendeskPermissionError } from '../../src/connectors/zendesk/zendesk-errors';
import { ZendeskConnector } from '../../src/connectors/zendesk/zendesk.connector';
import {
  startZendeskSimulator,
  ZENDESK_SIMULATOR_CREDENTIALS,
  type ZendeskSimulator,
  type ZendeskSimulatorOptions,
} from '../simulators/zendesk/zendesk-simulator';

/**
 * The Zendesk connector against the behaviours of the real API that a kind simulator hides:
 * offset pages stop at page 100 (deleted users are read with cursor pages), the deleted-users list
 * holds every permanently deleted user, 403s name the missing permission, search lags behind
 * writes, and Zendesk's own compliance deletion status is recorded after a permanent delete.
 */

const SECRETS: Record<string, string> = {
  ZENDESK_CLIENT_ID: ZENDESK_SIMULATOR_CREDENTIALS.oauth.clientId,
  ZENDESK_CLIENT_SECRET: ZENDESK_SIMULATOR_CREDENTIALS.oauth.clientSecret,
};

const noHolds = { legalHolds: [] };
const basic = {
  Authorization: `Basic ${Buffer.from(`${ZENDESK_SIMULATOR_CREDENTIALS.apiToken.email}/token:${ZENDESK_SIMULATOR_CREDENTIALS.apiToken.token}`).toString('base64')}`,
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

const dispositionsOf = (outcome: Outcome) => (outcome as { dispositions?: Disposition[] }).dispositions ?? [];
const detailsOf = (outcome: Outcome) => (outcome as { details?: Record<string, unknown> }).details ?? {};

describe('Zendesk connector against real-API behaviour', () => {
  let sim: ZendeskSimulator | undefined;
  const connector = new ZendeskConnector();

  async function start(options: ZendeskSimulatorOptions = {}): Promise<ZendeskSimulator> {
    sim = await startZendeskSimulator(options);
    return sim;
  }

  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  describe('deleted users past 100 offset pages', () => {
    it('answers 400 InvalidPaginationDepth on offset page 101, and the connector finishes a soft-deleted user found on cursor page 101', async () => {
      const zendesk = await start();
      // The list holds every user ever permanently deleted: 10,050 of them before Kari.
      for (let i = 0; i < 10_050; i++) {
        const gone = zendesk.state.addUser({ name: `Former customer ${i}`, email: `former${i}@example.no` });
        zendesk.state.softDeletedUserIds.add(gone.id);
        zendesk.state.permanentlyDelete(gone.id);
      }
      const kari = zendesk.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      zendesk.state.softDeletedUserIds.add(kari.id);

      const offsetPage = await fetch(`${zendesk.baseUrl}/api/v2/deleted_users.json?page=101&per_page=100`, { headers: basic });
      expect(offsetPage.status).toBe(400);
      expect(await offsetPage.json()).toMatchObject({ errors: [{ code: 'InvalidPaginationDepth' }] });
      const blanked = (await (await fetch(`${zendesk.baseUrl}/api/v2/deleted_users.json?page[size]=1`, { headers: basic })).json()) as {
        deleted_users: Array<Record<string, unknown>>;
      };
      expect(blanked.deleted_users[0]).toMatchObject({ name: 'Permanently Deleted User', email: null, phone: null, active: false });

      zendesk.calls.clear();
      const outcome = await connector.erase(context(zendesk.baseUrl), { email: 'kari@example.no' }, noHolds);

      expect(outcome.status).toBe('done');
      expect(zendesk.state.permanentlyDeletedUserIds.has(kari.id)).toBe(true);
      expect(zendesk.calls.count('GET /api/v2/deleted_users', 400)).toBe(0);
      expect(zendesk.calls.count('GET /api/v2/deleted_users', 200)).toBe(101);
      // Only Kari is deleted; none of the 10,050 permanently deleted users is touched again.
      expect(zendesk.calls.count('DELETE /api/v2/deleted_users/:id')).toBe(1);
      expect(dispositionsOf(outcome)).toContainEqual({ kind: 'erased', what: 'user', count: 1 });
    });

    it('does not delete again a user Zendesk has permanently deleted but not yet blanked; it reports what Zendesk recorded', async () => {
      const zendesk = await start({ permanentDeletionBlankingDelayMs: 3_600_000 });
      const kari = zendesk.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      zendesk.state.softDeletedUserIds.add(kari.id);
      zendesk.state.permanentlyDelete(kari.id);
      // Still listed with her address: the blanking has not happened yet.
      const listed = (await (await fetch(`${zendesk.baseUrl}/api/v2/deleted_users.json?page[size]=10`, { headers: basic })).json()) as {
        deleted_users: Array<Record<string, unknown>>;
      };
      expect(listed.deleted_users).toEqual([expect.objectContaining({ id: kari.id, email: 'kari@example.no', active: false })]);

      const outcome = await connector.erase(context(zendesk.baseUrl), { email: 'kari@example.no' }, noHolds);

      expect(zendesk.calls.count('DELETE /api/v2/deleted_users/:id')).toBe(0);
      expect(zendesk.calls.count('DELETE /api/v2/users/:id')).toBe(0);
      expect(outcome.status).toBe('done');
      expect(outcome.summary).toContain('request_deletion (all)');
      expect(detailsOf(outcome).complianceDeletion).toEqual([
        {
          userId: kari.id,
          statuses: [
            expect.objectContaining({ action: 'request_deletion', application: 'all' }),
            expect.objectContaining({ action: 'started', application: 'support' }),
            expect.objectContaining({ action: 'complete', application: 'support' }),
          ],
        },
      ]);
      expect(dispositionsOf(outcome)).toEqual([{ kind: 'erased', what: 'user', count: 1 }]);
    });

    it('finds nobody once Zendesk has blanked the permanently deleted user', async () => {
      const zendesk = await start();
      const kari = zendesk.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      zendesk.state.softDeletedUserIds.add(kari.id);
      zendesk.state.permanentlyDelete(kari.id);

      const outcome = await connector.erase(context(zendesk.baseUrl), { email: 'kari@example.no' }, noHolds);

      expect(outcome.status).toBe('not_found');
      expect(zendesk.calls.count('DELETE /api/v2/deleted_users/:id')).toBe(0);
    });
  });

  describe('compliance deletion status', () => {
    it('records what Zendesk reports right after the permanent delete (requested and started, not yet complete)', async () => {
      const zendesk = await start({ complianceCompletionDelayMs: 3_600_000 });
      const kari = zendesk.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });

      const outcome = await connector.erase(context(zendesk.baseUrl), { email: 'kari@example.no' }, noHolds);

      expect(outcome.status).toBe('done');
      expect(zendesk.calls.count('GET /api/v2/users/:id/compliance_deletion_statuses', 200)).toBe(1);
      expect(detailsOf(outcome).complianceDeletion).toEqual([
        {
          userId: kari.id,
          statuses: [
            { action: 'request_deletion', application: 'all', created_at: expect.any(String) },
            { action: 'started', application: 'support', created_at: expect.any(String) },
          ],
        },
      ]);
      expect(outcome.summary).toContain('Zendesk compliance deletion status: request_deletion (all), started (support)');
      expect(outcome.summary).not.toContain('complete (support)');
    });

    it('answers the status endpoint with the documented shape', async () => {
      const zendesk = await start();
      const kari = zendesk.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      await connector.erase(context(zendesk.baseUrl), { email: 'kari@example.no' }, noHolds);
      const answer = await fetch(`${zendesk.baseUrl}/api/v2/users/${kari.id}/compliance_deletion_statuses.json?application=support`, { headers: basic });
      expect(await answer.json()).toMatchObject({
        compliance_deletion_statuses: [
          { account_subdomain: 'simulated', action: 'started', application: 'support', created_at: expect.any(String), executer_id: null, user_id: kari.id },
          { account_subdomain: 'simulated', action: 'complete', application: 'support', created_at: expect.any(String), executer_id: null, user_id: kari.id },
        ],
      });
      expect((await fetch(`${zendesk.baseUrl}/api/v2/users/99999999/compliance_deletion_statuses.json`, { headers: basic })).status).toBe(404);
    });
  });

  describe('403 Forbidden', () => {
    it('without Agent Workspace, redaction is refused: a non-retryable permission error naming Agent Workspace, not "credentials rejected"', async () => {
      const zendesk = await start({ agentWorkspace: false });
      const kari = zendesk.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      zendesk.state.addTicket({ requesterId: kari.id, status: 'closed' });

      const error = await connector.erase(context(zendesk.baseUrl), { email: 'kari@example.no' }, noHolds).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ZendeskPermissionError);
      expect(error).not.toBeInstanceOf(ConnectorAuthError);
      expect((error as ZendeskPermissionError).retryable).toBe(false);
      expect((error as ZendeskPermissionError).httpStatus).toBe(403);
      expect((error as ZendeskPermissionError).message).toContain('Agent Workspace');
      expect((error as ZendeskPermissionError).message).toContain('Forbidden');
      expect(zendesk.calls.count('PUT /api/v2/comment_redactions/:id', 403)).toBe(1);
      // Nothing after the refused step ran: the user is still there.
      expect(zendesk.state.isLive(kari.id)).toBe(true);
    });

    it('an OAuth token without the write scope can search but not delete; the error names the scope', async () => {
      const zendesk = await start();
      const kari = zendesk.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      const readOnly = context(zendesk.baseUrl, { scope: 'users:read tickets:read' });

      expect(await connector.find(readOnly, { email: 'kari@example.no' })).toHaveLength(1);
      const error = await connector.erase(readOnly, { email: 'kari@example.no' }, noHolds).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ZendeskPermissionError);
      expect((error as ZendeskPermissionError).missingPermission).toContain('users:write');
      expect(zendesk.calls.count('DELETE /api/v2/users/:id', 403)).toBe(1);
      expect(zendesk.state.isLive(kari.id)).toBe(true);
    });

    it('a token scoped to users only cannot read tickets (the simulator enforces the resource too)', async () => {
      const zendesk = await start();
      const kari = zendesk.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      zendesk.state.addTicket({ requesterId: kari.id });

      const error = await connector.export(context(zendesk.baseUrl, { scope: 'users:read' }), { email: 'kari@example.no' }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ZendeskPermissionError);
      expect((error as ZendeskPermissionError).missingPermission).toContain('tickets:read');
      // The plain "read" scope covers every resource.
      const part = await connector.export(context(zendesk.baseUrl, { scope: 'read' }), { email: 'kari@example.no' });
      expect(part.recordCount).toBeGreaterThan(1);
    });
  });

  describe('search lags behind writes', () => {
    it('a user created a moment ago is not in search yet; the ids the engine already holds are read exactly', async () => {
      let clock = Date.parse('2026-12-05T07:00:00Z');
      const zendesk = await start({ searchIndexDelayMs: 120_000, now: () => clock });
      const kari = zendesk.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      const ctx = context(zendesk.baseUrl);

      // The index has not caught up: search (the only e-mail look-up Zendesk has) finds nobody …
      expect(await connector.find(ctx, { email: 'kari@example.no' })).toEqual([]);
      // … but a user the case already lists is read by id, so it is never wrongly "not found".
      const listed = { email: 'kari@example.no', onlyRecords: [String(kari.id)] };
      expect(await connector.find(ctx, listed)).toEqual([expect.objectContaining({ externalId: String(kari.id) })]);
      expect(zendesk.calls.count('GET /api/v2/users/show_many', 200)).toBe(1);
      const outcome = await connector.erase(ctx, listed, noHolds);
      expect(outcome.status).toBe('done');
      expect(zendesk.state.permanentlyDeletedUserIds.has(kari.id)).toBe(true);

      // Once indexed, search finds a new user too.
      const ola = zendesk.state.addUser({ name: 'Ola Nordmann', email: 'ola@example.no' });
      clock += 120_000;
      expect(await connector.find(ctx, { email: 'ola@example.no' })).toEqual([expect.objectContaining({ externalId: String(ola.id) })]);
    });

    it('search keeps showing the old address until a change is indexed', async () => {
      let clock = Date.parse('2026-12-05T07:00:00Z');
      const zendesk = await start({ searchIndexDelayMs: 60_000, now: () => clock });
      const kari = zendesk.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      clock += 60_000;
      zendesk.state.addIdentity(kari.id, 'email', 'kari.new@example.no');
      const search = async (email: string) =>
        (
          (await (await fetch(`${zendesk.baseUrl}/api/v2/users/search.json?query=${encodeURIComponent(`email:${email}`)}`, { headers: basic })).json()) as {
            users: unknown[];
          }
        ).users.length;
      expect(await search('kari.new@example.no')).toBe(0);
      expect(await search('kari@example.no')).toBe(1);
      clock += 60_000;
      expect(await search('kari.new@example.no')).toBe(1);
    });
  });

  describe('more kinds of personal data', () => {
    it('exports satisfaction ratings and suspended tickets from the address, and lists what was not searched', async () => {
      const zendesk = await start();
      const kari = zendesk.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      const rated = zendesk.state.addTicket({ requesterId: kari.id, status: 'closed', rating: { score: 'bad', comment: 'Slow answer, Kari' } });
      zendesk.state.addTicket({ requesterId: kari.id, status: 'closed' });
      const held = zendesk.state.addSuspendedTicket({ authorEmail: 'KARI@example.no', subject: 'Where is my parcel?' });
      zendesk.state.addSuspendedTicket({ authorEmail: 'akari@example.no' });

      const part = await connector.export(context(zendesk.baseUrl), { email: 'kari@example.no' });

      expect(part.tables?.satisfaction_ratings).toEqual([{ ticket_id: rated.id, score: 'bad', comment: 'Slow answer, Kari', reason: null }]);
      expect(part.tables?.suspended_tickets).toEqual([
        expect.objectContaining({ suspended_ticket_id: held.id, subject: 'Where is my parcel?', from_email: 'KARI@example.no' }),
      ]);
      expect(part.tables?.not_searched?.map((row) => row.data)).toEqual(
        expect.arrayContaining([
          'Messaging and Chat transcripts outside ticket comments',
          'Talk call recordings and voicemails',
          'Help Center posts, comments and votes',
        ]),
      );
      // Attachment files and side conversations are read now (zendesk-attachments.e2e-spec.ts): not listed as unsearched.
      expect(part.tables?.not_searched?.map((row) => row.data)).not.toEqual(expect.arrayContaining(['side conversations']));
      expect(part.dispositions).toEqual([
        { kind: 'disclosed', what: 'user', count: 1 },
        { kind: 'disclosed', what: 'ticket', count: 2 },
        { kind: 'disclosed', what: 'ticket-comment', count: 2 },
        { kind: 'disclosed', what: 'e-mail', count: 1 },
      ]);
    });

    it('erasure deletes a rated ticket whole (a rating comment cannot be redacted), redacts the others, and deletes the suspended tickets', async () => {
      const zendesk = await start();
      const kari = zendesk.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      const rated = zendesk.state.addTicket({ requesterId: kari.id, status: 'closed', rating: { score: 'good', comment: 'Thanks from Kari' } });
      const plain = zendesk.state.addTicket({ requesterId: kari.id, status: 'closed' });
      const held = zendesk.state.addSuspendedTicket({ authorEmail: 'kari@example.no' });
      const other = zendesk.state.addSuspendedTicket({ authorEmail: 'ola@example.no' });

      const outcome = await connector.erase(context(zendesk.baseUrl), { email: 'kari@example.no' }, noHolds);

      expect(outcome.status).toBe('done');
      expect(zendesk.state.permanentlyDeletedTicketIds.has(rated.id)).toBe(true);
      expect(zendesk.state.permanentlyDeletedTicketIds.has(plain.id)).toBe(false);
      expect(zendesk.calls.count('PUT /api/v2/comment_redactions/:id', 200)).toBe(1);
      expect(zendesk.state.suspendedTickets.has(held.id)).toBe(false);
      expect(zendesk.state.suspendedTickets.has(other.id)).toBe(true);
      expect(dispositionsOf(outcome)).toEqual(
        expect.arrayContaining([
          { kind: 'erased', what: 'e-mail', count: 1 },
          { kind: 'erased', what: 'user', count: 1 },
          { kind: 'erased', what: 'ticket', count: 1 },
          { kind: 'anonymised', what: 'ticket-comment', count: 1 },
        ]),
      );
    });

    it('a suspended e-mail from someone with no Zendesk user is found, exported and erased', async () => {
      const zendesk = await start();
      const held = zendesk.state.addSuspendedTicket({ authorEmail: 'per@example.no' });
      const ctx = context(zendesk.baseUrl);

      const part = await connector.export(ctx, { email: 'per@example.no' });
      expect(part.dispositions).toEqual([{ kind: 'disclosed', what: 'e-mail', count: 1 }]);

      const outcome = await connector.erase(ctx, { email: 'per@example.no' }, noHolds);
      expect(outcome).toMatchObject({ status: 'done', dispositions: [{ kind: 'erased', what: 'e-mail', count: 1 }] });
      expect(zendesk.state.suspendedTickets.has(held.id)).toBe(false);
      expect((await connector.erase(ctx, { email: 'per@example.no' }, noHolds)).status).toBe('not_found');
    });

    it('exports the audit metadata the person caused (IP address, location, e-mail sender); redaction leaves it, deletion removes it', async () => {
      const zendesk = await start();
      const kari = zendesk.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      const agent = zendesk.state.addUser({ name: 'Agent', email: 'agent@example.no', role: 'agent' });
      const ticket = zendesk.state.addTicket({
        requesterId: kari.id,
        status: 'closed',
        comments: [
          { authorId: kari.id, body: 'Sent from the web', origin: { ipAddress: '203.0.113.7', location: 'Bergen, 46, Norway' } },
          { authorId: kari.id, body: 'Sent by e-mail', origin: { viaEmailFrom: { address: 'Kari@Example.no', name: 'Kari N.' } } },
          { authorId: agent.id, body: 'Agent reply', origin: { ipAddress: '198.51.100.1', location: 'Oslo, 12, Norway' } },
        ],
      });
      const ctx = context(zendesk.baseUrl);

      const part = await connector.export(ctx, { email: 'kari@example.no' });
      expect(part.tables?.ticket_audit_metadata).toEqual([
        expect.objectContaining({ ticket_id: ticket.id, channel: 'web', ip_address: '203.0.113.7', location: 'Bergen, 46, Norway' }),
        expect.objectContaining({ ticket_id: ticket.id, channel: 'email', email_from_address: 'Kari@Example.no', email_from_name: 'Kari N.' }),
      ]);
      expect(JSON.stringify(part.tables?.ticket_audit_metadata)).not.toContain('198.51.100.1');

      const redacted = await connector.erase(ctx, { email: 'kari@example.no' }, noHolds);
      expect(redacted.summary).toContain('keep their audit metadata');
      expect(zendesk.state.audits.get(ticket.id)).toHaveLength(3);
    });

    it('with closedTickets: delete the ticket goes with its audits', async () => {
      const zendesk = await start();
      const kari = zendesk.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
      const ticket = zendesk.state.addTicket({ requesterId: kari.id, status: 'closed' });
      const outcome = await connector.erase(context(zendesk.baseUrl, { closedTickets: 'delete' }), { email: 'kari@example.no' }, noHolds);
      expect(outcome.summary).not.toContain('audit metadata');
      expect(zendesk.state.audits.has(ticket.id)).toBe(false);
    });
  });
});
