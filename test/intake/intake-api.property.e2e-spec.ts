import fc from 'fast-check';
import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, type TestApp } from '../support/test-app';

/** Thousands of random bodies at the public JSON intake: only 202, 400 or 429, never a 500. */
describe('POST /api/v1/requests under random input (fast-check)', () => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00+01:00'));
  const smtp = new SmtpCapture();
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), INTAKE_RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(async () => {
    await stack.close();
    await smtp.stop();
  });

  const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ maxLength: 6000 }), fc.constantFrom('', ' ', '\u0000', 'a@b.no'));
  const anyValue = fc.oneof(anyText, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));
  const plausible = fc.record(
    {
      type: fc.oneof(fc.constantFrom('access', 'rectification', 'erasure', 'objection', 'restriction', 'portability'), anyValue),
      email: fc.oneof(fc.emailAddress(), anyValue),
      name: anyValue,
      phone: fc.oneof(fc.stringMatching(/^\+?[0-9 ()-]{5,30}$/), anyValue),
      customerNumber: anyValue,
      language: fc.oneof(fc.constantFrom('nb', 'en'), anyValue),
      details: fc.oneof(
        anyValue,
        fc.record(
          {
            text: anyValue,
            field: anyValue,
            correctedValue: anyValue,
            processing: fc.oneof(fc.constantFrom('direct_marketing', 'legitimate_interest'), anyValue),
            grounds: anyValue,
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  );
  const mostlyValid = fc.record(
    {
      type: fc.constantFrom('access', 'rectification', 'erasure', 'objection', 'restriction', 'portability'),
      email: fc.emailAddress(),
      name: fc.string({ maxLength: 220 }),
      language: fc.constantFrom('nb', 'en'),
      details: fc.record(
        {
          text: fc.string({ maxLength: 200 }),
          field: fc.string({ minLength: 1, maxLength: 40 }),
          correctedValue: fc.string({ minLength: 1, maxLength: 40 }),
          processing: fc.constantFrom('direct_marketing', 'legitimate_interest'),
          grounds: fc.string(),
        },
        { requiredKeys: ['field', 'correctedValue', 'processing'] },
      ),
    },
    { requiredKeys: ['type', 'email'] },
  );
  const body = fc.oneof(mostlyValid, plausible, fc.dictionary(fc.string(), anyValue, { maxKeys: 5 }), fc.jsonValue({ maxDepth: 3 }));

  it('answers 2,000 random bodies with 202, 400 or 429 only', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const response = await fetch(`${stack.url}/api/v1/requests`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
        });
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        const answer = await response.json();
        expect([202, 400, 429]).toContain(response.status);
        if (response.status === 202) expect(answer).toEqual({ reference: expect.stringMatching(/^DSR-\d{4}-\d{6}$/), status: 'awaiting_verification' });
        if (response.status === 400) {
          expect(typeof answer.message).toBe('string');
          // A body that parses as a JSON object gets field details; one that is not an object is refused by the JSON parser.
          if (typeof input === 'object' && input !== null) expect(answer.details.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
    // Both branches were really exercised.
    expect(seen.get(202)).toBeGreaterThan(100);
    expect(seen.get(400)).toBeGreaterThan(100);
  }, 300_000);
});
