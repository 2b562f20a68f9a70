// End to end through the browser host: open the demo snapshot (after a wrong passphrase),
// visit every screen, check Tabel 1, change parameters, filter, hover the map, run axe
// and save a screenshot per screen.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, screenshot, startServer, type Server } from './harness';

let server: Server;
/** Every worker the page started: the core worker, and the digest's own (digest-aside.ts). */
const workerUrls: string[] = [];
let browser: Browser;
let page: Page;
const consoleProblems: string[] = [];

async function expectAccessible(name: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

async function gridRows(grid: string): Promise<string[][]> {
  return page.$$eval(`[data-grid="${grid}"] tbody tr:not([aria-hidden])`, (rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent?.trim() ?? '')),
  );
}

async function goTo(screen: string): Promise<void> {
  await page.click(`nav [data-screen="${screen}"]`);
  await page.waitForSelector(`nav [data-screen="${screen}"][aria-current="page"]`);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'nl-NL', acceptDownloads: true });
  // The first-run tour has its own test (first-run.test.ts); here it was dismissed before.
  await context.addInitScript(() => localStorage.setItem('ketenlens.settings', JSON.stringify({ tourDismissed: true })));
  page = await context.newPage();
  page.on('worker', (worker) => workerUrls.push(worker.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleProblems.push(message.text());
  });
  page.on('pageerror', (error) => consoleProblems.push(error.message));
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await screenshot(page, `failed-${context.task.name.replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await browser?.close();
  server?.stop();
});

describe('Ketenlens in the browser host', () => {
  it('shows the start page and refuses a non-age file, a non-SQLite content (identity file) and a wrong passphrase with their messages', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Snapshot openen' }).waitFor();
    await expectAccessible('start');
    await screenshot(page, '01-start');

    // A file that is not an age file, chosen through the browser host's file chooser.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Bestand kiezen…' }).click();
    await (await chooser).setFiles({ name: 'notities.snapshot.age', mimeType: 'application/octet-stream', buffer: Buffer.from('geen age-bestand\n') });
    await page.fill('[data-testid="passphrase"]', 'iets');
    await page.click('[data-testid="open-submit"]');
    await expect(page.locator('[role="alert"]').textContent()).resolves.toContain('Dit is geen age-versleuteld bestand');

    // An age file for an X25519 key, opened with its identity file, whose content is not SQLite.
    const identity = await generateX25519Identity();
    const encrypter = new Encrypter();
    encrypter.addRecipient(await identityToRecipient(identity));
    const encrypted = await encrypter.encrypt(new TextEncoder().encode('dit is geen database'));
    const fileChooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Bestand kiezen…' }).click();
    await (await fileChooser).setFiles({ name: 'sleutel.snapshot.age', mimeType: 'application/octet-stream', buffer: Buffer.from(encrypted) });
    await page.getByLabel('Sleutelbestand (identity)').check();
    const identityChooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Sleutelbestand kiezen…' }).click();
    await (await identityChooser).setFiles({ name: 'sleutel.txt', mimeType: 'text/plain', buffer: Buffer.from(`# test key\n${identity}\n`) });
    await page.getByText('Sleutelbestand: sleutel.txt').waitFor();
    await page.click('[data-testid="open-submit"]');
    await page.waitForFunction(() => document.querySelector('[role="alert"]')?.textContent?.includes('geen SQLite-database'), undefined, { timeout: 30_000 });
    await page.getByLabel('Wachtwoordzin', { exact: true }).check();

    await page.click('[data-testid="open-demo"]');
    await page.waitForSelector('#demo-hint', { timeout: 90_000 });
    await expect(page.locator('#demo-hint').textContent()).resolves.toContain('ketenlens-demo');
    await page.fill('[data-testid="passphrase"]', 'niet-het-goede-wachtwoord');
    await page.click('[data-testid="open-submit"]');
    const alert = page.locator('[role="alert"]');
    await alert.waitFor({ timeout: 60_000 });
    await expect(alert.textContent()).resolves.toContain('De wachtwoordzin is onjuist');
    await expect(alert.getAttribute('data-error-code')).resolves.toBe('wrong-passphrase');
    await expectAccessible('wrong passphrase');
    await screenshot(page, '02-wrong-passphrase');
  });

  it('opens the demo and shows the Overzicht with meta, counts and headlines', async () => {
    await page.fill('[data-testid="passphrase"]', 'ketenlens-demo');
    await page.click('[data-testid="open-submit"]');
    await page.getByRole('heading', { name: 'Overzicht', level: 1 }).waitFor({ timeout: 90_000 });
    await expect(page.locator('.banner').textContent()).resolves.toContain('synthetische demo');
    await page.waitForFunction(() => {
      const values = Array.from(document.querySelectorAll('.headline-value'), (e) => e.textContent ?? '');
      return values.length === 3 && values.every((v) => /\d/.test(v));
    }, undefined, { timeout: 60_000 });
    // The open completes a moment later: the findings are final, the checksum is known.
    await page.waitForSelector('[data-testid="findings-checking"]', { state: 'detached', timeout: 60_000 });
    const meta = await page.locator('.meta-list').textContent();
    expect(meta).toContain('15-9-2023');
    // Made on the digest's own worker from the transferred bytes (renderer/worker/digest-aside.ts):
    // the SHA-256 of exactly the file the server gave.
    const served = Buffer.from(await (await fetch(new URL('demo.snapshot.age', server.url))).arrayBuffer());
    expect(meta).toContain(createHash('sha256').update(served).digest('hex'));
    expect(workerUrls.some((url) => /\/hash\.worker-[\w-]+\.js$/.test(url))).toBe(true);
    await expectAccessible('overzicht');
    await screenshot(page, '03-overzicht');
  });

  it('shows Tabel 1 on the ELIP screen and recomputes when a reference date changes', async () => {
    await goTo('elip');
    await page.waitForSelector('[data-grid="elip-cohorten"] tbody td', { timeout: 60_000 });
    const rows = await gridRows('elip-cohorten');
    expect(rows).toEqual([
      ['1-5-2022', '24', '78', '207', '460', '601', '722', '270', '30', '4', '0', '2.396'],
      ['15-10-2022', '21', '65', '167', '325', '391', '548', '487', '87', '10', '1', '2.102'],
      ['1-7-2023', '14', '56', '138', '232', '258', '308', '627', '645', '156', '2', '2.436'],
    ]);
    await page.waitForSelector('[data-grid="elip-gemeenten"] tbody td');
    await page.waitForSelector('.recharts-surface');
    await expectAccessible('elip');
    await screenshot(page, '04-elip');

    // A chart downloads as SVG — after a confirmation, since a graphic cannot hide the
    // small counts of the tables it is drawn from (renderer/worker/way-out.ts).
    const svgDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Grafiek downloaden als SVG' }).first().click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Ja, toch doorgaan' }).click();
    const svgFile = await svgDownload;
    expect(svgFile.suggestedFilename()).toBe('elip-over-tijd.svg');
    expect(await readFile(await svgFile.path(), 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);

    // Replace 1-7-2023 by 1-1-2023: the third row and its numbers change.
    await page.click('button[aria-label="Peildatum 1-7-2023 verwijderen"]');
    await page.fill('[data-testid="elip-new-date"]', '01-01-2023');
    await page.click('[data-testid="elip-add-date"]');
    await page.waitForFunction(() => document.querySelector('[data-grid="elip-cohorten"] tbody tr:nth-child(3) td')?.textContent === '1-1-2023', undefined, { timeout: 30_000 });
    const changed = await gridRows('elip-cohorten');
    expect(changed).toHaveLength(3);
    expect(changed[2]?.[0]).toBe('1-1-2023');
    expect(changed[2]?.at(-1)).not.toBe('2.436');
    expect(changed.slice(0, 2)).toEqual(rows.slice(0, 2));
  });

  it('filters a grid by column and by search, and sorts it', async () => {
    const grid = page.locator('[data-grid="elip-gemeenten"]');
    const total = Number(await grid.getAttribute('data-rows'));
    expect(total).toBeGreaterThan(100);
    await page.fill('[data-testid="filter-elip-gemeenten-totaal"]', '>= 20');
    await page.waitForFunction((count) => Number(document.querySelector('[data-grid="elip-gemeenten"]')?.getAttribute('data-rows')) < count, total);
    const filtered = await gridRows('elip-gemeenten');
    expect(filtered.length).toBeGreaterThan(0);
    for (const row of filtered) expect(Number(row.at(-1)?.replace(/\./g, ''))).toBeGreaterThanOrEqual(20);
    await page.fill('[data-testid="filter-elip-gemeenten-totaal"]', '');
    await page.fill('[data-testid="search-elip-gemeenten"]', 'Amsterdam');
    await page.waitForFunction(() => document.querySelector('[data-grid="elip-gemeenten"]')?.getAttribute('data-rows') === '1');
    expect((await gridRows('elip-gemeenten'))[0]).toContain('Amsterdam');
    await page.fill('[data-testid="search-elip-gemeenten"]', '');

    // Sorting: first click ascending, second descending, by the Totaal column.
    const totaalHeader = page.locator('[data-grid="elip-gemeenten"] thead th', { hasText: 'Totaal' });
    await totaalHeader.getByRole('button').click();
    await page.waitForSelector('[data-grid="elip-gemeenten"] th[aria-sort="ascending"]');
    await totaalHeader.getByRole('button').click();
    await page.waitForSelector('[data-grid="elip-gemeenten"] th[aria-sort="descending"]');
    const totals = (await gridRows('elip-gemeenten')).slice(0, 5).map((row) => Number(row.at(-1)?.replace(/\./g, '')));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(totals[0]).toBeGreaterThan(totals[4] ?? 0);
  });

  it('exports a grid as CSV through the host download, small counts suppressed by default', async () => {
    const grid = page.locator('[data-grid="elip-cohorten"]');
    await grid.getByTestId('format-elip-cohorten').selectOption('csv');
    const download = page.waitForEvent('download');
    await grid.getByRole('button', { name: 'Exporteren' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('elip-cohorten.csv');
    const text = await readFile(await file.path(), 'utf8');
    // Excel's Dutch dialect: semicolons, a BOM, numbers without thousands separators.
    expect(text.startsWith('\ufeffPeildatum;')).toBe(true);
    // The default protection (suppression below 10, as `ketenlens bijlage`): 4 shows as '<10'
    // and the cell it could be recomputed from as 'x'.
    expect(text).toMatch(/01-05-2022;24;78;207;460;601;722;270;30;<10;x;2396\r\n/);
  });

  it('copies a grid as HTML and a selection as TSV to the clipboard', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const grid = page.locator('[data-grid="elip-cohorten"]');
    await grid.getByRole('button', { name: 'Kopieer HTML' }).click();
    await grid.getByText(/Gekopieerd: 3 rij\(en\)/).waitFor();
    const html = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return item ? (await item.getType('text/html')).text() : '';
    });
    expect(html).toContain('<table');
    expect(html).toContain('2.396');
    await grid.locator('tbody tr').first().click();
    await grid.getByRole('button', { name: 'Kopieer selectie' }).click();
    await grid.getByText(/Gekopieerd: 1 rij\(en\)/).waitFor();
    const tsv = await page.evaluate(() => navigator.clipboard.readText());
    expect(tsv.split('\n')[1]).toBe('01-05-2022\t24\t78\t207\t460\t601\t722\t270\t30\t<10\tx\t2.396');
  });

  it('switches the interface to English and back', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.locator('nav [data-screen="boetes"]', { hasText: 'Fines' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.getByRole('heading', { name: 'ELIP: loan used up and still obliged to integrate' }).waitFor();
    await expectAccessible('english');
    await screenshot(page, '10-english-elip');
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await page.locator('nav [data-screen="boetes"]', { hasText: 'Boetes' }).waitFor();
  });

  it('shows the fine backlog, its history and age bands', async () => {
    await goTo('boetes');
    await page.waitForSelector('[data-grid="boete-achterstand"] tbody td', { timeout: 60_000 });
    await page.waitForSelector('[data-grid="boete-ouderdom"] tbody td');
    await page.waitForFunction(() => !document.body.textContent?.includes('Reeks wordt berekend'), undefined, { timeout: 60_000 });
    const backlog = await page.locator('[data-grid="boete-achterstand"] tfoot').textContent().catch(() => '');
    expect(backlog ?? '').not.toBe('');
    await expectAccessible('boetes');
    await screenshot(page, '05-boetes');
  });

  it('shows the breach map with a tooltip on hover, the timeline and the tables', async () => {
    await goTo('datalek');
    const area = page.locator('path.map-area').first();
    await area.waitFor({ timeout: 60_000 });
    const label = (await area.getAttribute('aria-label')) ?? '';
    const name = label.split(':')[0] ?? '';
    await area.hover();
    const tooltip = page.locator('[data-testid="map-tooltip"]');
    await tooltip.waitFor();
    await expect(tooltip.textContent()).resolves.toContain(name);
    await expect(tooltip.textContent()).resolves.toContain('Personen blootgesteld');
    // Keyboard: focusing a municipality shows the same tooltip.
    await page.mouse.move(0, 0);
    const second = page.locator('path.map-area').nth(1);
    await second.focus();
    const secondName = ((await second.getAttribute('aria-label')) ?? '').split(':')[0] ?? '';
    await expect(tooltip.textContent()).resolves.toContain(secondName);
    await page.selectOption('[data-testid="map-measure"]', 'persoonsdagen');
    await expect(page.locator('.legend-title').textContent()).resolves.toBe('Persoonsdagen');
    await page.waitForSelector('[data-grid="datalek-gemeenten"] tbody td');
    await expect(page.locator('[data-testid="verdict-72h"]').textContent()).resolves.toMatch(/72 uur/);
    await expectAccessible('datalek');
    await screenshot(page, '06-datalek');

    // The assessor's own ENISA factor: the severity table is recomputed with it.
    await page.waitForSelector('[data-grid="datalek-ernst"] tbody td');
    const before = (await gridRows('datalek-ernst'))[0] ?? [];
    await page.fill('[data-testid="enisa-dpc"]', '4');
    await page.waitForFunction((text) => {
      const row = document.querySelector('[data-grid="datalek-ernst"] tbody tr:not([aria-hidden])');
      return row !== null && row.textContent !== text;
    }, before.join(''), { timeout: 30_000 });
    expect((await gridRows('datalek-ernst'))[0]).toContain('4,00');

    // The map downloads as a PNG image.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Grafiek downloaden als PNG' }).first().click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Ja, toch doorgaan' }).click();
    const png = await readFile(await (await download).path());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('shows the notices screen', async () => {
    await goTo('kennisgevingen');
    await page.waitForSelector('[data-grid="kennisgeving-vertraging"] tbody td, .note', { timeout: 60_000 });
    await expectAccessible('kennisgevingen');
    await screenshot(page, '07-kennisgevingen');
  });

  it('runs a read-only query and refuses a writing one', async () => {
    await goTo('sql');
    await page.click('[data-testid="sql-run"]');
    await page.waitForSelector('[data-grid="query"] tbody td', { timeout: 30_000 });
    expect((await gridRows('query')).length).toBe(20);
    await expectAccessible('sql');
    await screenshot(page, '08-sql');

    // Person-level results: export asks first; cancelling saves nothing.
    await page.fill('[data-testid="sql-editor"]', 'SELECT id, stelsel FROM inburgeraar ORDER BY id LIMIT 5');
    await page.click('[data-testid="sql-run"]');
    await page.waitForFunction(() => document.querySelector('[data-grid="query"]')?.textContent?.includes('stelsel'));
    const grid = page.locator('[data-grid="query"]');
    await grid.getByTestId('format-query').selectOption('csv');
    await grid.getByRole('button', { name: 'Exporteren' }).click();
    const dialog = page.locator('dialog[open][data-testid="confirm-dialog"]');
    await dialog.getByRole('heading', { name: 'Gegevens zonder bescherming laten gaan?' }).waitFor();
    await expectAccessible('sql confirmation');
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await expect(dialog.isVisible()).resolves.toBe(false);
    const download = page.waitForEvent('download');
    await grid.getByRole('button', { name: 'Exporteren' }).click();
    await dialog.getByRole('button', { name: 'Ja, toch doorgaan' }).click();
    expect((await download).suggestedFilename()).toBe('query.csv');

    await page.fill('[data-testid="sql-editor"]', 'DELETE FROM inburgeraar');
    await page.keyboard.press('Control+Enter');
    await expect(page.locator('[role="alert"]').textContent()).resolves.toContain('Alleen lezende');
  });

  it('makes a Bijlage and downloads it', async () => {
    await goTo('bijlage');
    await expectAccessible('bijlage');
    await screenshot(page, '09-bijlage');
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.click('[data-testid="bijlage-make"]');
    expect((await download).suggestedFilename()).toBe('bijlage.docx');
  });

  it('shows the audit trail of this session', async () => {
    await goTo('audit');
    await page.waitForSelector('[data-grid="audit"] tbody td');
    const actions = (await gridRows('audit')).map((row) => row[2]);
    expect(actions).toEqual(expect.arrayContaining(['open-refused', 'open', 'export-table', 'query', 'confirm-unprotected-export', 'export-bijlage']));
    // Like the command line's entries: a query names its SQL, an open the kind of key.
    const rows = await gridRows('audit');
    expect(rows.filter((row) => row[2] === 'query').map((row) => row.join(' ')).join('\n')).toContain('SELECT id, stelsel FROM inburgeraar');
    expect(rows.filter((row) => row[2] === 'open').map((row) => row.join(' ')).join('\n')).toContain('passphrase');
    await expectAccessible('audit');
    await screenshot(page, '11-audit');
    await goTo('bijlage');
  });

  it('answers the menu: export the current table, and About', async () => {
    await goTo('elip');
    await page.waitForSelector('[data-grid="elip-cohorten"] tbody td');
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('ketenlens:menu', { detail: { command: 'export-current', format: 'csv-rfc' } })));
    const file = await download;
    expect(file.suggestedFilename()).toBe('elip-cohorten.csv');
    const text = await readFile((await file.path()) ?? '', 'utf8');
    expect(text.split('\r\n')[1]).toBe('2022-05-01,24,78,207,460,601,722,270,30,<10,x,2396');
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('ketenlens:menu', { detail: { command: 'about' } })));
    const about = page.getByTestId('about-dialog');
    await about.getByText('Versie 0.1.0').waitFor();
    await expectAccessible('about');
    await about.getByRole('button', { name: 'Sluiten' }).click();
    await goTo('bijlage');
  });

  it('locks, wiping the database, and unlocks the same file with its key', async () => {
    await page.getByRole('button', { name: 'Vergrendelen' }).click();
    await page.getByRole('heading', { name: 'Vergrendeld' }).waitFor();
    await expect(page.locator('nav').count()).resolves.toBe(0);
    await page.fill('[data-testid="passphrase"]', 'ketenlens-demo');
    await page.click('[data-testid="open-submit"]');
    // Back where the user was, with the settings kept.
    await page.getByRole('heading', { name: 'Bijlage bij een Kamerbrief', level: 1 }).waitFor({ timeout: 90_000 });
    await goTo('elip');
    await page.waitForSelector('[data-grid="elip-cohorten"] tbody td');
    expect((await gridRows('elip-cohorten'))[2]?.[0]).toBe('1-1-2023');
  });

  it('closes the snapshot and had no CSP violations or page errors', async () => {
    await page.click('[data-testid="close"]');
    await page.getByRole('heading', { name: 'Snapshot openen' }).waitFor();
    expect(consoleProblems.filter((p) => !p.includes('status of 4'))).toEqual([]);
  });
});
