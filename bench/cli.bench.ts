// The issue-10 targets side by side, in one run, on one national-scale file (600.000
// persons, X25519): the command line against the native tools on the same file.
//   info: `ketenlens info` vs `age -d` + `sqlite3` counting the rows of every table;
//   tables: `ketenlens table elip-cohorten` (3 dates) + `ketenlens table datalek-gemeenten`
//     as two processes, as a script would run them, vs `age -d` + `sqlite3` running the plain
//     SQL of the definitions (one decryption, two sqlite3 processes).
// Each step runs RUNS times interleaved; the section reports medians, the load average
// beside every run (other work shares the machine), peak RSS, and a CPU profile of one
// run of each command (the same bundle) that says where the time goes. The native tools read a
// plaintext copy in /dev/shm (memory-backed), deleted right after each run.
// The file: bench/national-file.ts (shared with the app's benchmark).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { nationalFile, PERSONS } from './national-file';
import { datalekPlainSql } from './plain-sql';
import { IDLE, profileAreas } from './profile-areas';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'ketenlens.mjs');
const RUNS = Number(process.env.KETENLENS_BENCH_RUNS ?? 3);
const DATES = ['2022-05-01', '2022-10-15', '2023-07-01'];
const TABLES = [
  'meta', 'gemeente', 'gegevenscategorie', 'incident', 'inburgeraar', 'lening_betaling', 'termijnoverschrijding', 'dwangbevel',
  'kennisgeving', 'ind_levering', 'portaal_signaal', 'signaal_gegeven', 'portaal_inzage',
];

interface Run {
  seconds: number;
  peakMb: number;
  load: number;
}

