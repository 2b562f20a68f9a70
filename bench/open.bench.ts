// Benchmark of opening a snapshot: decrypt + load into sql.js + structure checks + all
// data-quality findings, on a ~340 MB scale snapshot (shared/demo/scale.ts, seeded),
// encrypted to an X25519 key. Wall time, CPU time, time per phase and peak RSS, measured
// in a child process of its own. Run by `npm run bench`; prints one Markdown section.
// KETENLENS_BENCH_PERSONS overrides the number of persons (395 000 gives ~340 MB).
// Generation runs in a child process too: Linux carries a parent's RSS high-water mark
// into a forked child's ru_maxrss, so a big parent would spoil the children's figures.
// Peak RSS is read from /proc/self/status (VmHWM), which belongs to the process itself.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateScaleSnapshot } from '../shared/demo/scale';
import { encryptAge, generateIdentity } from '../shared/node/age/index';
import { openSnapshotFile } from '../shared/node/snapshot/open-file';
import { nodeSqlJsProvider } from '../shared/node/snapshot/sqljs-node';
import type { Progress } from '../shared/age/types';

const PERSONS = Number(process.env.KETENLENS_BENCH_PERSONS ?? 395_000);
const RUNS = 3;
const MB = 1e6;

interface Phases {
  decrypt: number;
  load: number;
  check: number;
}

interface Measurement {
  seconds: number;
  cpuSeconds: number;
  /** Wall seconds per phase: decrypt (incl. reading), load (sql.js + structure checks), check (findings and counts). */
  phases: Phases;
  /** CPU seconds per phase. */
  cpuPhases: Phases;
  peakRssBytes: number;
  baselineRssBytes: number;
  findings: number;
  rows: number;
}

/** This process's own peak resident set (VmHWM), in bytes. */
function peakRss(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match === null ? process.resourceUsage().maxRSS * 1024 : Number(match[1]) * 1024;
}

const cpuNow = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/** Child mode: open the file once and print a Measurement as JSON. */
async function child(file: string, identity: string): Promise<void> {
  await nodeSqlJsProvider();
  const baselineRssBytes = peakRss();
  const marks = new Map<string, { wall: number; cpu: number }>();
  const mark = (progress: Progress) => {
    const name = `${progress.phase}:${progress.done === 0 ? 'start' : 'end'}`;
    if (!marks.has(name) || name.endsWith(':end')) marks.set(name, { wall: performance.now(), cpu: cpuNow() });
  };
  const start = { wall: performance.now(), cpu: cpuNow() };
  const snapshot = await openSnapshotFile(file, { kind: 'identities', identities: [identity] }, { onProgress: mark, maxBytes: 10e9 });
  const end = { wall: performance.now(), cpu: cpuNow() };
  const loadStart = marks.get('load:start') ?? start;
  const checkStart = marks.get('check:start') ?? loadStart;
  const result: Measurement = {
    seconds: (end.wall - start.wall) / 1000,
    cpuSeconds: end.cpu - start.cpu,
    phases: {
      decrypt: (loadStart.wall - start.wall) / 1000,
      load: (checkStart.wall - loadStart.wall) / 1000,
      check: (end.wall - checkStart.wall) / 1000,
    },
    cpuPhases: { decrypt: loadStart.cpu - start.cpu, load: checkStart.cpu - loadStart.cpu, check: end.cpu - checkStart.cpu },
    peakRssBytes: peakRss(),
    baselineRssBytes,
    findings: snapshot.findings.length,
    rows: Object.values(snapshot.rowCounts).reduce((sum, count) => sum + (count ?? 0), 0),
  };
  snapshot.close();
  process.stdout.write(JSON.stringify(result));
}

/** Generate mode: write the encrypted scale snapshot, print its plaintext size and the generation time. */
async function generate(file: string, recipient: string): Promise<void> {
  const start = performance.now();
  const plaintext = generateScaleSnapshot(await nodeSqlJsProvider(), { persons: PERSONS, seed: 1 });
  const seconds = (performance.now() - start) / 1000;
  writeFileSync(file, await encryptAge(plaintext, { kind: 'x25519', recipients: [recipient] }));
  process.stdout.write(JSON.stringify({ bytes: plaintext.length, seconds }));
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
    const { identity, recipient } = generateIdentity();
    const file = join(directory, 'scale.snapshot.age');
    const generated = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, 'generate', file, recipient], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    ) satisfies { bytes: number; seconds: number };
    const plaintextBytes = generated.bytes;
    const generationSeconds = generated.seconds;
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
      'Phases as wall / CPU seconds.',
      '',
      '| run | wall | CPU | decrypt | load + structure | findings + counts | peak RSS | findings |',
      '|---|---|---|---|---|---|---|---|',
      ...runs.map(
        (run, index) =>
          `| ${index + 1} | ${seconds(run.seconds)} | ${seconds(run.cpuSeconds)} | ` +
          `${run.phases.decrypt.toFixed(2)} / ${run.cpuPhases.decrypt.toFixed(2)} | ` +
          `${run.phases.load.toFixed(2)} / ${run.cpuPhases.load.toFixed(2)} | ` +
          `${run.phases.check.toFixed(2)} / ${run.cpuPhases.check.toFixed(2)} | ${megabytes(run.peakRssBytes)} | ${run.findings} |`,
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
else if (process.argv[2] === 'generate') await generate(process.argv[3]!, process.argv[4]!);
else await parent();
