import { humanDate } from '../../src/common/human-date';
import { pageText, postJson } from '../intake/intake-helpers';
import { SHOP_B, writeProcessorDataMap } from '../processors/processor-stack';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { signedInStaff } from './staff-session-client';

/** Issue 17: the staff case page shows a request's details in words in the reader's language,
 *  never as JSON or bare ISO days. */
describe("the staff case page shows a case's details in words (real PostgreSQL and Redis)", () => {
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ env: { SYSTEMS_FILE: writeProcessorDataMap() } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** The inner list of details on the case page, as HTML. */
  const detailsOf = (html: string) => {
    const match = html.match(/<dl class="facts">[\s\S]*?<\/dl>/);
    if (!match) throw new Error('no details list on the case page');
    return match[0];
  };

  it('labels each detail and writes dates, the field, the processor controller and unknown keys readably, in nb and in en', async () => {
    const created = await postJson(
      `${stack.url}/api/v1/cases`,
      {
        type: 'rectification',
        channel: 'letter',
        receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
        language: 'nb',
        subject: { email: 'kari.nordmann@example.no', name: 'Kari Nordmann' },
        identityVerified: { method: 'signert brev' },
        details: {
          field: 'phone',
          currentValue: '+47 912 34 567',
          correctedValue: '+47 912 34 568',
          period: { from: '2026-05-03', to: '2026-05-05' },
          recordDates: ['2026-04-25', '2026-04-27'],
          controller: SHOP_B.id,
          corrections: [{ field: 'city', value: 'Bergen' }],
        },
      },
      await adminAuth(stack.url),
    );
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };

    const handler = await signedInStaff(stack, 'details.handler@example.no', 'handler');
    const norwegian = detailsOf(await (await handler.get(`/staff/cases/${reference}`)).text());
    await handler.submit(`/staff/cases/${reference}`, '/staff/language', { language: 'en', next: `/staff/cases/${reference}` });
    const english = detailsOf(await (await handler.get(`/staff/cases/${reference}`)).text());

    for (const [html, language, words] of [
      [
        norwegian,
        'nb',
        [
          'Opplysning som skal rettes telefonnummer',
          'Står nå +47 912 34 567',
          'Skal være +47 912 34 568',
          'Opplysninger fra perioden',
          'Behandlingsansvarlig Strikkeboden AS',
        ],
      ],
      [
        english,
        'en',
        ['Data to correct phone number', 'Currently +47 912 34 567', 'Should be +47 912 34 568', 'Records from the period', 'Controller Strikkeboden AS'],
      ],
    ] as const) {
      const text = pageText(html);
      for (const word of words) expect(text).toContain(word);
      for (const day of ['2026-05-03', '2026-05-05', '2026-04-25', '2026-04-27']) {
        expect(text).toContain(humanDate(day, language));
        expect(html).toContain(`<time datetime="${day}">`);
      }
      // A key the page has no words for keeps its name and is still read as words.
      expect(text).toContain('corrections field: city; value: Bergen');
      expect(text).not.toMatch(/[{}[\]]|\d{4}-\d{2}-\d{2}/);
    }
    expect(pageText(norwegian)).toContain(`${humanDate('2026-05-03', 'nb')} – ${humanDate('2026-05-05', 'nb')}`);
  });
});
