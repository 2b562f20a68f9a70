#!/usr/bin/env node
// `npm start` (after `npm run build`): makes sure the demo snapshot exists, then starts
// Electron on the built app with the demo as the file to open. Where the Electron binary
// is missing (ELECTRON_SKIP_BINARY_DOWNLOAD, a locked-down laptop) it says so and points
// to the browser host instead of trying to download anything.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

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

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const binary = electronBinary();
if (binary === null) {
  fail(
    'ketenlens: the Electron binary is not installed here (node_modules/electron has no dist/),\n' +
      'for example because ELECTRON_SKIP_BINARY_DOWNLOAD=1 was set during npm install.\n' +
      'Use the browser host instead:   npm run start:web\n' +
      'or install Electron first:     npx install-electron   (needs network)',
  );
}
for (const built of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist-web/index.html']) {
  if (!existsSync(join(root, built))) fail(`ketenlens: ${built} is missing; run \`npm run build\` first (npm start does).`);
}

// The demo lands in the CLI's data folder (KETENLENS_DATA_DIR, else ~/.ketenlens); the
// command prints its path and keeps an existing one.
const demo = spawnSync(process.execPath, [join(root, 'bin', 'ketenlens.mjs'), 'demo'], {
  cwd: root,
  env: process.env,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
const demoPath = demo.status === 0 ? demo.stdout.trim().split('\n').at(-1)?.trim() ?? '' : '';
const launchArguments = ['.'];
const env = { ...process.env };
if (demoPath.endsWith('.age') && existsSync(demoPath)) {
  launchArguments.push(demoPath);
  env.KETENLENS_DEMO_SNAPSHOT = demoPath;
} else {
  process.stderr.write('ketenlens: could not prepare the demo snapshot (`ketenlens demo`); starting without it.\n');
}

const child = spawn(binary, launchArguments, { cwd: root, env, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
