// The app's issue-10 targets in the same run and on the same national-scale file as the
// command line's (bench/national-file.ts): the browser host, built from the sources first,
// in Debian's Chromium, driven by test/e2e/scale-timings.ts (the file chosen, its identity
// file given as a person would, the clock started at the submission). One run; the targets:
// the first figures on the Overzicht ≤ 4 s after the key, a threshold change repainted
// ≤ 150 ms, the renderer's peak memory ≤ 1.5 × the plaintext.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { nationalFile, PERSONS } from './national-file';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const TITLE = '## App at national scale, browser host (bench/app.bench.ts)';

interface Measured {
  steps: Array<{ label: string; ms: number; gapMs: number | null }>;
  workerTimings: string;
  /** The renderer with the page loaded, before a file is chosen. */
  pageMb?: number;
  peakAfterOpenMb: number;
  peakEndMb: number;
}

function main(): void {
  if (!existsSync(CHROMIUM)) {
    process.stdout.write(`${TITLE}\n\nNot measured: no Chromium at ${CHROMIUM} (Debian's package chromium).\n`);
    return;
  }
  const { file, identityFile } = nationalFile();
  const plaintextMb = statSync(file).size / 1e6;
  process.stderr.write('app.bench: building the web bundle\n');
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const directory = mkdtempSync(join(tmpdir(), 'ketenlens-bench-app-'));
  try {
    const out = join(directory, 'measured.json');
    const load = loadavg()[0]!.toFixed(1);
    process.stderr.write('app.bench: opening the national file in Chromium\n');
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test/e2e/scale-timings.ts'), file, '--identity', identityFile, '--json', out], {
      cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 900_000,
    });
    const measured = JSON.parse(readFileSync(out, 'utf8')) as Measured;
    const step = (prefix: string) => measured.steps.find((candidate) => candidate.label.startsWith(prefix));
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const verdict = (value: number, target: number, unit: string) =>
      value <= target ? `**met** (${value}${unit} ≤ ${target}${unit})` : `**missed** by ${(value / target).toFixed(1)}× (${value}${unit} against ≤ ${target}${unit})`;
    const counts = step('open: Overzicht')!.ms;
    const headlines = step('open: headline figures')!.ms;
    const firstHeadline = Math.min(...measured.steps.filter((entry) => entry.label.startsWith('open: headline figure ')).map((entry) => entry.ms));
    const threshold = step('ELIP threshold change')!.ms;
    const ratio = (mb: number) => `${mb} MB = ${(mb / plaintextMb).toFixed(2)}×, ${mb <= 1.5 * plaintextMb ? '**met**' : `**missed** by ${(mb / (1.5 * plaintextMb)).toFixed(1)}×`}`;
    const lines = [
      TITLE,
      '',
      `The national-scale snapshot of the command line's section (${PERSONS.toLocaleString('en-GB')} persons, ${Math.round(plaintextMb)} MB, one X25519 recipient), ` +
        `opened with its identity file in the browser host (\`npm run build:web\`, Chromium at ${CHROMIUM}, headless), one run, 1-minute load ${load} at its start. ` +
        'The file is chosen and the key given 5 s later, as a person would; the open\'s times count from the submission. The longest gap between ' +
        'animation frames on the UI thread shows whether the screen froze.',
      '',
      '| step | wall time | longest UI-thread frame gap |',
      '|---|---:|---:|',
      ...measured.steps.map((entry) => `| ${entry.label} | ${entry.label.startsWith('open:') ? seconds(entry.ms) + ' after the key' : entry.ms < 1000 ? `${entry.ms} ms` : seconds(entry.ms)} | ${entry.gapMs === null ? '' : `${entry.gapMs} ms`} |`),
      '',
      `The worker's own account: ${measured.workerTimings.trim()}`,
      '',
      `- the first figures on the Overzicht (meta and row counts) ≤ 4 s after the key: ${verdict(Number((counts / 1000).toFixed(1)), 4, ' s')}; ` +
        `the first headline figure: ${verdict(Number((firstHeadline / 1000).toFixed(1)), 4, ' s')}; all three: ${verdict(Number((headlines / 1000).toFixed(1)), 4, ' s')}.`,
      `- a threshold change repainted ≤ 150 ms: ${verdict(threshold, 150, ' ms')}.`,
      `- peak memory of the renderer process (page and workers, VmHWM) ≤ 1.5 × the plaintext (${Math.round(plaintextMb)} MB), through the open (read when it completed): ${ratio(measured.peakAfterOpenMb)}` +
        `${measured.pageMb === undefined ? '' : `; the page alone, before a file is chosen, holds ${measured.pageMb} MB of it`}.`,
      `- the same through the whole session, which ends with the SQL screen's 1,000,000-row result and its sort (not the open path, but counted here): ${ratio(Math.max(measured.peakAfterOpenMb, measured.peakEndMb))}.`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main();
