// The seal wizard's progress moves: with an extract large enough to take a while, the bar
// walks through read → check → build → encrypt with values in between, and a screenshot
// taken during encryption shows the bar part-way (test-results/e2e/seal-progress-*.png).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, startServer, type Server } from './harness';

let server: Server;
let browser: Browser;
let page: Page;

const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
const PERSONS = 600_000;

/** The small files; the large inburgeraar.csv is made inside the page (uploading it is slow). */
function files() {
  return [
    csv('gemeente.csv', 'code,naam,provincie\nGM0363,Amsterdam,Noord-Holland\n'),
    csv('lening_betaling.csv', 'inburgeraar_id,datum,bedrag_cent\nP1,2019-01-01,960000\n'),
    csv('termijnoverschrijding.csv', 'id,inburgeraar_id,termijn_einde,aankondiging_op,afspraak_op,besluit,besluit_op,boete_cent\n'),
    csv('gegevenscategorie.csv', 'code,omschrijving,bijzonder\nNAW,"Naam, adres",0\n'),
    csv('portaal_signaal.csv', 'id,inburgeraar_id,gemeente_code,stelsel,zichtbaar_vanaf,zichtbaar_tot\n'),
    csv('signaal_gegeven.csv', 'signaal_id,categorie\n'),
    csv('portaal_inzage.csv', 'signaal_id,ingezien_op,gebruiker\n'),
  ];
}

/** Records every value the progress bar shows, with its phase, from inside the page. */
function recordProgress(): void {
  const seen: { phase: string; value: number; at: number }[] = [];
  (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
  const note = () => {
    const element = document.querySelector('.progress');
    const bar = element?.querySelector('progress');
    if (element === null || element === undefined || bar === null || bar === undefined) return;
    const entry = { phase: element.getAttribute('data-phase') ?? '', value: Number(bar.getAttribute('value')), at: Math.round(performance.now()) };
    const last = seen.at(-1);
    if (last === undefined || last.phase !== entry.phase || last.value !== entry.value) seen.push(entry);
  };
  new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value', 'data-phase'] });
}

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

describe('seal progress in the wizard', () => {
  it('moves through read, check, build and encrypt, and is part-way during encryption', async () => {
    await page.goto(server.url);
    await page.getByTestId('make-snapshot').click();
    await page.getByRole('heading', { name: 'Snapshot maken' }).waitFor();
    await page.evaluate(recordProgress);

    await page.getByTestId('seal-files').setInputFiles(files());
    await page.evaluate((persons) => {
      const lines = ['id;stelsel;doelgroep;plicht_start;termijn_einde;gemeente_code;status;status_datum'];
      for (let index = 0; index < persons; index += 1) lines.push(`P${index};Wi2013;asiel;2018-03-01;2024-03-01;GM0363;lopend;`);
      const input = document.querySelector('[data-testid="seal-files"]');
      if (!(input instanceof HTMLInputElement) || input.files === null) throw new Error('no file input');
      const transfer = new DataTransfer();
      for (const picked of Array.from(input.files)) transfer.items.add(picked);
      transfer.items.add(new File([`${lines.join('\n')}\n`], 'inburgeraar.csv', { type: 'text/csv' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, PERSONS);
    await page.getByText(/inburgeraar\.csv/).first().waitFor();
    await page.getByTestId('seal-peildatum').fill('2023-09-15');
    await page.getByTestId('seal-validate').click();
    await page.getByTestId('seal-report').waitFor({ timeout: 240_000 });

    await page.getByTestId('seal-passphrase').fill('voortgang');
    await page.getByTestId('seal-repeat').fill('voortgang');
    const download = page.waitForEvent('download', { timeout: 240_000 });
    await page.getByTestId('seal-submit').click();
    await page.waitForFunction(() => {
      const element = document.querySelector('.progress[data-phase="encrypt"] progress');
      const value = Number(element?.getAttribute('value'));
      return value > 76 && value < 100;
    }, undefined, { timeout: 240_000, polling: 'raf' });
    const shot = await screenshot(page, 'seal-progress-encrypting');
    await download;
    await page.getByTestId('seal-saved').waitFor();

    const seen = await page.evaluate(() => (window as unknown as { progressSeen: { phase: string; value: number }[] }).progressSeen);
    const phases = seen.map((entry) => entry.phase).filter((phase, index, all) => phase !== all[index - 1]);
    // Validation shows read and check; sealing build and encrypt.
    expect(phases).toEqual(['read', 'check', 'build', 'encrypt']);
    const encrypting = seen.filter((entry) => entry.phase === 'encrypt').map((entry) => entry.value);
    // The bar moves within encryption (the last quarter), not 75 % and then done.
    expect(new Set(encrypting.filter((value) => value > 75 && value < 100)).size).toBeGreaterThan(1);
    const values = seen.map((entry) => entry.value);
    expect(values.filter((value) => value > 0 && value < 25).length).toBeGreaterThan(1);
    expect(shot).toMatch(/seal-progress-encrypting\.png$/);
  });
});
