// Manual measurement, and the app's part of `npm run bench` (bench/app.bench.ts): open a large
// snapshot in the browser host and time opening, screen switches and a parameter change,
// while recording the longest gap between animation frames on the UI thread (a blocked UI
// shows up there).
// Usage: npm run build:web && npx tsx test/e2e/scale-timings.ts FILE [PASSPHRASE | --identity KEYFILE] [--json OUT]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser, startServer } from './harness';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  args.splice(index, 2);
  return value;
};
const identityFile = option('--identity');
const jsonOut = option('--json');
const [file, passphrase = 'ketenlens-demo'] = args;
if (file === undefined) {
  console.error('usage: tsx test/e2e/scale-timings.ts FILE [PASSPHRASE | --identity KEYFILE] [--json OUT]');
  process.exit(2);
}

/** What a run measured, for bench/app.bench.ts: milliseconds, and MB of the renderer's peak. */
const measured: { steps: Array<{ label: string; ms: number; gapMs: number | null }>; workerTimings: string; pageMb: number; peakAfterOpenMb: number; peakEndMb: number } = {
  steps: [], workerTimings: '', pageMb: 0, peakAfterOpenMb: 0, peakEndMb: 0,
};

// The probe as text: tsx wraps named inner functions in a helper the page lacks (the
// CSP forbids string predicates in waitForFunction, so those stay anonymous functions).
const START_PROBE = `(() => {
  const probe = { last: performance.now(), maxGap: 0, running: true };
  window.probe = probe;
  const tick = () => {
    const now = performance.now();
    probe.maxGap = Math.max(probe.maxGap, now - probe.last);
    probe.last = now;
    if (probe.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const STOP_PROBE = '(() => { window.probe.running = false; return Math.round(window.probe.maxGap); })()';

async function startFrameProbe(page: Page): Promise<void> {
  await page.evaluate(START_PROBE);
}

async function stopFrameProbe(page: Page): Promise<number> {
  return Number(await page.evaluate(STOP_PROBE));
}

async function timed(page: Page, label: string, action: () => Promise<void>): Promise<void> {
  await startFrameProbe(page);
  const started = Date.now();
  await action();
  const elapsed = Date.now() - started;
  const maxGap = await stopFrameProbe(page);
  measured.steps.push({ label, ms: elapsed, gapMs: maxGap });
  console.log(`| ${label} | ${elapsed < 1000 ? `${elapsed} ms` : `${(elapsed / 1000).toFixed(1)} s`} | ${maxGap} ms |`);
}

/**
 * Peak resident memory (VmHWM) of Chromium's renderer processes, in MB: the page and its
 * workers (the core worker holds the ciphertext, the plaintext and sql.js) live there.
 */
function rendererPeakMb(): number {
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('chrom') || !command.includes('--type=renderer')) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm !== null) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch {
      // The process ended while we looked.
    }
  }
  return Math.round(peak);
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.setDefaultTimeout(600_000);
  await page.goto(server.url);
  measured.pageMb = rendererPeakMb(); // the page alone, before a file is chosen
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Bestand kiezen…' }).click();
  await (await chooser).setFiles(file);
  // A person takes seconds to type the passphrase; the chosen file is read meanwhile (as a
  // host read before the key field appears did). The clock starts at the key's submission.
  await page.waitForTimeout(5000);
  if (identityFile === undefined) {
    await page.fill('[data-testid="passphrase"]', passphrase);
  } else {
    await page.getByLabel('Sleutelbestand (identity)').check();
    const identityChooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Sleutelbestand kiezen…' }).click();
    await (await identityChooser).setFiles(identityFile);
    await page.getByText(/^Sleutelbestand: /).waitFor();
  }
  console.log('| step | wall time | longest frame gap (UI thread) |\n|---|---|---|');
  // The open in its steps, each counted from the key's submission: the Overzicht with meta and
  // counts, then its headline figures, then the completion (findings, checksum).
  await startFrameProbe(page);
  const submitted = Date.now();
  const since = (label: string) => {
    measured.steps.push({ label, ms: Date.now() - submitted, gapMs: null });
    return `${((Date.now() - submitted) / 1000).toFixed(1)} s after the key`;
  };
  await page.click('[data-testid="open-submit"]');
  await page.getByRole('heading', { name: 'Overzicht', level: 1 }).waitFor();
  console.log(`| open: Overzicht with meta and row counts | ${since('open: Overzicht with meta and row counts')} | |`);
  if (process.env.SCALE_SCREENSHOT !== undefined) await page.screenshot({ path: process.env.SCALE_SCREENSHOT, fullPage: true });
  // Each headline figure as it arrives (the worker computes them in HEADLINE_ORDER, cheapest first).
  for (const [testId, name] of [['headline-boete-achterstand', 'backlog'], ['headline-elip-gemeenten', 'ELIP'], ['headline-datalek-gemeenten', 'exposed']] as const) {
    await page.waitForFunction((id) => /\d/.test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''), testId);
    console.log(`| open: headline figure ${name} | ${since(`open: headline figure ${name}`)} | |`);
  }
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.headline-value')).every((e) => /\d/.test(e.textContent ?? '')));
  console.log(`| open: headline figures | ${since('open: headline figures')} | |`);
  await page.waitForSelector('[data-testid="findings-checking"]', { state: 'detached' });
  const completed = since('open: completed (findings, checksum)');
  const openGap = await stopFrameProbe(page);
  measured.steps.at(-1)!.gapMs = openGap;
  console.log(`| open: completed (findings, checksum) | ${completed} | ${openGap} ms |`);
  measured.workerTimings = (await page.locator('.meta-list + p').textContent()) ?? '';
  console.log(measured.workerTimings);
  measured.peakAfterOpenMb = rendererPeakMb();
  console.log(`Peak resident memory of the renderer process after the open: ${measured.peakAfterOpenMb} MB.`);
  await timed(page, 'ELIP screen (Tabel 1 + per municipality + series)', async () => {
    await page.click('nav [data-screen="elip"]');
    await page.waitForSelector('[data-grid="elip-cohorten"] tbody td');
    await page.waitForSelector('[data-grid="elip-gemeenten"] tbody td');
  });
  await timed(page, 'ELIP threshold change (9500 → 9000)', async () => {
    const before = await page.locator('[data-grid="elip-cohorten"] tbody tr').first().textContent();
    await page.fill('[data-testid="elip-threshold-a"]', '9000');
    await page.waitForFunction((text) => document.querySelector('[data-grid="elip-cohorten"] tbody tr')?.textContent !== text, before);
  });
  await timed(page, 'Boetes screen (incl. 25 monthly reference dates)', async () => {
    await page.click('nav [data-screen="boetes"]');
    await page.waitForSelector('[data-grid="boete-achterstand"] tbody td');
    await page.waitForFunction(() => !document.body.textContent?.includes('Reeks wordt berekend'));
  });
  await timed(page, 'Datalek screen (map + tables)', async () => {
    await page.click('nav [data-screen="datalek"]');
    await page.waitForSelector('[data-grid="datalek-gemeenten"] tbody td');
    await page.waitForSelector('path.map-area');
  });
  await timed(page, 'Back to Overzicht', async () => {
    await page.click('nav [data-screen="overzicht"]');
    await page.getByRole('heading', { name: 'Overzicht', level: 1 }).waitFor();
  });
  await timed(page, 'SQL: 1,000,000-row cap query and grid', async () => {
    await page.click('nav [data-screen="sql"]');
    await page.fill('[data-testid="sql-editor"]', 'SELECT id, stelsel, doelgroep, plicht_start FROM inburgeraar');
    await page.click('[data-testid="sql-run"]');
    await page.waitForSelector('[data-grid="query"] tbody td');
  });
  await timed(page, 'Grid sort of all query rows', async () => {
    await page.locator('[data-grid="query"] th button.sort').nth(3).click();
    await page.waitForSelector('[data-grid="query"] th[aria-sort="ascending"]');
  });
  measured.peakEndMb = rendererPeakMb();
  console.log(`Peak resident memory of the renderer process at the end: ${measured.peakEndMb} MB.`);
  if (jsonOut !== undefined) writeFileSync(jsonOut, JSON.stringify(measured, null, 2));
} finally {
  await browser.close();
  server.stop();
}
