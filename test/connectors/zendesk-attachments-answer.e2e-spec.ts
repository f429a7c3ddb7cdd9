import JSZip from 'jszip';
import { AnswerPackageEntity } from '../../src/responses/package/answer-package.entity';
import { PackageBuilderService } from '../../src/responses/package/package-builder.service';
import { registration, settled, waitForCase } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { pageText } from '../intake/intake-helpers';
import { useSimulatorStack } from '../responses/simulator-stack';

const [, OLA] = NORWEGIAN_PEOPLE;
/** Binary bytes a text round trip would spoil. */
const PHOTO = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80, 0x7f]);

/**
 * An access request through the REST API to the package: the Zendesk connector's attachment
 * files travel in the zip as files/zendesk/…, sealed at rest until then, and the readable answer
 * lists them, the one left out with its reason, and the side conversation about the ticket.
 */
describe('Zendesk attachments in the answer package', () => {
  const env = useSimulatorStack('ZD_ATTACH_E2E', { env: { INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });

  it('carries the attachment file into the zip, lists the one over the cap, and shows the side conversation', async () => {
    const state = env.sims.zendesk.state;
    const ola = [...state.users.values()].find((user) => user.name === OLA.name)!;
    const agent = state.addUser({ name: 'Agent Anne', email: 'anne@support.example.no', role: 'agent' });
    const ticket = state.addTicket({
      requesterId: ola.id,
      subject: 'Skadet pakke',
      comments: [
        {
          authorId: ola.id,
          body: 'Bilde av pakken',
          attachments: [
            { name: 'pakke.png', content: PHOTO, contentType: 'image/png' },
            { name: 'video.mp4', content: Buffer.alloc(64), contentType: 'video/mp4', size: 30 * 1024 * 1024 },
          ],
        },
      ],
    });
    state.addSideConversation(ticket.id, {
      subject: 'Skade hos transportøren',
      messages: [{ from: { user_id: agent.id, name: 'Agent Anne' }, to: [{ email: 'skade@transport.example' }], body: 'Kunden sier pakken kom knust.' }],
    });
    const photo = state.commentsOf(ticket.id)[0].attachments[0];

    const created = await env.client.post('/api/v1/cases', { ...registration('access', OLA), language: 'en' });
    expect(created.status).toBe(201);
    const { reference, id } = (await created.json()) as { reference: string; id: string };
    await waitForCase(env.client, reference, (body) => settled(body) && (body as unknown as { status: string }).status === 'awaiting_review');
    // Before the package exists, the file is sealed at rest: not one clear byte in the table.
    const stored = await env.stack.dataSource.query('SELECT name, content_type, size_bytes, ciphertext FROM case_handover_files WHERE case_id = $1', [id]);
    expect(stored).toEqual([
      expect.objectContaining({ name: `ticket-${ticket.id}-${photo.id}-pakke.png`, content_type: 'image/png', size_bytes: PHOTO.length }),
    ]);
    expect((stored[0].ciphertext as Buffer).includes(PHOTO)).toBe(false);

    const completed = await env.client.post(`/api/v1/cases/${reference}/complete`, {});
    expect(completed.status).toBe(200);
    const row = await env.stack.dataSource.getRepository(AnswerPackageEntity).findOneOrFail({ where: { caseId: id } });
    const zip = await JSZip.loadAsync(env.stack.context.get(PackageBuilderService).open(row));

    const path = `files/zendesk/ticket-${ticket.id}-${photo.id}-pakke.png`;
    expect((await zip.file(path)!.async('nodebuffer')).equals(PHOTO)).toBe(true);
    expect(Object.keys(zip.files).filter((name) => name.startsWith('files/zendesk/') && !zip.files[name].dir)).toEqual([path]);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.systems.find((system: { id: string }) => system.id === 'zendesk').files).toContain(path);

    const csv = await zip.file('data/zendesk/attachment_files.csv')!.async('string');
    expect(csv).toContain('video.mp4');
    expect(csv).toContain('larger than 10 MB, the limit per file');

    const html = pageText(await zip.file('answer.html')!.async('string'));
    expect(html).toContain('Attachments (the files)');
    expect(html).toContain('Not included because');
    expect(html).toContain('larger than 10 MB, the limit per file');
    expect(html).toContain('Side conversations about support tickets');
    expect(html).toContain('Kunden sier pakken kom knust.');
    expect(html).toContain('Files (in the files/ folder of the package):');
    expect(html).toContain(`ticket-${ticket.id}-${photo.id}-pakke.png`);
  });
});
