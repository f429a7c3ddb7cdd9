import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { staffUser } from '../fanout/fanout-stack';
import { DISPUTE_SUBJECT, erasureWithPlan, seedSixTickets, startPlanStack, waitForCase, type PlanStack } from './plan-stack';

const HANDLER = 'hanne.plan@firma.example';
const PERSON = { name: 'Siri Vik', email: 'siri.vik@example.no', phone: '+4793334455' };
const CLAIM = 'payment dispute over invoice 1042';
const ARTIFACTS = join(__dirname, '..', 'artifacts');

/** A handler reviews the plan on the case page: marks the disputed ticket kept, then approves. */
describe('the plan on the staff case page, in Chromium', () => {
  let plan: PlanStack;
  let browser: Browser;
  let reference: string;

  beforeAll(async () => {
    plan = await startPlanStack('PLAN_PAGE');
    seedSixTickets(plan.sims.zendesk, PERSON);
    reference = (await erasureWithPlan(plan.client, PERSON)).reference;
    await staffUser(plan.stack, HANDLER, 'handler');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await plan?.close();
  });

  const navigate = async (page: Page, action: () => Promise<unknown>) => {
    await Promise.all([page.waitForNavigation(), action()]);
  };

  it('shows each ticket with its proposal, keeps the disputed one with its claim and restriction, and approves', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 1400 } })).newPage();
    await page.goto(`${plan.stack.url}/staff/login`);
    await page.fill('#email', HANDLER);
    await page.fill('#password', 'owner password 0123456789');
    await navigate(page, () => page.keyboard.press('Enter'));
    await navigate(page, () => page.click('button[name="language"][value="en"]'));
    await page.goto(`${plan.stack.url}/staff/cases/${reference}`);

    const section = page.locator('[data-testid=plan]');
    expect(await section.locator('h3').innerText()).toContain('Zendesk Support');
    const rows = section.locator('tr[data-plan-item]');
    expect(await rows.count()).toBe(7);
    expect(await section.locator('tr[data-action="erase"]').count()).toBe(7);
    const dispute = section.locator('tr[data-plan-item]', { hasText: DISPUTE_SUBJECT });
    expect(await dispute.locator('td').nth(1).innerText()).toBe('erase');

    // Keeping without the claim: the page says what is missing and keeps what was typed.
    await dispute.locator('summary').click();
    await dispute.locator('select[name="action"]').selectOption('keep');
    await dispute.locator('select[name="basis"]').selectOption('legal_claims');
    await dispute.locator('input[name="criterion"]').fill('until the payment dispute is settled');
    await dispute.locator('input[name="allowedUse"]').fill('legal_claims');
    await navigate(page, () => dispute.locator('button').click());
    const again = page.locator('[data-testid=plan] tr[data-plan-item]', { hasText: DISPUTE_SUBJECT });
    expect(await again.locator('.field-error').innerText()).toContain('Name the claim');
    expect(await again.locator('input[name="criterion"]').inputValue()).toBe('until the payment dispute is settled');

    await again.locator('input[name="claim"]').fill(CLAIM);
    await again.locator('input[name="restrict"]').check();
    await navigate(page, () => again.locator('button').click());
    expect(await page.locator('.notice').innerText()).toContain('The plan is changed for the record.');
    const kept = page.locator('[data-testid=plan] tr[data-plan-item]', { hasText: DISPUTE_SUBJECT });
    expect(await kept.getAttribute('data-action')).toBe('keep');
    expect(await kept.locator('[data-testid=plan-kept]').innerText()).toBe(
      `Kept: Legal claims (Art 17(3)(e)) – ${CLAIM}; until the payment dispute is settled; used only to establish, exercise or defend that claim; restricted`,
    );

    await navigate(page, () => page.locator('form[action$="/approve"] button').click());
    expect(await page.locator('.notice').innerText()).not.toBe('');
    expect(await page.locator('[data-testid=plan-approval]').innerText()).toBe('The approval covers the plan as it stands now.');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('[data-testid=plan]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'plan-review.png'), fullPage: true });

    // And the approved plan is what ran: the disputed ticket is still there, tagged.
    await waitForCase(plan.client, reference, (body) => body.status === 'awaiting_review');
    const ticket = plan.sims.zendesk.state
      .liveTickets()
      .find((candidate) => candidate.subject === DISPUTE_SUBJECT && candidate.tags.includes('dsr-restricted'));
    expect(ticket).toBeDefined();
  });
});
