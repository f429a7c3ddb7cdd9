import JSZip from 'jszip';
import { AnswerPackageEntity } from '../../src/responses/package/answer-package.entity';
import { PackageBuilderService } from '../../src/responses/package/package-builder.service';
import { registration, settled, waitForCase } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { pageText } from '../intake/intake-helpers';
import { useSimulatorStack } from '../responses/simulator-stack';

const PREFIX = 'HUBSPOT_MARKETING_E2E';
const LARS = NORWEGIAN_PEOPLE[3];
const T0 = Date.parse('2026-02-02T09:00:00.000Z');

/**
 * An access request through the REST API with HubSpot holding Lars's marketing e-mail events, a
 * form submission and an earlier phone number: all three reach the answer package (JSON, CSV and
 * the readable copy with labelled columns) and the letter names them.
 */
describe('HubSpot marketing data in an access answer (REST)', () => {
  const env = useSimulatorStack(PREFIX, { env: { PACKAGE_KEY: Buffer.alloc(32, 9).toString('base64') } });

  it('puts the e-mail events, the form submission and the earlier values in the package and the letter', async () => {
    const hubspot = env.sims.hubspot;
    const contact = hubspot.state.contactByEmail(LARS.email)!;
    contact.history.phone.push({ value: '+47 400 11 222', timestamp: '2022-04-01T10:00:00.000Z', sourceType: 'IMPORT' });
    for (const [type, offset] of [
      ['SENT', 0],
      ['DELIVERED', 1000],
      ['OPEN', 60_000],
    ] as const) {
      hubspot.state.marketing.addEmailEvent({ recipient: LARS.email, type, created: T0 + offset, subject: 'Februartilbud' });
    }
    hubspot.state.marketing.addForm({
      guid: '0b7e3f64-4444-4d8e-9a61-000000000004',
      name: 'Catalogue order',
      submissions: [{ contactId: contact.id, submittedAt: T0 - 86_400_000, values: { address: 'Kirkegata 5, 7013 Trondheim', catalogue: 'Vår 2026' } }],
    });

    const created = await env.client.post('/api/v1/cases', { ...registration('access', LARS), language: 'en' });
    expect(created.status).toBe(201);
    const { reference, id } = (await created.json()) as { reference: string; id: string };
    await waitForCase(env.client, reference, (body) => settled(body) && (body as unknown as { status: string }).status === 'awaiting_review');

    const preview = (await (await env.client.get(`/api/v1/cases/${reference}/letter`)).json()) as { text: string };
    expect(preview.text).toContain('3 marketing events (sends/opens/clicks)');
    expect(preview.text).toContain('1 form submission');
    expect(preview.text).toContain('1 earlier value in the change history');

    const completed = await env.client.post(`/api/v1/cases/${reference}/complete`, {});
    expect(completed.status).toBe(200);
    const row = await env.stack.dataSource.getRepository(AnswerPackageEntity).findOneOrFail({ where: { caseId: id } });
    const zip = await JSZip.loadAsync(env.stack.context.get(PackageBuilderService).open(row));

    const data = JSON.parse(await zip.file('data/hubspot.json')!.async('string')) as {
      marketingEmailEvents: Array<{ event: string }>;
      formSubmissions: unknown[];
      propertyHistory: unknown[];
    };
    expect(data.marketingEmailEvents.map((event) => event.event).sort()).toEqual(['DELIVERED', 'OPEN', 'SENT']);
    expect(data.formSubmissions).toEqual([
      expect.objectContaining({ form: 'Catalogue order', values: expect.arrayContaining([{ field: 'address', value: 'Kirkegata 5, 7013 Trondheim' }]) }),
    ]);
    expect(data.propertyHistory).toEqual([expect.objectContaining({ property: 'phone', value: '+47 400 11 222' })]);

    const csv = await zip.file('data/hubspot/hubspot_form_submission_values.csv')!.async('string');
    expect(csv).toContain('Kirkegata 5, 7013 Trondheim');
    expect(await zip.file('data/hubspot/hubspot_marketing_email_events.csv')!.async('string')).toContain('Februartilbud');

    const html = pageText(await zip.file('answer.html')!.async('string'));
    for (const heading of [
      'Marketing e-mail events (sent, delivered, opened, clicked)',
      'Forms you submitted',
      'What you entered in the forms',
      'Earlier values (change history)',
    ]) {
      expect(html).toContain(heading);
    }
    for (const column of ['E-mail subject', 'Event', 'Submitted', 'Set on']) expect(html).toContain(column);
    expect(html).toContain('+47 400 11 222');
  });
});