/** Run a command, measuring wall time and (through /usr/bin/time) its peak RSS. */
function timed(command: string, args: string[], input?: string): Run {
  const load = loadavg()[0]!;
  const from = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {
    input, encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['pipe', 'pipe', 'pipe'],
  });
  const seconds = (performance.now() - from) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-500)}`);
  const lines = result.stderr.trim().split('\n');
  // GNU time reports KiB; the plaintext is given in MB (10^6 bytes), so the peak is too.
  return { seconds, peakMb: (Number(lines.at(-1)) * 1024) / 1e6, load };
}

function sum(runs: Run[]): Run {
  return {
    seconds: runs.reduce((total, run) => total + run.seconds, 0),
    peakMb: Math.max(...runs.map((run) => run.peakMb)),
    load: runs[0]!.load,
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function elipSql(peildatum: string): string {
  return `SELECT CAST(substr(plicht_start, 1, 4) AS INTEGER) AS cohort, count(*) FROM (
  SELECT i.plicht_start,
         (SELECT coalesce(sum(b.bedrag_cent), 0) FROM lening_betaling b WHERE b.inburgeraar_id = i.id AND b.datum <= '${peildatum}') AS loan
    FROM inburgeraar i
   WHERE i.stelsel = 'Wi2013' AND i.doelgroep = 'asiel' AND i.plicht_start <= '${peildatum}'
     AND (i.status = 'lopend' OR i.status_datum > '${peildatum}'))
 WHERE loan >= 950000 GROUP BY cohort ORDER BY cohort;`;
}

function native(file: string, identityFile: string, scripts: string[]): Run {
  const copy = `/dev/shm/ketenlens-cli-bench-${process.pid}.sqlite`;
  try {
    const runs = [timed('age', ['-d', '-i', identityFile, '-o', copy, file])];
    for (const script of scripts) runs.push(timed('sqlite3', ['-readonly', copy], script));
    return sum(runs);
  } finally {
    rmSync(copy, { force: true });
  }
}

function ketenlens(args: string[][]): Run {
  return sum(args.map((argv) => timed(process.execPath, [CLI, ...argv])));
}

/**
 * Self time of one run of the shipped command (bin/ketenlens.mjs, the bundle the timings
 * above run) under the V8 profiler, all threads, by area of the code (bench/profile-areas.ts).
 * Not the TypeScript sources through tsx: its loader thread and on-the-fly compilation
 * (≈ 1 s) would show up as "Node" time the command never spends.
 */
function profile(argv: string[]): { total: number; areas: [string, number][] } {
  const directory = mkdtempSync(join(tmpdir(), 'ketenlens-cli-profile-'));
  try {
    execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', directory, CLI, ...argv], { stdio: ['ignore', 'ignore', 'inherit'], cwd: ROOT });
    const areas = profileAreas(directory);
    const total = [...areas].filter(([area]) => area !== IDLE).reduce((sum, [, ms]) => sum + ms, 0);
    return { total, areas: [...areas].sort((a, b) => b[1] - a[1]) };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { file, identityFile } = nationalFile();
  const size = Number(execFileSync('stat', ['-c', '%s', file], { encoding: 'utf8' }).trim());
  const countSql = TABLES.map((table) => `SELECT count(*) FROM ${table};`).join('\n');
  const infoArgs = [['info', file, '-i', identityFile]];
  const tableArgs = [
    ['table', 'elip-cohorten', file, '-i', identityFile, '--peildatum', DATES.join(',')],
    ['table', 'datalek-gemeenten', file, '-i', identityFile],
  ];
  const steps = {
    ageOnly: [] as Run[], nativeInfo: [] as Run[], info: [] as Run[], nativeTables: [] as Run[], tables: [] as Run[],
  };
  for (let run = 0; run < RUNS; run++) {
    process.stderr.write(`cli.bench: run ${run + 1}/${RUNS}\n`);
    steps.ageOnly.push(timed('age', ['-d', '-i', identityFile, '-o', '/dev/null', file]));
    steps.nativeInfo.push(native(file, identityFile, [countSql]));
    steps.info.push(ketenlens(infoArgs));
    steps.nativeTables.push(native(file, identityFile, [DATES.map(elipSql).join('\n'), datalekPlainSql('2023-09-15')]));
    steps.tables.push(ketenlens(tableArgs));
  }
  process.stderr.write('cli.bench: profiles\n');
  const infoProfile = profile(infoArgs[0]!);
  const tableProfiles = tableArgs.map((argv) => profile(argv));

  const m = (runs: Run[]) => median(runs.map((run) => run.seconds));
  const cell = (runs: Run[]) => `${m(runs).toFixed(2)} s (${runs.map((run) => run.seconds.toFixed(2)).join(' / ')})`;
  const loads = (runs: Run[]) => runs.map((run) => run.load.toFixed(1)).join(' / ');
  const peak = (runs: Run[]) => `${Math.round(Math.max(...runs.map((run) => run.peakMb)))} MB`;
  const infoRatio = m(steps.info) / m(steps.nativeInfo);
  const tableRatio = m(steps.tables) / m(steps.nativeTables);
  const plaintextMb = size / 1e6;
  const verdict = (ratio: number, target: number) =>
    ratio <= target ? `**met** (${ratio.toFixed(2)}×)` : `**missed** by ${(ratio / target).toFixed(1)}× (${ratio.toFixed(2)}× against ≤ ${target}×)`;
  const profileTable = (title: string, result: ReturnType<typeof profile>) => [
    `| ${title} | self time | share |`,
    '|---|---:|---:|',
    ...result.areas.map(([area, ms]) => `| ${area} | ${Math.round(ms)} ms | ${area === IDLE ? '' : `${Math.round((100 * ms) / result.total)} %`} |`),
  ];
  const lines = [
    '## Command line against the native tools (bench/cli.bench.ts)',
    '',
    `One national-scale snapshot (${PERSONS.toLocaleString('en-GB')} persons, ${Math.round(plaintextMb)} MB encrypted, one X25519 recipient). ` +
      `${RUNS} interleaved runs; medians, with every run in brackets and the 1-minute load average at its start ` +
      '(the machine is shared: absolute times are pessimistic, the ratios fairer). Each Ketenlens command is a fresh process ' +
      '(node start-up, decryption, loading, checks included). The native tools decrypt into /dev/shm and run the plain SQL there.',
    '',
    '| step | median | runs | load at start | peak RSS |',
    '|---|---:|---|---|---:|',
    `| \`age -d\` to /dev/null | ${m(steps.ageOnly).toFixed(2)} s | ${cell(steps.ageOnly)} | ${loads(steps.ageOnly)} | ${peak(steps.ageOnly)} |`,
    `| \`age -d\` + \`sqlite3\` counting the rows of every table | ${m(steps.nativeInfo).toFixed(2)} s | ${cell(steps.nativeInfo)} | ${loads(steps.nativeInfo)} | ${peak(steps.nativeInfo)} |`,
    `| \`ketenlens info\` (meta, row counts, findings summary, SHA-256) | ${m(steps.info).toFixed(2)} s | ${cell(steps.info)} | ${loads(steps.info)} | ${peak(steps.info)} |`,
    `| \`age -d\` + \`sqlite3\`: plain SQL of ELIP-A at 3 dates, then of the exposure per municipality | ${m(steps.nativeTables).toFixed(2)} s | ${cell(steps.nativeTables)} | ${loads(steps.nativeTables)} | ${peak(steps.nativeTables)} |`,
    `| \`ketenlens table elip-cohorten\` (3 dates) + \`ketenlens table datalek-gemeenten\`, two processes | ${m(steps.tables).toFixed(2)} s | ${cell(steps.tables)} | ${loads(steps.tables)} | ${peak(steps.tables)} |`,
    '',
    `- \`info\` ≤ 2× the native row count: ${verdict(infoRatio, 2)}.`,
    `- the two tables ≤ 1.5× the native plain SQL: ${verdict(tableRatio, 1.5)}; the later goal ≤ 1.0×: ${tableRatio <= 1 ? 'met' : 'not yet'}.`,
    `- peak memory ≤ 1.5× the plaintext (${Math.round(plaintextMb)} MB): \`info\` ${peak(steps.info)} = ` +
      `${(Math.max(...steps.info.map((run) => run.peakMb)) / plaintextMb).toFixed(2)}×, the tables ` +
      `${(Math.max(...steps.tables.map((run) => run.peakMb)) / plaintextMb).toFixed(2)}× (whole process, node and sql.js included).`,
    '',
    'Where the time goes: self time by area in one run of each command (bin/ketenlens.mjs) under the V8 profiler, all threads: main, the decryption workers, the hash worker and the checks thread (info), or the verification worker that hashes the file and checks every chunk\'s tag (the table commands, which decrypt on demand on the main thread) ' +
      '(bench/profile-areas.ts: bundled frames mapped to their source module; Node\'s own frames charged to the code that called them). ' +
      'A thread\'s samples measure its wall time, so on a busy machine a thread waiting for a core counts in the area it is in. ' +
      '"idle" is the main thread waiting, e.g. for the decryption threads.',
    '',
    ...profileTable('`info`', infoProfile),
    '',
    ...profileTable('`table elip-cohorten` (3 dates)', tableProfiles[0]!),
    '',
    ...profileTable('`table datalek-gemeenten`', tableProfiles[1]!),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
