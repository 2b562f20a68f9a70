// End to end: open the demo, then *Vergelijken met…* the earlier demo extract (peildatum
// 2023-07-13) beside it, and see the fine backlog at 2022-10-31 go from 2.002 to 3.217 with
// the documented causes (docs/DEMO.md); no person id on the page; axe-clean; a screenshot.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, screenshot, startServer, type Server } from './harness';

let server: Server;
let browser: Browser;
let page: Page;
const consoleProblems: string[] = [];

async function expectAccessible(name: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'nl-NL' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleProblems.push(message.text());
  });
  page.on('pageerror', (error) => consoleProblems.push(error.message));
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await screenshot(page, `diff-failed-${context.task.name.replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await browser?.close();
  server?.stop();
});

describe('Vergelijken met…', () => {
  it('opens the demo', async () => {
    await page.goto(server.url);
    await page.click('[data-testid="open-demo"]');
    await page.waitForSelector('#demo-hint', { timeout: 90_000 });
    await page.fill('[data-testid="passphrase"]', 'ketenlens-demo');
    await page.click('[data-testid="open-submit"]');
    await page.getByRole('heading', { name: 'Overzicht', level: 1 }).waitFor({ timeout: 90_000 });
    await expect(page.locator('.meta-list').textContent()).resolves.toContain('ketenlens-demo');
  });

  it('opens the earlier demo extract beside it and shows the backlog change by cause', async () => {
    await page.click('nav [data-screen="vergelijken"]');
    await page.getByRole('heading', { name: 'Vergelijken met een tweede snapshot', level: 1 }).waitFor();
    await expectAccessible('vergelijken, before opening');
    await page.click('[data-testid="compare-earlier-demo"]');
    await page.fill('[data-testid="compare-passphrase"]', 'ketenlens-demo');
    await page.click('[data-testid="compare-open"]');
    await page.waitForSelector('[data-testid="compare-causes"]', { timeout: 180_000 });
    await expect(page.locator('[data-testid="compare-sides"]').textContent()).resolves.toContain('13-7-2023');
    await expect(page.locator('[data-testid="compare-comparability"]').textContent()).resolves.toContain("pseudoniem_domein 'ketenlens-demo'");

    await page.fill('[data-testid="compare-peildatum"]', '2022-10-31');
    const row = page.locator('[data-testid="compare-causes"] tr[data-column="achterstand"]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="compare-causes"] tr[data-column="achterstand"]')?.textContent?.includes('3.217'),
      undefined,
      { timeout: 120_000 },
    );
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['2.002', '3.217', '+1.215']);
    const cause = (name: string) => row.locator(`td[data-cause="${name}"]`).textContent();
    await expect(cause('nieuw')).resolves.toBe('+260');
    await expect(cause('verwijderd')).resolves.toBe('−45');
    await expect(cause('laat_geleverd')).resolves.toBe('+750');
    await expect(cause('status_datum')).resolves.toBe('+250');
    await expect(cause('correctie')).resolves.toBe('0');
    await page.waitForSelector('[data-grid="vergelijken"]');
    expect(await page.content()).not.toMatch(/P\d{7}/);
    await expectAccessible('vergelijken, causes');
    await screenshot(page, 'diff-vergelijken');
    // As in app.test.ts: a 4xx for a resource the page probes (favicon) is not a problem.
    expect(consoleProblems.filter((problem) => !problem.includes('status of 4'))).toEqual([]);
  });
});
