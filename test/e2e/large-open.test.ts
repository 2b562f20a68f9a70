// End to end through the browser host: a snapshot large enough (38 MB) to be decrypted on two
// workers (renderer/worker/decrypt-aside.ts), into its own memory behind a hash begun as it was
// read (hash-ahead.ts), and to have its data-leak tables checked on a third (scan-aside.ts).
// The page is cross-origin isolated, the file is read into shared memory, the workers start,
// and what the Overzicht shows — the row count of every table, the SHA-256, the three headline
// figures — equals what the command line says of the same file (`info`, and the column totals
// of the tables the figures lead to). The same file then opens as Vergelijken's second snapshot.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, startServer, type Server } from './harness';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'ketenlens.mjs');

interface Info {
  file: { sha256: string; size: number };
  meta: { peildatum: string };
  rowCounts: Record<string, number>;
  findings: unknown[];
}

/** The command line's total of one column of a table, as the app's headline figure is. */
function cliTotal(table: string, column: string, passphraseFile: string, environment: NodeJS.ProcessEnv): number {
  const model = JSON.parse(execFileSync(process.execPath, [CLI, 'table', table, file, '--format', 'json', '--passphrase-file', passphraseFile], { env: environment, encoding: 'utf8' })) as { rows: Array<Record<string, unknown>> };
  return model.rows.reduce((sum, row) => sum + Number(row[column] ?? 0), 0);
}

let directory: string;
let file: string;
let info: Info;
let headlines: Record<string, number>;
let server: Server;
let browser: Browser;
let page: Page;
const workerUrls: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'ketenlens-large-open-'));
  file = join(directory, 'scale.snapshot.age');
  const passphraseFile = join(directory, 'passphrase.txt');
  writeFileSync(passphraseFile, 'ketenlens-demo\n', { mode: 0o600 });
  const environment = { ...process.env, KETENLENS_DATA_DIR: directory };
  execFileSync(process.execPath, [CLI, 'demo', '--persons', '45000', '--out', file, '--force'], { env: environment, stdio: 'ignore' });
  info = JSON.parse(execFileSync(process.execPath, [CLI, 'info', file, '--json', '--passphrase-file', passphraseFile], { env: environment, encoding: 'utf8' })) as Info;
  // renderer/worker/headlines.ts: the same tables and columns, at the snapshot's peildatum, doelgroep asiel.
  headlines = {
    'headline-elip-gemeenten': cliTotal('elip-gemeenten', 'totaal', passphraseFile, environment),
    'headline-boete-achterstand': cliTotal('boete-achterstand', 'achterstand', passphraseFile, environment),
    'headline-datalek-gemeenten': cliTotal('datalek-gemeenten', 'personen', passphraseFile, environment),
  };
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.on('worker', (worker) => workerUrls.push(worker.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('404')) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.stop();
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
});

describe('a large snapshot in the browser host', () => {
  it('is decrypted on two workers and checked on a third, from shared memory, and shows what the command line shows', async () => {
    expect(info.file.size).toBeGreaterThan(32 * 1024 * 1024); // large enough to be split and scanned aside
    await page.goto(server.url);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Bestand kiezen…' }).click();
    await (await chooser).setFiles(file);
    // The file's hash begins as it is read, before the key is entered (hash-ahead.ts): the
    // worker then decrypts into the file's own memory behind it.
    await expect.poll(() => workerUrls.some((url) => /\/hash\.worker-[\w-]+\.js$/.test(url)), { timeout: 30_000 }).toBe(true);
    await page.fill('[data-testid="passphrase"]', 'ketenlens-demo');
    await page.click('[data-testid="open-submit"]');
    await page.getByRole('heading', { name: 'Overzicht', level: 1 }).waitFor({ timeout: 90_000 });
    await page.waitForSelector('[data-testid="findings-checking"]', { state: 'detached', timeout: 90_000 });
    expect(workerUrls.some((url) => /\/decrypt\.worker-[\w-]+\.js$/.test(url))).toBe(true);
    expect(workerUrls.some((url) => /\/scan\.worker-[\w-]+\.js$/.test(url))).toBe(true);

    const shown = await page.$$eval('[aria-labelledby="counts-title"] tbody tr', (rows) =>
      rows.map((row) => [row.querySelector('th')?.textContent ?? '', row.querySelector('td')?.textContent ?? '']));
    const expected = Object.entries(info.rowCounts).map(([table, count]) => [table, count.toLocaleString('nl-NL')]);
    expect(Object.fromEntries(shown)).toEqual(Object.fromEntries(expected));
    const meta = await page.locator('.meta-list').textContent();
    expect(meta).toContain(info.file.sha256);
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.headline-value')).every((element) => /\d/.test(element.textContent ?? '')));
    for (const [testId, total] of Object.entries(headlines)) {
      expect(total).toBeGreaterThan(0);
      await expect(page.getByTestId(testId).textContent()).resolves.toBe(total.toLocaleString('nl-NL'));
    }
    await screenshot(page, 'large-open-overzicht');
    expect(problems).toEqual([]);
  }, 180_000);

  it('opens the same large file as the second snapshot of Vergelijken met…', async () => {
    // Its bytes are shared memory too: they are shared with the worker, never put in a
    // transfer list (which refuses shared memory with a DataCloneError).
    await page.click('nav [data-screen="vergelijken"]');
    await page.getByRole('heading', { name: 'Vergelijken met een tweede snapshot', level: 1 }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.click('[data-testid="compare-pick"]');
    await (await chooser).setFiles(file);
    await page.fill('[data-testid="compare-passphrase"]', 'ketenlens-demo');
    await page.click('[data-testid="compare-open"]');
    // The scale snapshot has no pseudoniem_domein, so the cell differences are shown without causes.
    await page.waitForSelector('[data-grid="vergelijken"]', { timeout: 120_000 });
    const backlog = headlines['headline-boete-achterstand']!.toLocaleString('nl-NL');
    const row = page.locator('[data-grid="vergelijken"] tr', { hasText: 'Achterstand' }).first();
    const cells = (await row.locator('td').allTextContents()).map((cell) => cell.trim());
    expect(cells).toEqual(['Totaal', 'Achterstand', backlog, backlog, '0', '0']); // the same file: nothing changed
    expect(problems).toEqual([]);
  }, 180_000);
});
