import { startTestApp, type TestApp } from '../support/test-app';

const TOKEN = 'metrics-token-0123456789abcdef';

/** Issue 15: /metrics was public. With METRICS_TOKEN set it needs that Bearer token; unset, it stays open. */
describe('/metrics and METRICS_TOKEN', () => {
  describe('with METRICS_TOKEN', () => {
    let stack: TestApp;
    beforeAll(async () => {
      stack = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('refuses a scrape without the token or with a wrong one, and answers one with it', async () => {
      const attempts: Array<Record<string, string>> = [{}, { Authorization: 'Bearer wrong-token-0123456789' }, { Authorization: TOKEN }];
      for (const headers of attempts) {
        const refused = await fetch(`${stack.url}/metrics`, { headers });
        expect(refused.status).toBe(401);
        expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(await refused.text()).not.toContain('dsr_cases');
      }
      const scraped = await fetch(`${stack.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('dsr_cases');
    });
  });

  describe('without METRICS_TOKEN', () => {
    let stack: TestApp;
    beforeAll(async () => {
      stack = await startTestApp();
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('stays open, as documented', async () => {
      const scraped = await fetch(`${stack.url}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('dsr_cases');
    });
  });
});
