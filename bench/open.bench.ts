// Benchmark of opening a snapshot: decrypt + load into sql.js + structure checks + all
// data-quality findings, on a ~340 MB scale snapshot (shared/demo/scale.ts, seeded),
// encrypted to an X25519 key. Wall time, CPU time, time per phase and peak RSS, measured
// in a child process of its own. Run by `npm run bench`; prints one Markdown section.
// KETENLENS_BENCH_PERSONS overrides the number of persons (466 000 gives ~340 MB).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateScaleSnapshot } from '../shared/demo/scale';
import { encryptAge, generateIdentity } from '../shared/node/age/index';
import { openSnapshotFile } from '../shared/node/snapshot/open-file';
import { nodeSqlJsProvider } from '../shared/node/snapshot/sqljs-node';
import type { Progress } from '../shared/age/types';

const PERSONS = Number(process.env.KETENLENS_BENCH_PERSONS ?? 466_000);
const RUNS = 3;
const MB = 1e6;

interface Measurement {
  seconds: number;
  cpuSeconds: number;
  /** Seconds per phase: decrypt (incl. reading), load (sql.js + structure checks), check (findings and counts). */
  phases: { decrypt: number; load: number; check: number };
  peakRssBytes: number;
  baselineRssBytes: number;
  findings: number;
  rows: number;
}

/** Child mode: open the file once and print a Measurement as JSON. */
async function child(file: string, identity: string): Promise<void> {
  await nodeSqlJsProvider();
  const baselineRssBytes = process.resourceUsage().maxRSS * 1024;
  const marks = new Map<string, number>();
  const mark = (progress: Progress) => {
    const name = `${progress.phase}:${progress.done === 0 ? 'start' : 'end'}`;
    if (!marks.has(name) || name.endsWith(':end')) marks.set(name, performance.now());
  };
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const snapshot = await openSnapshotFile(file, { kind: 'identities', identities: [identity] }, { onProgress: mark, maxBytes: 10e9 });
  const end = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  const loadStart = marks.get('load:start') ?? start;
  const checkStart = marks.get('check:start') ?? loadStart;
  const result: Measurement = {
    seconds: (end - start) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    phases: { decrypt: (loadStart - start) / 1000, load: (checkStart - loadStart) / 1000, check: (end - checkStart) / 1000 },
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    baselineRssBytes,
    findings: snapshot.findings.length,
    rows: Object.values(snapshot.rowCounts).reduce((sum, count) => sum + (count ?? 0), 0),
  };
  snapshot.close();
  process.stdout.write(JSON.stringify(result));
}

function measureChild(file: string, identity: string): Measurement {
  const output = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, 'child', file, identity], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(output) satisfies Measurement;
}

const seconds = (value: number) => `${value.toFixed(2)} s`;
const megabytes = (value: number) => `${Math.round(value / MB)} MB`;

async function parent(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'ketenlens-bench-open-'));
  try {
    process.stderr.write(`open.bench: generating ${PERSONS} persons …\n`);
    const generationStart = performance.now();
    let plaintext: Uint8Array | null = generateScaleSnapshot(await nodeSqlJsProvider(), { persons: PERSONS, seed: 1 });
    const generationSeconds = (performance.now() - generationStart) / 1000;
    const plaintextBytes = plaintext.length;
    const { identity, recipient } = generateIdentity();
    const file = join(directory, 'scale.snapshot.age');
    writeFileSync(file, await encryptAge(plaintext, { kind: 'x25519', recipients: [recipient] }));
    plaintext = null;
    const runs: Measurement[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      process.stderr.write(`open.bench: run ${run + 1}/${RUNS}\n`);
      runs.push(measureChild(file, identity));
    }
    const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const peak = Math.max(...runs.map((run) => run.peakRssBytes));
    const baseline = Math.min(...runs.map((run) => run.baselineRssBytes));
    const ratio = (peak - baseline) / plaintextBytes;
    const lines = [
      '## Opening a snapshot (bench/open.bench.ts)',
      '',
      `Scale snapshot: ${PERSONS.toLocaleString('en-GB')} persons, ${best.rows.toLocaleString('en-GB')} rows, ` +
        `${megabytes(plaintextBytes)} plaintext (generated in ${seconds(generationSeconds)}), encrypted to one X25519 key. ` +
        `Open = stat + decrypt (node:crypto, streamed) + load into sql.js (no copy) + structure checks + all data-quality checks. ` +
        `${RUNS} runs, each in a fresh process; CPU time is less sensitive to other load on the machine than wall time.`,
      '',
      '| run | wall | CPU | decrypt | load + structure | findings + counts | peak RSS | findings |',
      '|---|---|---|---|---|---|---|---|',
      ...runs.map(
        (run, index) =>
          `| ${index + 1} | ${seconds(run.seconds)} | ${seconds(run.cpuSeconds)} | ${seconds(run.phases.decrypt)} | ` +
          `${seconds(run.phases.load)} | ${seconds(run.phases.check)} | ${megabytes(run.peakRssBytes)} | ${run.findings} |`,
      ),
      '',
      `- Target: open of ~340 MB in ≤ 1 s — best run ${seconds(best.seconds)} (CPU ${seconds(best.cpuSeconds)}): ` +
        `**${best.seconds <= 1 ? 'met' : 'not met'}**.`,
      `- Target: peak RSS ≤ 1.5 × plaintext — peak ${megabytes(peak)} minus a ${megabytes(baseline)} baseline (node + modules + sql.js) ` +
        `= ${ratio.toFixed(2)} × plaintext (${(peak / plaintextBytes).toFixed(2)} × without subtracting the baseline): ` +
        `**${ratio <= 1.5 ? 'met' : 'not met'}**.`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') await child(process.argv[3]!, process.argv[4]!);
else await parent();
