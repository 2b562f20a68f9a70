// A new user's first run in the browser host, at 1280×800 in a browser whose locale is
// American English: the tour on the demo (shown once, dismissed for good), the Bijlage
// screen's parameters in words and its default protection (k = 10), Dutch date fields
// (dd-mm-jjjj, typed and picked, with messages for bad dates) and every column header of
// every grid on Bijlage, ELIP and Datalek reachable. Axe finds nothing, tour included.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchBrowser, screenshot, startServer, type Server } from './harness';

let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function expectAccessible(name: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

async function goTo(screen: string): Promise<void> {
  await page.click(`nav [data-screen="${screen}"]`);
  await page.waitForSelector(`nav [data-screen="${screen}"][aria-current="page"]`);
}

async function openDemo(): Promise<void> {
  await page.goto(server.url);
  await page.click('[data-testid="open-demo"]');
  // The server makes the demo on its first request, which takes a while on a busy machine.
  await page.waitForSelector('[data-testid="passphrase"]', { timeout: 100_000 });
  await page.fill('[data-testid="passphrase"]', 'ketenlens-demo');
  await page.click('[data-testid="open-submit"]');
  await page.getByRole('heading', { name: 'Overzicht', level: 1 }).waitFor({ timeout: 90_000 });
}

interface HeaderReach {
  grid: string;
  header: string;
  /** In the viewport as the screen first shows it (the grid scrolled into view). */
  visibleAtOnce: boolean;
  /** Reached by scrolling the grid's own scroll area (a focusable region), then fully in view and not covered. */
  reachable: boolean;
}

/** Every column header of every grid on the screen: is it in view, or can the grid be scrolled to it? */
async function headerReach(): Promise<HeaderReach[]> {
  return page.evaluate(async () => {
    const results: { grid: string; header: string; visibleAtOnce: boolean; reachable: boolean }[] = [];
    const inView = (element: Element) => {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.left < 0 || box.right > window.innerWidth + 0.5) return false;
      const probe = document.elementFromPoint(box.left + box.width / 2, Math.min(Math.max(box.top + box.height / 2, 0), window.innerHeight - 1));
      return probe !== null && (probe === element || element.contains(probe));
    };
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    for (const grid of Array.from(document.querySelectorAll('[data-grid]'))) {
      const name = grid.getAttribute('data-grid') ?? '';
      const scroller = grid.querySelector<HTMLElement>('.grid-scroll');
      grid.scrollIntoView({ block: 'start' });
      if (scroller !== null) scroller.scrollLeft = 0;
      await frame();
      for (const header of Array.from(grid.querySelectorAll('thead tr:first-child th'))) {
        const visibleAtOnce = inView(header);
        let reachable = visibleAtOnce;
        if (!reachable && scroller !== null && scroller.tabIndex === 0) {
          const box = header.getBoundingClientRect();
          const area = scroller.getBoundingClientRect();
          scroller.scrollLeft += box.right - area.right + 4;
          await frame();
          reachable = inView(header);
          scroller.scrollLeft = 0;
          await frame();
        }
        results.push({ grid: name, header: header.textContent?.trim() ?? '', visibleAtOnce, reachable });
      }
    }
    window.scrollTo(0, 0);
    return results;
  });
}

