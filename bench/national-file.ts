// The national-scale snapshot the benchmarks of issue 10 share, so that `npm run bench`
// measures the command line and the app on the same file in one run: the file named by
// KETENLENS_BENCH_FILE + KETENLENS_BENCH_IDENTITY, else one generated once per machine
// (KETENLENS_BENCH_PERSONS persons, default 600,000, seed 1) into the temporary folder and
// kept there for the next benchmark and the next run (≈ 520 MB, encrypted; delete the
// folder `ketenlens-bench-national-<persons>` to make it again).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateIdentity } from '../shared/node/age/index';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'ketenlens.mjs');

export const PERSONS = Number(process.env.KETENLENS_BENCH_PERSONS ?? 600_000);

export interface NationalFile {
  file: string;
  /** An age identity file (X25519) that opens it. */
  identityFile: string;
}

export function nationalFile(): NationalFile {
  const file = process.env.KETENLENS_BENCH_FILE ?? '';
  const identityFile = process.env.KETENLENS_BENCH_IDENTITY ?? '';
  if (file !== '' && identityFile !== '') return { file, identityFile };
  const directory = join(tmpdir(), `ketenlens-bench-national-${PERSONS}`);
  const made = { file: join(directory, 'national.snapshot.age'), identityFile: join(directory, 'identity.txt') };
  if (existsSync(made.file) && existsSync(made.identityFile)) return made;
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const { identity, recipient } = generateIdentity();
  writeFileSync(made.identityFile, `${identity}\n`, { mode: 0o600 });
  process.stderr.write(`bench: generating ${PERSONS} persons into ${directory} …\n`);
  // Written under another name first: an interrupted run leaves no half file to reuse.
  const partial = `${made.file}.partial`;
  execFileSync(process.execPath, [CLI, 'demo', '--persons', String(PERSONS), '--out', partial, '--force', '--recipient', recipient], { stdio: 'inherit' });
  renameSync(partial, made.file);
  return made;
}
