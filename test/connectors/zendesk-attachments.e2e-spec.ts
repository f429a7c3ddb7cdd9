import type { Disposition } from '../../src/common/dispositions/disposition';
import { dispositionProblems } from '../../src/common/dispositions/disposition.schema';
import type { ExportPart } from '../../src/connectors/connector';
import { ZendeskConnector } from '../../src/connectors/zendesk/zendesk.connector';
import { useZendeskSimulator } from './zendesk-test-context';

type Row = Record<string, unknown>;
const rowsOf = (part: ExportPart, table: string) => (part.tables?.[table] ?? []) as Row[];
const fileRow = (part: ExportPart, name: string) => rowsOf(part, 'attachment_files').find((row) => row.file_name === name);
function dispositionsOf(part: ExportPart): Disposition[] {
  expect(dispositionProblems(part.dispositions)).toEqual([]);
  return part.dispositions ?? [];
}

/** A PNG's first bytes and some more: binary, not text, so nothing along the way may re-encode it. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255])]);

describe('Zendesk attachments and side conversations against the simulator', () => {
  const env = useZendeskSimulator();
  const connector = new ZendeskConnector();
  const start = env.start.bind(env);

  const seedKari = () => {
    const kari = env.sim.state.addUser({ name: 'Kari Nordmann', email: 'kari@example.no' });
    const agent = env.sim.state.addUser({ name: 'Agent Anne', email: 'anne@support.example.no', role: 'agent' });
    return { kari, agent };
  };

  describe('attachment contents on access', () => {
    it('puts every attachment of a ticket the person requested into the package, byte for byte, and lists it', async () => {
      const { kari, agent } = seedKari();
      const ticket = env.sim.state.addTicket({
        requesterId: kari.id,
        comments: [
          { authorId: kari.id, body: 'Here is the photo of the broken parcel', attachments: [{ name: 'parcel.png', content: PNG, contentType: 'image/png' }] },
          {
            authorId: agent.id,
            body: 'Thanks, here is the return label',
            attachments: [{ name: 'return label.pdf', content: '%PDF-1.4 label', contentType: 'application/pdf' }],
          },
        ],
      });

      const part = await connector.export(env.ctx, { email: 'kari@example.no' });

      const photo = env.sim.state.commentsOf(ticket.id)[0].attachments[0];
      const label = env.sim.state.commentsOf(ticket.id)[1].attachments[0];
      expect(part.files).toEqual([
        { name: `ticket-${ticket.id}-${photo.id}-parcel.png`, contentType: 'image/png', bytes: PNG },
        { name: `ticket-${ticket.id}-${label.id}-return label.pdf`, contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.4 label') },
      ]);
      expect(fileRow(part, 'parcel.png')).toEqual({
        ticket_id: ticket.id,
        comment_id: env.sim.state.commentsOf(ticket.id)[0].id,
        attachment_id: photo.id,
        file_name: 'parcel.png',
        content_type: 'image/png',
        size_bytes: PNG.length,
        in_package: true,
        package_file: `files/${env.ctx.systemId}/ticket-${ticket.id}-${photo.id}-parcel.png`,
        not_included_because: null,
      });
      expect(dispositionsOf(part)).toEqual(expect.arrayContaining([{ kind: 'disclosed', what: 'attachment', count: 2 }]));
      // The content_url got the credentials, then 302 to the temporary link, fetched without them
      // (the simulator refuses that link with an Authorization header).
      expect(env.sim.calls.count('GET /attachments/token/:token', 302)).toBe(2);
      expect(env.sim.calls.count('GET /attachments/download/:token', 200)).toBe(2);
      expect(rowsOf(part, 'not_searched').map((row) => row.data)).not.toContain('attachment contents');
    });

    it('leaves out files over the per-file or the total cap, and says which and why', async () => {
      await start({}, { attachmentMaxFileMb: 0.001, attachmentMaxTotalMb: 0.0015 }); // 1048 bytes a file, 1572 in all
      const { kari } = seedKari();
      env.sim.state.addTicket({
        requesterId: kari.id,
        comments: [
          {
            authorId: kari.id,
            body: 'Files',
            attachments: [
              { name: 'big.pdf', content: Buffer.alloc(2000, 1), contentType: 'application/pdf' },
              { name: 'first.txt', content: Buffer.alloc(1000, 65), contentType: 'text/plain' },
              { name: 'second.txt', content: Buffer.alloc(1000, 66), contentType: 'text/plain' },
              { name: 'small.txt', content: 'tiny', contentType: 'text/plain' },
            ],
          },
        ],
      });

      const part = await connector.export(env.ctx, { email: 'kari@example.no' });

      expect(part.files?.map((file) => file.name.replace(/^ticket-\d+-\d+-/, ''))).toEqual(['first.txt', 'small.txt']);
      expect(fileRow(part, 'big.pdf')).toMatchObject({ size_bytes: 2000, in_package: false, not_included_because: 'larger than 1 kB, the limit per file' });
      expect(fileRow(part, 'second.txt')).toMatchObject({
        size_bytes: 1000,
        in_package: false,
        not_included_because: "the answer's attachments reached 2 kB, the limit in all",
      });
      expect(dispositionsOf(part)).toEqual(expect.arrayContaining([{ kind: 'disclosed', what: 'attachment', count: 2 }]));
      // Nothing over a cap was fetched at all.
      expect(env.sim.calls.count('GET /attachments/token/:token')).toBe(2);
    });

    it('stops reading a file whose real size is over the cap although Zendesk stated less', async () => {
      await start({}, { attachmentMaxFileMb: 0.001 });
      const { kari } = seedKari();
      env.sim.state.addTicket({
        requesterId: kari.id,
        comments: [{ authorId: kari.id, body: 'x', attachments: [{ name: 'liar.bin', content: Buffer.alloc(5000, 7), size: 10 }] }],
      });
      const part = await connector.export(env.ctx, { email: 'kari@example.no' });
      expect(part.files ?? []).toEqual([]);
      expect(fileRow(part, 'liar.bin')).toMatchObject({ in_package: false, not_included_because: 'larger than Zendesk stated, beyond the size limit' });
    });

    it("on a ticket the person was copied on, takes only the files they added, and lists the others' as left out", async () => {
      const { kari } = seedKari();
      const ola = env.sim.state.addUser({ name: 'Ola Hansen', email: 'ola@example.no' });
      env.sim.state.addTicket({
        requesterId: ola.id,
        ccIds: [kari.id],
        comments: [
          { authorId: ola.id, body: 'My passport', attachments: ['ola-passport.jpg'] },
          { authorId: kari.id, body: 'My receipt', attachments: ['kari-receipt.pdf'] },
        ],
      });
      const part = await connector.export(env.ctx, { email: 'kari@example.no' });
      expect(part.files?.map((file) => file.name)).toEqual([expect.stringMatching(/-kari-receipt\.pdf$/)]);
      expect(part.files?.[0].bytes.toString()).toBe('Simulated contents of kari-receipt.pdf');
      expect(fileRow(part, 'ola-passport.jpg')).toMatchObject({
        in_package: false,
        not_included_because: 'added by someone else to a ticket you were copied on',
      });
    });

    it('never follows a download to a host that is not Zendesk, and never sends credentials off the account host', async () => {
      await start({ attachmentRedirectOrigin: 'http://files.example.com' });
      const { kari } = seedKari();
      const ticket = env.sim.state.addTicket({ requesterId: kari.id, comments: [{ authorId: kari.id, body: 'a', attachments: ['one.pdf', 'two.pdf'] }] });
      // The docs warn a content_url may point outside Zendesk: such a file is not requested at all.
      const [, elsewhere] = env.sim.state.commentsOf(ticket.id)[0].attachments;
      elsewhere.content_url = 'https://files.example.com/attachments/token/abc/?name=two.pdf';

      const part = await connector.export(env.ctx, { email: 'kari@example.no' });

      expect(part.files ?? []).toEqual([]);
      expect(fileRow(part, 'one.pdf')).toMatchObject({ in_package: false, not_included_because: 'Zendesk sent the download to a host that is not its own' });
      expect(fileRow(part, 'two.pdf')).toMatchObject({ in_package: false, not_included_because: 'stored outside Zendesk, so it was not fetched' });
      expect(env.sim.calls.count('GET /attachments/token/:token')).toBe(1);
      expect(env.sim.calls.count('GET /attachments/download/:token')).toBe(0);
    });

    it('leaves out what Zendesk flags as malware or has redacted, and downloads nothing with a cap of 0', async () => {
      const { kari } = seedKari();
      const ticket = env.sim.state.addTicket({
        requesterId: kari.id,
        comments: [{ authorId: kari.id, body: 'a', attachments: [{ name: 'invoice.exe', content: 'MZ...', malware: true }, 'photo.jpg'] }],
      });
      env.sim.state.commentsOf(ticket.id)[0].attachments[1].file_name = 'redacted.txt';
      const part = await connector.export(env.ctx, { email: 'kari@example.no' });
      expect(fileRow(part, 'invoice.exe')).toMatchObject({ in_package: false, not_included_because: 'Zendesk flagged the file as malware' });
      expect(fileRow(part, 'redacted.txt')).toMatchObject({ in_package: false, not_included_because: 'redacted in Zendesk' });

      await start({}, { attachmentMaxFileMb: 0 });
      const again = seedKari();
      env.sim.state.addTicket({ requesterId: again.kari.id, comments: [{ authorId: again.kari.id, body: 'a', attachments: ['photo.jpg'] }] });
      const none = await connector.export(env.ctx, { email: 'kari@example.no' });
      expect(none.files ?? []).toEqual([]);
      expect(fileRow(none, 'photo.jpg')).toMatchObject({
        in_package: false,
        not_included_because: 'attachment files are not copied from this system (its size limit is 0)',
      });
      expect(dispositionsOf(none).some((item) => item.what === 'attachment')).toBe(false);
    });

    it('refuses a bad cap in the data map at start-up, naming the field', () => {
      expect(connector.checkConnection({ baseUrl: 'https://acme.zendesk.com', clientId: 'a', clientSecretEnv: 'B', attachmentMaxFileMb: -1 })).toEqual([
        expect.stringContaining('attachmentMaxFileMb'),
      ]);
    });
  });

  describe('side conversations', () => {
    it('exports the side conversations of a ticket the person requested, message by message', async () => {
      const { kari, agent } = seedKari();
      const ticket = env.sim.state.addTicket({ requesterId: kari.id });
      env.sim.state.addSideConversation(ticket.id, {
        subject: 'Damaged parcel for Kari',
        messages: [
          {
            from: { user_id: agent.id, name: 'Agent Anne', email: 'anne@support.example.no' },
            to: [{ email: 'claims@carrier.example' }],
            body: 'Can you check the parcel?',
          },
          { from: { email: 'claims@carrier.example', name: 'Carrier claims' }, to: [{ user_id: agent.id }], body: 'It was dropped in transit.' },
        ],
      });

      const part = await connector.export(env.ctx, { email: 'kari@example.no' });

      expect(rowsOf(part, 'side_conversation_messages')).toEqual([
        expect.objectContaining({
          ticket_id: ticket.id,
          side_conversation: 'Damaged parcel for Kari',
          from: 'Agent Anne anne@support.example.no',
          to: 'claims@carrier.example',
          body: 'Can you check the parcel?',
        }),
        expect.objectContaining({ ticket_id: ticket.id, from: 'Carrier claims claims@carrier.example', body: 'It was dropped in transit.' }),
      ]);
      expect((part.data.side_conversations as Array<{ events: unknown[] }>)[0].events).toHaveLength(2);
      expect(dispositionsOf(part)).toEqual(expect.arrayContaining([{ kind: 'disclosed', what: 'side-conversation', count: 1 }]));
      expect(rowsOf(part, 'not_searched').map((row) => row.data)).not.toContain('side conversations');
    });

    it('on a ticket the person was copied on, exports only the side conversations they take part in', async () => {
      const { kari, agent } = seedKari();
      const ola = env.sim.state.addUser({ name: 'Ola Hansen', email: 'ola@example.no' });
      const ticket = env.sim.state.addTicket({ requesterId: ola.id, ccIds: [kari.id] });
      env.sim.state.addSideConversation(ticket.id, {
        subject: 'About Ola only',
        messages: [{ from: { user_id: agent.id }, to: [{ email: 'billing@example.no' }], body: 'Ola owes us' }],
      });
      env.sim.state.addSideConversation(ticket.id, {
        subject: 'Asking Kari',
        messages: [{ from: { user_id: agent.id }, to: [{ email: 'KARI@example.no' }], body: 'Kari, can you confirm?' }],
      });

      const part = await connector.export(env.ctx, { email: 'kari@example.no' });

      expect(rowsOf(part, 'side_conversation_messages').map((row) => row.side_conversation)).toEqual(['Asking Kari']);
    });

    it('without the Collaboration add-on, the export still answers and lists side conversations as not searched', async () => {
      await start({ collaborationAddOn: false });
      const { kari } = seedKari();
      env.sim.state.addTicket({ requesterId: kari.id });
      const part = await connector.export(env.ctx, { email: 'kari@example.no' });
      expect(part.recordCount).toBeGreaterThan(0);
      expect(rowsOf(part, 'not_searched').map((row) => row.data)).toContain('side conversations');
      expect(dispositionsOf(part).some((item) => item.what === 'side-conversation')).toBe(false);
    });
  });

  describe('erasure', () => {
    it('deletes a closed ticket with side conversations whole (redaction cannot reach them), taking its attachments', async () => {
      const { kari, agent } = seedKari();
      const withSide = env.sim.state.addTicket({ requesterId: kari.id, comments: [{ authorId: kari.id, body: 'Photo', attachments: ['photo.jpg'] }] });
      const plain = env.sim.state.addTicket({ requesterId: kari.id, comments: [{ authorId: kari.id, body: 'Receipt', attachments: ['receipt.pdf'] }] });
      env.sim.state.addSideConversation(withSide.id, {
        subject: 'Ask the carrier',
        messages: [{ from: { user_id: agent.id }, to: [{ email: 'claims@carrier.example' }], body: 'Kari says it broke' }],
      });
      const photoUrl = env.sim.state.commentsOf(withSide.id)[0].attachments[0].content_url;

      const outcome = await connector.erase(env.ctx, { email: 'kari@example.no' }, { legalHolds: [] });

      expect(outcome.status).toBe('done');
      expect((outcome as { dispositions?: Disposition[] }).dispositions).toEqual(
        expect.arrayContaining([
          { kind: 'erased', what: 'ticket', count: 1 },
          { kind: 'anonymised', what: 'ticket-comment', count: 1 },
        ]),
      );
      expect(env.sim.state.permanentlyDeletedTicketIds.has(withSide.id)).toBe(true);
      expect(env.sim.state.sideConversations.has(withSide.id)).toBe(false);
      expect(env.sim.state.permanentlyDeletedTicketIds.has(plain.id)).toBe(false);
      // The deleted ticket's file is gone; the redacted ticket's file is emptied.
      const token = /token\/([^/]+)\//.exec(photoUrl)![1];
      expect(env.sim.state.file(token)).toBeUndefined();
      expect(env.sim.state.commentsOf(plain.id)[0].attachments[0].file_name).toBe('redacted.txt');
    });
  });
});
