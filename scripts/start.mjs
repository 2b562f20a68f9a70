#!/usr/bin/env node
// `npm start` (after `npm run build`): makes sure the demo snapshot exists, then opens the
// app on it — in Electron where its binary is installed or can be installed now, else in
// the browser host: the same renderer served on 127.0.0.1, opened in the default browser
// when there is a display, with the address and the demo passphrase printed. Nothing has
// to be set beforehand: a blocked Electron download only changes which window you get.
//
// `--web` skips Electron (`npm run start:web`); `--no-open` never opens a browser; PORT
// chooses the browser host's port (default 5173, else a free one when 5173 is taken).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_PASSPHRASE = 'ketenlens-demo';
const webOnly = process.argv.includes('--web');
const mayOpenBrowser = !process.argv.includes('--no-open');
/** A real download takes a while on a slow line; a blocked one should not keep people waiting forever. */
const INSTALL_TIMEOUT_MS = 5 * 60_000;

function say(message) {
  process.stdout.write(`${message}\n`);
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** The Electron executable, or null. Reads path.txt itself: require('electron') would try to download. */
function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const overridden = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(overridden) ? overridden : null;
  }
  const packageFolder = join(root, 'node_modules', 'electron');
  const pathFile = join(packageFolder, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageFolder, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/**
 * Electron (since 36) downloads its binary on first use, not during `npm ci`. Try that
 * download once, bounded in time; where it is blocked we carry on in the browser.
 */
function installElectron() {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer) || process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    say('ketenlens: Electron is not available here (no binary); using the browser instead.');
    return null;
  }
  say('ketenlens: fetching the Electron binary (once)…');
  const result = spawnSync(process.execPath, [installer], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], timeout: INSTALL_TIMEOUT_MS, encoding: 'utf8' });
  if (result.status !== 0) {
    const reason = result.error?.message ?? (result.stderr ?? '').trim().split('\n')[0] ?? '';
    say(`ketenlens: Electron is not available here${reason === '' ? '' : ` (${reason})`}; using the browser instead.`);
    return null;
  }
  return electronBinary();
}

/** The demo lands in the data folder the app and the CLI share (KETENLENS_DATA_DIR, else the OS default, e.g. ~/.config/Ketenlens); an existing one is kept. */
function prepareDemo() {
  const demo = spawnSync(process.execPath, [join(root, 'bin', 'ketenlens.mjs'), 'demo'], {
    cwd: root,
    env: process.env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const path = demo.status === 0 ? demo.stdout.trim().split('\n').at(-1)?.trim() ?? '' : '';
  if (path.endsWith('.age') && existsSync(path)) return path;
  process.stderr.write('ketenlens: could not prepare the demo snapshot (`ketenlens demo`); starting without it.\n');
  return null;
}

/** Whether a browser window can appear: always on macOS and Windows, on other systems with an X or Wayland display. */
function hasDisplay() {
  if (!mayOpenBrowser) return false;
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Opens the address in the default browser; a missing opener is only a missed convenience. */
function openBrowser(url) {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]]
      : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => say(`ketenlens: could not open a browser (${command}); open the address yourself.`));
    child.unref();
  } catch {
    say('ketenlens: could not open a browser; open the address yourself.');
  }
}

async function startBrowserHost(demoPath) {
  const { serveWeb } = await import('./serve-web.mjs');
  const wanted = Number.parseInt(process.env.PORT ?? '5173', 10);
  let served;
  try {
    served = await serveWeb({ port: wanted, demoPath });
  } catch (error) {
    if (error?.code !== 'EADDRINUSE') fail(`ketenlens: ${error instanceof Error ? error.message : String(error)}`);
    served = await serveWeb({ port: 0, demoPath });
  }
  say('');
  say(`Ketenlens runs in your browser at ${served.url}`);
  say(`Demo passphrase: ${DEMO_PASSPHRASE}   (choose "Demo openen" on the first screen)`);
  say('Stop with Ctrl+C.');
  if (hasDisplay()) openBrowser(served.url);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => void served.close().then(() => process.exit(0)));
  }
}

function startElectron(binary, demoPath) {
  const launchArguments = ['.'];
  const env = { ...process.env };
  if (demoPath !== null) {
    launchArguments.push(demoPath);
    env.KETENLENS_DEMO_SNAPSHOT = demoPath;
  }
  say(`ketenlens: starting the desktop app${demoPath === null ? '' : ` on the demo (passphrase: ${DEMO_PASSPHRASE})`}.`);
  const child = spawn(binary, launchArguments, { cwd: root, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

const needed = webOnly ? ['dist-web/index.html'] : ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist-web/index.html'];
for (const built of needed) {
  if (!existsSync(join(root, built))) fail(`ketenlens: ${built} is missing; run \`npm run build\` first (npm start does).`);
}

const demoPath = prepareDemo();
const binary = webOnly ? null : electronBinary() ?? installElectron();
if (binary !== null) startElectron(binary, demoPath);
else await startBrowserHost(demoPath);
