// The one way out, end to end in the browser host: copying Tabel 1 with the default
// settings carries suppressed cells and says so; a person-level query (an alias hides its
// id) asks before a copy and before an export, and cancelling leaves nothing; a filtered
// grid with a hidden column exports only what is shown, and the file's notes say so; a file
// names the audit entry that records it, and export-written follows it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, screenshot, startServer, type Server } from './harness';

let server: Server;
let browser: Browser;
let page: Page;
let downloads = 0;

async function expectAccessible(name: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

async function goTo(screen: string): Promise<void> {
  await page.click(`nav [data-screen="${screen}"]`);
  await page.waitForSelector(`nav [data-screen="${screen}"][aria-current="page"]`);
}

const clipboardText = () => page.evaluate(() => navigator.clipboard.readText());

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'nl-NL', acceptDownloads: true });
  // The browser host has no permission handler of its own; Electron's is tested in test/electron.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
  page.on('download', () => {
    downloads += 1;
  });
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await screenshot(page, `ways-out-failed-${context.task.name.replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await browser?.close();
  server?.stop();
});

describe('every way out is protected, confirmed and recorded', () => {
  it('opens the demo', async () => {
    await page.goto(server.url);
    await page.click('[data-testid="open-demo"]');
    await page.waitForSelector('#demo-hint', { timeout: 90_000 });
    await page.fill('[data-testid="passphrase"]', 'ketenlens-demo');
    await page.click('[data-testid="open-submit"]');
    await page.getByRole('heading', { name: 'Overzicht', level: 1 }).waitFor({ timeout: 90_000 });
  });

  it('copies Tabel 1 with the default settings: suppressed cells on the clipboard, a warning on the screen', async () => {
    await goTo('elip');
    await page.waitForSelector('[data-grid="elip-cohorten"] tbody td', { timeout: 60_000 });
    const grid = page.locator('[data-grid="elip-cohorten"]');
    await expect(grid.getByTestId('protection-elip-cohorten').inputValue()).resolves.toBe('suppress');
    await grid.getByRole('button', { name: 'Kopieer selectie' }).click();
    const status = grid.locator('.grid-status');
    await status.getByText(/Let op: \d+ cel\(len\) afgeschermd/).waitFor();
    const lines = (await clipboardText()).trimEnd().split('\n');
    expect(lines[0]?.split('\t')[0]).toBe('Peildatum');
    // 1-5-2022: 4 persons in cohort 2021 leave as '<10'; the big cohorts as they are.
    expect(lines[1]?.split('\t').slice(0, 8)).toEqual(['01-05-2022', '24', '78', '207', '460', '601', '722', '270']);
    expect(lines[1]?.split('\t')[9]).toBe('<10');
    expect(lines.join('\n')).not.toMatch(/\t[1-9]\t/);
    await screenshot(page, 'ways-out-01-tabel1-copied');
  });

  it('asks before a person-level query result (an alias) is copied or exported; cancelling leaves nothing', async () => {
    await goTo('sql');
    await page.fill('[data-testid="sql-editor"]', 'SELECT id AS x, stelsel AS s FROM inburgeraar ORDER BY id LIMIT 5');
    await page.click('[data-testid="sql-run"]');
    await page.waitForFunction(() => document.querySelector('[data-grid="query"] thead')?.textContent?.includes('x'), undefined, { timeout: 30_000 });
    await page.getByRole('note').getByText('persoonsniveau').waitFor();
    const grid = page.locator('[data-grid="query"]');
    const dialog = page.locator('dialog[open][data-testid="confirm-dialog"]');

    await page.evaluate(() => navigator.clipboard.writeText('nog niets gekopieerd'));
    await grid.getByRole('button', { name: 'Kopieer selectie' }).click();
    await dialog.getByRole('heading', { name: 'Gegevens zonder bescherming laten gaan?' }).waitFor();
    await expect(dialog.textContent()).resolves.toContain('persoonsniveau');
    await expectAccessible('way-out confirmation');
    await screenshot(page, 'ways-out-02-person-level-confirm');
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await grid.getByText('Geannuleerd: er is niets gekopieerd of opgeslagen.').waitFor();
    await expect(clipboardText()).resolves.toBe('nog niets gekopieerd');

    await grid.getByRole('button', { name: 'Kopieer HTML' }).click();
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await expect(clipboardText()).resolves.toBe('nog niets gekopieerd');

    const before = downloads;
    await grid.getByTestId('format-query').selectOption('csv');
    await grid.getByRole('button', { name: 'Exporteren' }).click();
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await grid.getByText('Geannuleerd: er is niets gekopieerd of opgeslagen.').waitFor();
    expect(downloads).toBe(before);

    // Confirmed, the copy happens and says it went unprotected.
    await grid.getByRole('button', { name: 'Kopieer selectie' }).click();
    await dialog.getByRole('button', { name: 'Ja, toch doorgaan' }).click();
    await grid.getByText(/zonder bescherming gekopieerd of opgeslagen/).waitFor();
    const copied = (await clipboardText()).split('\n');
    expect(copied[0]).toBe('x\ts');
    expect(copied).toHaveLength(7);
  });

  it('exports only the visible rows and columns of a filtered grid, and says which filter in the notes', async () => {
    await goTo('elip');
    const grid = page.locator('[data-grid="elip-gemeenten"]');
    await grid.locator('tbody td').first().waitFor({ timeout: 60_000 });
    await page.fill('[data-testid="search-elip-gemeenten"]', 'Amsterdam');
    await page.waitForFunction(() => document.querySelector('[data-grid="elip-gemeenten"]')?.getAttribute('data-rows') === '1');
    const headers = await grid.locator('thead tr').first().locator('th').allTextContents();
    const hidden = headers[1]?.replace(/[▲▼]/g, '').trim() ?? '';
    await grid.locator('summary', { hasText: 'Kolommen' }).click();
    await grid.getByRole('checkbox', { name: hidden, exact: true }).uncheck();
    await grid.locator('summary', { hasText: 'Kolommen' }).click();
    await screenshot(page, 'ways-out-03-filtered-grid');

    await grid.getByTestId('format-elip-gemeenten').selectOption('csv-rfc');
    const csvDownload = page.waitForEvent('download', (download) => download.suggestedFilename().endsWith('.csv'));
    const sidecarDownload = page.waitForEvent('download', (download) => download.suggestedFilename().endsWith('.csv.provenance.json'));
    await grid.getByRole('button', { name: 'Exporteren' }).click();
    const csv = (await readFile((await (await csvDownload).path()) ?? '', 'utf8')).trimEnd().split('\r\n');
    const header = csv[0]?.split(',') ?? [];
    expect(header).not.toContain(hidden);
    expect(header).toHaveLength(headers.length - 1);
    const body = csv.slice(1).filter((line) => line !== '' && !line.startsWith('Totaal'));
    expect(body).toHaveLength(1);
    // The hidden column held the name: only Amsterdam's code and counts leave.
    expect(body[0]).toMatch(/^GM0363,\d/);
    expect(body[0]).not.toContain('Amsterdam');
    // CSV holds data only; its provenance, naming the audit entry, downloads beside it.
    const sidecar = JSON.parse(await readFile((await (await sidecarDownload).path()) ?? '', 'utf8')) as { audit: { seq: number; hash: string } | null };
    expect(sidecar.audit).toEqual({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    await grid.getByTestId('format-elip-gemeenten').selectOption('md');
    const mdDownload = page.waitForEvent('download');
    await grid.getByRole('button', { name: 'Exporteren' }).click();
    const markdown = await readFile((await (await mdDownload).path()) ?? '', 'utf8');
    expect(markdown).toContain('Getoond in Ketenlens met zoekterm ‘Amsterdam’');
    expect(markdown).toContain(`verborgen kolommen: ${hidden}`);
    // The provenance line names the audit entry appended for this export before it was made.
    expect(markdown).toMatch(/ · auditregel \d+ \([0-9a-f]{12}\) · /);
  });

  it('records every way out in the audit trail', async () => {
    await goTo('audit');
    await page.waitForSelector('[data-grid="audit"] tbody td');
    const actions = await page.$$eval('[data-grid="audit"] tbody tr:not([aria-hidden])', (rows) => rows.map((row) => row.querySelectorAll('td')[2]?.textContent ?? ''));
    expect(actions).toEqual(expect.arrayContaining(['copy-table', 'confirm-unprotected-export', 'export-table', 'export-written']));
  });
});
