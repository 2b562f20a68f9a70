// Controleren end to end in the browser host: paste Tabel 1 of nr. 391 as Word puts it on
// the clipboard, see exactly one problem and the 01-07-2023 Totaal highlighted in the grid
// (screenshot), axe-clean; then "Controleer een export…" with a file made elsewhere.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT, axeViolations, launchBrowser, screenshot, startServer, type Server } from './harness';
import { join } from 'node:path';

let server: Server;
let browser: Browser;
let page: Page;

const WORD_HTML = readFileSync(join(ROOT, 'test/fixtures/reconcile/word-clipboard.html'), 'utf8');

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 }, locale: 'nl-NL' });
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.stop();
});

describe('Controleren', () => {
  it('opens the demo', async () => {
    await page.goto(server.url);
    await page.click('[data-testid="open-demo"]');
    await page.waitForSelector('#demo-hint', { timeout: 90_000 });
    await page.fill('[data-testid="passphrase"]', 'ketenlens-demo');
    await page.click('[data-testid="open-submit"]');
    await page.waitForSelector('nav [data-screen="controleren"]', { timeout: 120_000 });
  }, 180_000);

  it('a table pasted from Word: one problem, the 01-07-2023 Totaal highlighted', async () => {
    await page.click('nav [data-screen="controleren"]');
    await page.getByRole('heading', { name: 'Controleren', level: 1 }).waitFor();
    // A real paste: the clipboard event carries Word's HTML (and its plain text).
    await page.getByTestId('reconcile-input').focus();
    await page.evaluate((html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'Tabel 1');
      document.querySelector('[data-testid="reconcile-input"]')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, WORD_HTML);
    await page.getByTestId('reconcile-html-note').waitFor();
    await page.getByTestId('reconcile-run').click();
    const verdict = page.getByTestId('reconcile-verdict-0');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toBe('1 probleem gevonden.');
    const problems = await page.getByTestId('reconcile-problems-0').locator('li').allTextContents();
    expect(problems).toEqual(['01-07-2023 · Totaal: gepubliceerd 2.341; de cellen tellen op tot 2.436; de data geeft 2.436 (verschil −95).']);
    const marked = page.locator('[data-grid="controle-0"] td.cell-different');
    expect(await marked.allTextContents()).toEqual(['2.341']);
    expect(await page.locator('[data-grid="controle-0"] td.cell-explained').count()).toBe(0);
    // The report grid has the one finding, ready for the way out.
    expect(await page.locator('[data-grid="controle-verslag-0"]').getAttribute('data-rows')).toBe('1');
    expect(await axeViolations(page)).toEqual([]);
    await marked.scrollIntoViewIfNeeded();
    await screenshot(page, 'controleren-tabel1');
  }, 120_000);

  it('"Controleer een export…" reads a file: a Ketenlens export of another snapshot is said to be so', async () => {
    await page.getByTestId('verify-file').setInputFiles({
      name: 'tabel1.md', mimeType: 'text/markdown', buffer: readFileSync(join(ROOT, 'test/golden/tabel1.md')),
    });
    await page.getByTestId('verify-audit').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('verify-audit').textContent()).toMatch(/^Auditlog: /);
    expect(await page.getByTestId('reconcile-result-0').textContent()).toContain('andere snapshot');
    expect(await axeViolations(page)).toEqual([]);
  }, 120_000);

  it('an export made in this app is linked to its audit entry by the reference it carries, and its SHA-256', async () => {
    await page.click('nav [data-screen="elip"]');
    const grid = page.locator('[data-grid="elip-cohorten"]');
    await grid.locator('tbody td').first().waitFor({ timeout: 60_000 });
    await grid.getByTestId('format-elip-cohorten').selectOption('md');
    const download = page.waitForEvent('download');
    await grid.getByRole('button', { name: 'Exporteren' }).click();
    const markdown = readFileSync((await (await download).path()) ?? '', 'utf8');
    const seq = Number(/ · auditregel (\d+) \([0-9a-f]{12}\) · /.exec(markdown)?.[1]);
    expect(seq).toBeGreaterThan(0);

    await page.click('nav [data-screen="controleren"]');
    await page.getByTestId('verify-file').setInputFiles({ name: 'elip-cohorten.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) });
    await page.getByTestId('verify-audit').waitFor({ timeout: 60_000 });
    await page.waitForFunction((expected) => document.querySelector('[data-testid="verify-audit"]')?.textContent?.includes(`regel ${expected} en`) === true, seq, { timeout: 30_000 });
    expect(await page.getByTestId('verify-audit').textContent()).toBe(
      `Auditlog: de export noemt regel ${seq} en die staat in het auditlog met dezelfde hash. Auditlog: deze export is vastgelegd in regel ${seq + 1}.`,
    );
    expect(await page.getByTestId('reconcile-result-0').textContent()).not.toContain('andere snapshot');
  }, 120_000);
});
