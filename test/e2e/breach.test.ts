// The breach assessor's workbench end to end in the browser host, on the demo snapshot:
// change CB, save the assessment with a name, close, reopen the same snapshot and find it
// loaded; drill from Almere on the map to its users and one user's timeline; download the
// art. 33 notification draft and read it back; the art. 34 list asks for confirmation
// through the app's one way out (cancel leaves nothing) and leaves audit entries.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { RESULTS, axeViolations, launchBrowser, screenshot, startServer, type Server } from './harness';

let server: Server;
let browser: Browser;
let page: Page;
const consoleProblems: string[] = [];

async function gridRows(grid: string): Promise<string[][]> {
  return page.$$eval(`[data-grid="${grid}"] tbody tr:not([aria-hidden])`, (rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent?.trim() ?? '')),
  );
}

async function goTo(screen: string): Promise<void> {
  await page.click(`nav [data-screen="${screen}"]`);
  await page.waitForSelector(`nav [data-screen="${screen}"][aria-current="page"]`);
}

async function openDemo(): Promise<void> {
  await page.click('[data-testid="open-demo"]');
  await page.waitForSelector('#demo-hint', { timeout: 90_000 });
  await page.fill('[data-testid="passphrase"]', 'ketenlens-demo');
  await page.click('[data-testid="open-submit"]');
  await page.getByRole('heading', { name: 'Overzicht', level: 1 }).waitFor({ timeout: 90_000 });
}

