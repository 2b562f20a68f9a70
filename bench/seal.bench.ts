// Benchmark of `seal` at national scale (run by bench/run.ts; prints one Markdown section):
// a seeded 600k-person scale snapshot is dumped to a CSV folder in /dev/shm (synthetic
// data, deleted right after), then sealed in a child process as the command line does,
// measuring wall time and peak memory. Target: under a minute. Measures; never fails.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { generateScaleSnapshot } from '../shared/demo/scale';
import { generateIdentity } from '../shared/node/age';
import { sealSnapshot } from '../shared/node/seal/seal';
import { TABLE_COLUMNS } from '../shared/snapshot/schema';

const PERSONS = Number(process.env.KETENLENS_BENCH_PERSONS ?? 600_000);

function quote(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) || text === '' ? `"${text.replaceAll('"', '""')}"` : text;
}

async function dump(folder: string): Promise<{ rows: number; bytes: number }> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(generateScaleSnapshot(SQL, { persons: PERSONS, seed: 7 }));
  let rows = 0;
  try {
    for (const [table, columns] of Object.entries(TABLE_COLUMNS)) {
      if (table === 'meta' || db.exec(`SELECT 1 FROM sqlite_master WHERE name = '${table}'`).length === 0) continue;
      const out = createWriteStream(join(folder, `${table}.csv`));
      out.write(`${columns.join(',')}\n`);
      const statement = db.prepare(`SELECT ${columns.join(', ')} FROM ${table}`);
      let buffer = '';
      while (statement.step()) {
        buffer += `${statement.get().map(quote).join(',')}\n`;
        rows++;
        if (buffer.length > 1 << 20) {
          if (!out.write(buffer)) await new Promise((resolve) => out.once('drain', resolve));
          buffer = '';
        }
      }
      statement.free();
      out.write(buffer);
      await new Promise((resolve) => out.end(resolve));
    }
  } finally {
    db.close();
  }
  const bytes = readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
  return { rows, bytes };
}

if (process.argv[2] === '--child') {
  const [, , , folder, out, recipient] = process.argv;
  const started = performance.now();
  const result = await sealSnapshot({ source: folder ?? '', out: out ?? '', recipients: { kind: 'x25519', recipients: [recipient ?? ''] }, peildatum: '2023-09-15' });
  result.close();
  process.stdout.write(JSON.stringify({ ms: performance.now() - started, maxRssKb: process.resourceUsage().maxRSS, encrypted: result.encryptedBytes, plaintext: result.plaintextBytes }));
} else {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const folder = mkdtempSync(join(base, 'ketenlens-seal-bench-'));
  const out = join(mkdtempSync(join(tmpdir(), 'ketenlens-seal-out-')), 'bench.snapshot.age');
  try {
    const { rows, bytes } = await dump(folder);
    const { recipient } = generateIdentity();
    const output = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', folder, out, recipient], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const measured = JSON.parse(output) as { ms: number; maxRssKb: number; encrypted: number; plaintext: number };
    const seconds = measured.ms / 1000;
    const mb = (n: number): string => (n / 1e6).toFixed(0);
    console.log(
      [
        '## Seal (CSV folder → encrypted snapshot)',
        '',
        `A seeded scale snapshot of ${PERSONS.toLocaleString('en')} persons dumped to CSV (${rows.toLocaleString('en')} rows, ${mb(bytes)} MB in ${readdirSync(folder).length} files), sealed with \`sealSnapshot\` (the code behind \`ketenlens seal\`) for one X25519 recipient, in a fresh process.`,
        '',
        '| measure | value | target |',
        '|---|---|---|',
        `| wall time (parse, validate, load, export, encrypt, write) | ${seconds.toFixed(1)} s | < 60 s — ${seconds < 60 ? 'met' : 'missed'} |`,
        `| throughput | ${(bytes / 1e6 / seconds).toFixed(0)} MB/s of CSV, ${Math.round(rows / seconds).toLocaleString('en')} rows/s | |`,
        `| plaintext SQLite / encrypted file | ${mb(measured.plaintext)} MB / ${mb(measured.encrypted)} MB | |`,
        `| peak RSS of the sealing process | ${(measured.maxRssKb / 1024).toFixed(0)} MB | |`,
        '',
        'The peak holds the sql.js heap with the database, its exported image and the ciphertext at the same time; the CSV text is streamed in 1 MiB chunks and never held whole.',
      ].join('\n'),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(join(out, '..'), { recursive: true, force: true });
  }
}
