// "Snapshot maken" end to end in the browser host: pick CSV files, see a refusal that
// names file and line, fix it, see the validation report with findings, seal with a
// passphrase, and open the downloaded file with the core: the rows are there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { decryptAgeBytes } from '../../shared/node/age';
import { nodeSqlJsProvider } from '../../shared/node/snapshot/sqljs-node';
import { openSnapshotFromPlaintext } from '../../shared/snapshot/open';
import { axeViolations, launchBrowser, screenshot, startServer, type Server } from './harness';

let server: Server;
let browser: Browser;
let page: Page;

const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

const GOOD = [
  csv('gemeente.csv', 'code,naam,provincie\nGM0363,Amsterdam,Noord-Holland\nGM0344,Utrecht,\n'),
  csv('inburgeraar.csv', 'id;stelsel;doelgroep;plicht_start;termijn_einde;gemeente_code;status;status_datum\nP1;Wi2013;asiel;2018-03-01;2024-03-01;GM0363;lopend;\nP2;Wi2013;gezin;2019-03-01;;GM0999;lopend;\n'),
  csv('lening_betaling.csv', 'inburgeraar_id,datum,bedrag_cent\nP1,2019-01-01,960000\n'),
  csv('termijnoverschrijding.csv', 'id,inburgeraar_id,termijn_einde,aankondiging_op,afspraak_op,besluit,besluit_op,boete_cent\n'),
  csv('gegevenscategorie.csv', 'code,omschrijving,bijzonder\nNAW,"Naam, adres",0\n'),
  csv('portaal_signaal.csv', 'id,inburgeraar_id,gemeente_code,stelsel,zichtbaar_vanaf,zichtbaar_tot\n'),
  csv('signaal_gegeven.csv', 'signaal_id,categorie\n'),
  csv('portaal_inzage.csv', 'signaal_id,ingezien_op,gebruiker\n'),
];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'nl-NL', acceptDownloads: true });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  server?.stop();
});

describe('Snapshot maken in the browser host', () => {
  it('refuses a bad CSV naming file and line, then seals good files into a snapshot the core opens', async () => {
    await page.goto(server.url);
    await page.getByTestId('make-snapshot').click();
    await page.getByRole('heading', { name: 'Snapshot maken' }).waitFor();

    const bad = GOOD.map((file) =>
      file.name === 'lening_betaling.csv' ? csv('lening_betaling.csv', 'inburgeraar_id,datum,bedrag_cent\nP1,2019-01-01,960000\nP1,1-5-2022,100\n') : file,
    );
    await page.getByTestId('seal-files').setInputFiles(bad);
    await page.getByTestId('seal-peildatum').fill('2023-09-15');
    await page.getByTestId('seal-validate').click();
    const refusal = page.locator('[role="alert"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("lening_betaling.csv:3 (datum): '1-5-2022' is geen geldige datum JJJJ-MM-DD");

    await page.getByTestId('seal-files').setInputFiles(GOOD);
    await page.getByTestId('seal-validate').click();
    const report = page.getByTestId('seal-report');
    await report.waitFor();
    const rows = await report.locator('tbody tr').allTextContents();
    expect(rows).toContain('inburgeraarinburgeraar.csv2');
    const findings = await page.getByTestId('seal-findings').textContent();
    expect(findings).toContain('inburgeraar');
    expect(findings).toContain('P2');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, '20-snapshot-maken');

    await page.getByTestId('seal-passphrase').fill('wizard test');
    await page.getByTestId('seal-repeat').fill('wizard test');
    const download = page.waitForEvent('download');
    await page.getByTestId('seal-submit').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('snapshot-2023-09-15.snapshot.age');
    await page.getByTestId('seal-saved').waitFor();

    const encrypted = new Uint8Array(await readFile((await file.path()) ?? ''));
    const decrypted = await decryptAgeBytes(encrypted, { kind: 'passphrase', passphrase: 'wizard test' });
    const snapshot = await openSnapshotFromPlaintext(decrypted.plaintext, decrypted, nodeSqlJsProvider);
    try {
      expect(snapshot.meta.peildatum).toBe('2023-09-15');
      expect(snapshot.meta.bron).toBe('DUO');
      expect(snapshot.rowCounts.inburgeraar).toBe(2);
      expect(snapshot.rowCounts.lening_betaling).toBe(1);
      expect(snapshot.optionalTables.dwangbevel).toBe(false);
    } finally {
      snapshot.close();
    }
  });
});