const xmlText = (xml: string): string => xml.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'nl-NL', acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleProblems.push(message.text());
  });
  page.on('pageerror', (error) => consoleProblems.push(error.message));
  await page.goto(server.url);
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await screenshot(page, `breach-failed-${context.task.name.replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await browser?.close();
  server?.stop();
});

describe('the breach assessor in the browser host', () => {
  it('changes CB, saves the assessment with a name, closes, reopens the same snapshot and sees it', async () => {
    await openDemo();
    await goTo('datalek');
    await page.waitForSelector('[data-grid="datalek-ernst"] tbody td', { timeout: 60_000 });
    // The proposal for the demo breach: DPC 3 (simple + context + scale), EI 1, CB 0,25 → 3,25 (hoog).
    expect((await gridRows('datalek-ernst'))[0]).toEqual(expect.arrayContaining(['3,00', '1,00', '0,25', '3,25', 'hoog']));
    await page.fill('[data-testid="enisa-cb"]', '0,5');
    await page.waitForFunction(() => document.querySelector('[data-grid="datalek-ernst"] tbody tr')?.textContent?.includes('3,50'), undefined, { timeout: 30_000 });
    await page.fill('[data-testid="assessment-name"]', 'M. de Vries');
    await page.fill('[data-testid="assessment-reasoning"]', 'Onbekend of gemeenten de gegevens hebben doorgestuurd.');
    await page.click('[data-testid="assessment-save"]');
    await page.getByTestId('assessment-status').getByText('Beoordeling bewaard door M. de Vries').waitFor();
    await expect(page.getByTestId('assessment-panel').textContent()).resolves.toContain('deze browser (localStorage)');

    await page.click('[data-testid="close"]');
    await page.getByRole('heading', { name: 'Snapshot openen' }).waitFor();
    await openDemo();
    await goTo('datalek');
    await page.waitForSelector('[data-testid="assessment-history"] li', { timeout: 60_000 });
    await expect(page.inputValue('[data-testid="enisa-cb"]')).resolves.toBe('0,5');
    await expect(page.getByTestId('assessment-history').textContent()).resolves.toContain('M. de Vries (app) — SE 3,5 (hoog)');
    await page.waitForFunction(() => document.querySelector('[data-grid="datalek-ernst"] tbody tr')?.textContent?.includes('3,50'), undefined, { timeout: 30_000 });
  }, 240_000);

  it('drills from Almere on the map to its users and one user’s timeline', async () => {
    await page.locator('path[data-code="GM0034"]').click();
    await page.waitForSelector('[data-testid="drill-users"] tbody tr', { timeout: 30_000 });
    const heading = await page.getByTestId('drilldown').locator('h3').first().textContent();
    expect(heading).toMatch(/^Gebruikers bij Almere \(\d+\)$/);
    const firstRow = await page.$$eval('[data-testid="drill-users"] tbody tr', (rows) =>
      Array.from(rows[0]?.querySelectorAll('th, td') ?? [], (cell) => cell.textContent?.trim() ?? ''));
    // User, views, persons viewed, first, last, categories: counts and times only.
    expect(Number(firstRow[1])).toBeGreaterThan(0);
    expect(firstRow[3]).toMatch(/-1-2022/);
    const user = firstRow[0] ?? '';
    await page.getByTestId('drill-users').getByRole('button', { name: user }).click();
    await page.waitForSelector('[data-testid="drill-timeline"] li');
    await expect(page.getByTestId('drill-timeline').locator('h3').textContent()).resolves.toBe(`Inzagen van ${user} (${firstRow[1]})`);
    await expect(page.getByTestId('drill-timeline').locator('li').count()).resolves.toBe(Number(firstRow[1]));
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.getByTestId('drilldown').scrollIntoViewIfNeeded();
    await page.getByTestId('drilldown').screenshot({ path: join(RESULTS, 'breach-01-drilldown.png') });
  }, 120_000);

  it('downloads the notification draft resting on the saved assessment', async () => {
    await page.fill('[data-testid="draft-measures-taken"]', 'Signalen ingetrokken op 27 januari 2022.');
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.click('[data-testid="draft-download"]');
    const file = await download;
    expect(file.suggestedFilename()).toBe('melding-datalek-INC-2022-001.docx');
    const path = (await file.path()) ?? '';
    await copyFile(path, join(RESULTS, 'breach-melding.docx'));
    const word = xmlText(new TextDecoder().decode(unzipSync(new Uint8Array(await readFile(path)))['word/document.xml']));
    expect(word).toContain('SE = DPC × EI + CB = 3 × 1 + 0,5 = 3,5 (hoog)');
    expect(word).toContain('Gemeld 485,3 uur na ontdekking: later dan 72 uur (te laat');
    expect(word).toContain('Beoordeling: M. de Vries');
    expect(word).toContain('Genomen maatregelen: Signalen ingetrokken op 27 januari 2022.');
    expect(word).toMatch(/Aantal betrokkenen \(bij benadering\): [\d.]+ personen/);
  }, 120_000);

  it('asks for confirmation before the art. 34 list, saves nothing on cancel, and audits the export', async () => {
    await page.click('[data-testid="art34-export"]');
    const dialog = page.locator('dialog[open][data-testid="confirm-dialog"]');
    // The app's one way out: person-level, so it asks first; cancelling leaves nothing.
    await dialog.getByText('Gegevens zonder bescherming laten gaan?').waitFor();
    await expect(dialog.textContent()).resolves.toContain('persoonsniveau');
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await page.getByTestId('documents-status').getByText('Geannuleerd: er is niets gekopieerd of opgeslagen.').waitFor();

    await page.click('[data-testid="art34-export"]');
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Ja, toch doorgaan' }).click();
    expect((await download).suggestedFilename()).toBe('betrokkenen-art34-INC-2022-001.xlsx');

    await goTo('audit');
    await page.waitForSelector('[data-grid="audit"] tbody td');
    const rows = await gridRows('audit');
    const actions = rows.map((row) => row[2]);
    expect(actions).toEqual(expect.arrayContaining(['save-assessment', 'confirm-unprotected-export', 'export-table']));
    expect(rows.some((row) => row.join(' ').includes('datalek-betrokkenen'))).toBe(true);
    expect(consoleProblems.filter((p) => !p.includes('status of 4'))).toEqual([]);
  }, 120_000);
});
