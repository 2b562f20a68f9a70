// End-to-end run of the real Electron app with playwright-core: it opens the demo
// snapshot handed over on the command line, follows a menu command, closes the snapshot,
// and leaves an intact audit trail. Skipped (with the reason printed) where there is no
// Electron binary or no build — e.g. a machine where Electron's first-start download is blocked.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit, verifyAuditLog } from '../../shared/node/audit';

const root = join(import.meta.dirname, '..', '..');

function electronBinary(): string | null {
  const folder = join(root, 'node_modules', 'electron');
  const pathFile = join(folder, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(folder, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const missingBuild = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist-web/index.html'].filter((path) => !existsSync(join(root, path)));
const skipReason =
  binary === null
    ? 'no Electron binary in node_modules/electron (Electron downloads it on first start: run `npx install-electron` or `npm start` with network to enable)'
    : missingBuild.length > 0
      ? `not built (${missingBuild.join(', ')} missing); run \`npm run build\``
      : null;
if (skipReason !== null) console.log(`[electron e2e] skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('Electron app', () => {
  let dataDir = '';
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ketenlens-e2e-'));
    // Imported here so a skipped run does not load the demo generator.
    const { ensureDemoSnapshot } = await import('../../shared/node/demo/index');
    const demo = await ensureDemoSnapshot(dataDir);
    app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [root, demo],
      cwd: root,
      env: { ...process.env, KETENLENS_DATA_DIR: dataDir, KETENLENS_LANG: 'nl' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  const clickMenu = (id: string) =>
    app.evaluate(({ Menu }, itemId) => {
      const item = Menu.getApplicationMenu()?.getMenuItemById(itemId);
      if (!item) throw new Error(`no menu item ${itemId}`);
      item.click();
    }, id);

  it('loads the app from app://ketenlens in a sandbox without Node', async () => {
    expect(page.url()).toBe('app://ketenlens/index.html');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof window.ketenlens?.invoke)).toBe('function');
    const fetched = await page.evaluate(() => fetch('https://example.org/').then(() => 'loaded', () => 'blocked'));
    expect(fetched).toBe('blocked');
  });

  it('opens the demo snapshot given on the command line', async () => {
    await page.getByTestId('passphrase').fill('ketenlens-demo');
    await page.getByTestId('open-submit').click();
    await page.locator('nav.side-nav [data-screen="overzicht"]').waitFor({ timeout: 60_000 });
  });

  it('follows a menu command', async () => {
    await clickMenu('navigate:boetes');
    await page.locator('nav.side-nav [data-screen="boetes"][aria-current="page"]').waitFor();
  });

  it('closes the snapshot from the menu and records it all in an intact audit trail', async () => {
    await clickMenu('close');
    await page.locator('#opening-title').waitFor();
    await expect.poll(async () => (await readAudit(dataDir)).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['open', 'close']),
    );
    const hostOpen = (await readAudit(dataDir)).find((entry) => entry.action === 'open' && entry.details.source === 'host');
    expect(hostOpen?.details.path).toMatch(/demo\.snapshot\.age$/);
    expect(await verifyAuditLog(dataDir)).toEqual({ ok: true });
  });
});
