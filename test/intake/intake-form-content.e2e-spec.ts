import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { REQUEST_TYPES } from '../../src/common/case-types';
import { PAGE_COPY } from '../../src/public-site/pages/page-copy';
import { FixedClock } from '../support/fixed-clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { openForm, pageText, postForm } from './intake-helpers';

/** What the form tells a person before they send anything: who the controller is, how to reach
 *  it, and the six requests with what each means; and that an objection's choice reaches the case. */
describe('public request form content (controller, request types, objection)', () => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00+01:00'));
  let stack: TestApp;
  let controller: { name: string; email: string; privacyPolicyUrl: string };

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });
    // The data map in use (the default SYSTEMS_FILE), read as an operator wrote it.
    controller = parse(readFileSync(stack.config.SYSTEMS_FILE, 'utf8')).controller;
    expect(controller).toMatchObject({ name: expect.any(String), email: expect.stringContaining('@'), privacyPolicyUrl: expect.stringMatching(/^https:/) });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

  it.each([
    ['/', 'Hvem du spør', 'Kontakt oss om personvern', 'Les personvernerklæringen vår'],
    ['/?lang=en', 'Who you are asking', 'Contact us about privacy', 'Read our privacy statement'],
  ])('names the controller, its privacy contact and privacy statement on %s', async (path, heading, contact, statement) => {
    const html = await (await fetch(`${stack.url}${path}`)).text();
    const text = pageText(html);
    expect(html).toMatch(new RegExp(`<title>[^<]* – ${controller.name}</title>`));
    expect(text).toContain(heading);
    expect(text).toMatch(new RegExp(`(Forespørselen går til|Your request goes to) ${controller.name}`));
    expect(html).toContain(`${contact}: <a href="mailto:${controller.email}">${controller.email}</a>`);
    expect(html).toContain(`<a href="${controller.privacyPolicyUrl}">${statement}</a>`);
  });

  it.each(['nb', 'en'] as const)('offers all six request types with their explanation (%s)', async (language) => {
    const html = await (await fetch(`${stack.url}/${language === 'en' ? '?lang=en' : ''}`)).text();
    const radios = [...html.matchAll(/<input type="radio" id="type-([a-z]+)" name="type"/g)].map((match) => match[1]);
    expect(radios).toEqual([...REQUEST_TYPES]);
    for (const type of REQUEST_TYPES) {
      const { label, help } = PAGE_COPY[language].form.types[type];
      expect(html).toContain(`value="${type}" aria-describedby="type-${type}-help">`);
      expect(html).toContain(`<label for="type-${type}">${escape(label)}</label>`);
      expect(html).toContain(`<p class="hint" id="type-${type}-help">${escape(help)}</p>`);
    }
    // The wording a person reads, not only that some copy is there.
    expect(pageText(html)).toContain(
      language === 'en'
        ? 'Object to how my data is used Say no to marketing, or object to another use we base on "legitimate interest".'
        : 'Protestere mot bruken av opplysningene mine Si nei til markedsføring, eller protester mot annen bruk vi begrunner med «berettiget interesse».',
    );
  });

  it('files an objection to a legitimate-interest processing, with the grounds, through the form', async () => {
    const form = await openForm(stack.url, '/?lang=en');
    expect(form.html).toContain('<label for="objectionProcessing-legitimate_interest">Another use we base on legitimate interest</label>');
    const grounds = 'I moved abroad and do not want my old address used for profiling.';
    const response = await postForm(
      stack.url,
      form.cookies,
      {
        _csrf: form.csrf,
        idempotencyKey: form.key,
        lang: 'en',
        type: 'objection',
        objectionProcessing: 'legitimate_interest',
        objectionGrounds: grounds,
        email: 'objector@example.no',
      },
      '/?lang=en',
    );
    expect(response.status).toBe(200);
    expect(pageText(await response.text())).toContain('Check your e-mail');
    const [row] = await stack.dataSource.query(`SELECT type, channel, origin, language, details FROM cases WHERE subject_email = 'objector@example.no'`);
    expect(row).toEqual({ type: 'objection', channel: 'web', origin: 'intake', language: 'en', details: { processing: 'legitimate_interest', grounds } });
  });
});