async function expectEveryHeaderReachable(screen: string): Promise<HeaderReach[]> {
  const reach = await headerReach();
  expect(reach.length, `${screen}: grids with headers`).toBeGreaterThan(0);
  expect(reach.filter((entry) => !entry.reachable), `${screen}: headers that cannot be reached`).toEqual([]);
  // The page itself never scrolls sideways: a wide grid scrolls inside its own area.
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth, `${screen}: page width`).toBeLessThanOrEqual(1280);
  return reach;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // An American browser: the interface must still show Dutch dates.
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'America/New_York', acceptDownloads: true });
  page = await context.newPage();
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await screenshot(page, `first-run-failed-${test.task.name.replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await browser?.close();
  server?.stop();
});

describe('the first run', () => {
  it('shows a tour of four steps on the demo, axe-clean, and never again once dismissed', { timeout: 300_000 }, async () => {
    await openDemo();
    const tour = page.getByTestId('tour');
    await tour.waitFor();
    expect(await tour.getByRole('heading').textContent()).toBe('Een snapshot');
    expect(await tour.textContent()).toContain('stap 1 van 4');
    await expectAccessible('tour step 1');
    await screenshot(page, 'first-run-01-tour');

    await page.click('[data-testid="tour-next"]');
    expect(await tour.getByRole('heading').textContent()).toBe('Tabel 1 staat onder ELIP');
    await page.waitForSelector('nav [data-screen="elip"][aria-current="page"]');
    await page.click('[data-testid="tour-next"]');
    await page.waitForSelector('nav [data-screen="bijlage"][aria-current="page"]');
    await page.click('[data-testid="tour-next"]');
    await page.waitForSelector('nav [data-screen="audit"][aria-current="page"]');
    expect(await tour.getByRole('heading').textContent()).toBe('Het audittrail');
    await expectAccessible('tour step 4');
    await page.click('[data-testid="tour-done"]');
    await tour.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => localStorage.getItem('ketenlens.settings'))).toBe('{"tourDismissed":true}');

    // A new session in the same browser: the demo opens without the tour.
    await openDemo();
    await page.waitForTimeout(500);
    expect(await page.getByTestId('tour').count()).toBe(0);
  });

  it('Bijlage: parameters in words, suppression with k = 10 preselected, every header reachable', async () => {
    await goTo('bijlage');
    const choice = page.locator('.table-choice');
    await choice.waitFor();
    const text = (await choice.textContent()) ?? '';
    expect(text).toContain('peildata 1-5-2022, 15-10-2022 en 1-7-2023');
    expect(text).toContain('doelgroep asielmigranten');
    expect(text).toContain('cohorten vanaf 2022 samengenomen');
    expect(text).not.toMatch(/drempel_cent|cohort_merge_from|\{"/);
    const disclosure = page.getByTestId('bijlage-disclosure');
    expect(await disclosure.inputValue()).toBe('suppress');
    expect(await disclosure.locator('option:checked').textContent()).toBe('kleine aantallen onderdrukken (k = 10)');
    expect(await page.locator('#bijlage-disclosure-default').textContent()).toContain('onder 10 onderdrukt');
    await expectAccessible('bijlage');
    await screenshot(page, 'first-run-02-bijlage-1280');
  });

  it('ELIP: Dutch date fields, typed and picked, with clear messages; every header reachable', async () => {
    await goTo('elip');
    const field = page.getByTestId('elip-new-date');
    expect(await field.getAttribute('placeholder')).toBe('dd-mm-jjjj');
    expect(await field.getAttribute('type')).toBe('text');

    await field.fill('31-02-2023');
    await field.press('Tab');
    await expect(page.locator('.date-field [role="alert"]').textContent()).resolves.toBe('31-02-2023 is geen bestaande datum.');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.fill('2-13-2023');
    await field.press('Tab');
    await expect(page.locator('.date-field [role="alert"]').textContent()).resolves.toBe('2-13-2023 is geen bestaande datum.');
    await field.fill('volgende week');
    await field.press('Tab');
    await expect(page.locator('.date-field [role="alert"]').textContent()).resolves.toContain('dd-mm-jjjj');

    // Typed day first, then added: the grid gets a row for 1 February 2023.
    await field.fill('1-2-2023');
    await page.click('[data-testid="elip-add-date"]');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-grid="elip-cohorten"] tbody tr td:first-child')).some((cell) => cell.textContent === '1-2-2023'), undefined, { timeout: 30_000 });
    expect(await page.locator('.date-field [role="alert"]').count()).toBe(0);

    // The picker: a calendar in Dutch, starting on Monday; a click fills the field as dd-mm-jjjj.
    await field.fill('01-03-2023');
    await page.getByTestId('elip-new-date-picker').click();
    const calendar = page.getByRole('dialog', { name: /Kalender/ });
    await calendar.waitFor();
    expect(await calendar.textContent()).toContain('maart 2023');
    expect(await calendar.locator('th').first().textContent()).toBe('ma');
    await expectAccessible('elip calendar');
    await screenshot(page, 'first-run-03-elip-calendar');
    await calendar.getByRole('button', { name: '15 maart 2023' }).click();
    expect(await field.inputValue()).toBe('15-03-2023');

    await expectEveryHeaderReachable('elip');
    await expectAccessible('elip');
    await screenshot(page, 'first-run-04-elip-1280');
  });

  it('Datalek: every column of every grid (ENISA included) can be read at 1280 px', async () => {
    await goTo('datalek');
    await page.waitForSelector('[data-grid="datalek-ernst"] tbody td', { timeout: 60_000 });
    await page.waitForSelector('[data-grid="datalek-gemeenten"] tbody td', { timeout: 60_000 });
    const reach = await expectEveryHeaderReachable('datalek');
    expect(reach.filter((entry) => entry.grid === 'datalek-ernst').length).toBeGreaterThan(5);
    await expectAccessible('datalek');
    await screenshot(page, 'first-run-05-datalek-1280');
  });

  it('Boetes and Kennisgevingen: their peildatum fields are Dutch date fields too', async () => {
    await goTo('boetes');
    const boetes = page.getByTestId('boetes-peildatum');
    expect(await boetes.inputValue()).toMatch(/^\d{2}-\d{2}-\d{4}$/);
    await expectEveryHeaderReachable('boetes');
    await goTo('kennisgevingen');
    expect(await page.getByTestId('kennisgevingen-peildatum').inputValue()).toMatch(/^\d{2}-\d{2}-\d{4}$/);
    await expectAccessible('kennisgevingen');
  });
});
