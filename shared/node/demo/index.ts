// Node corner of the demo: makes the encrypted demo snapshot in the data directory on
// first use (generated in memory, encrypted in memory, written atomically), and writes
// scale snapshots for benchmarks. The plaintext never touches the disk.
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { AgeRecipients, ProgressListener } from '../../age/types';
import { DEMO_VERSION, generateDemoSnapshot, generateEarlierDemoSnapshot } from '../../demo/generate';
import { generateScaleSnapshot, type ScaleOptions } from '../../demo/scale';
import { FileWriteError } from '../../errors';
import { encryptAge } from '../age/index';
import { writeFileSafely } from '../files/safe-write';
import { nodeSqlJsProvider } from '../snapshot/sqljs-node';
import { ketenlensDataDir } from '../audit/data-dir';

/** The demo's passphrase; public on purpose, the demo holds no real person. */
export const DEMO_PASSPHRASE = 'ketenlens-demo';
export const DEMO_FILE_NAME = 'demo.snapshot.age';
/** The earlier demo extract (peildatum 2023-07-13), for comparing with the demo (docs/DIFF.md). */
export const EARLIER_DEMO_FILE_NAME = 'demo-eerder.snapshot.age';

/** The one data folder of the app and the CLI: KETENLENS_DATA_DIR, else the OS's per-user folder (shared/node/audit/data-dir.ts). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return ketenlensDataDir(env);
}

const errorCode = (error: unknown): string => (error instanceof Error && 'code' in error ? String(error.code) : '');

/**
 * mkdir -p, one level at a time: Node's own recursive mkdir can loop forever on some
 * pseudo file systems (seen with /proc), and a command must never hang.
 */
async function makeDirectories(path: string): Promise<void> {
  try {
    await mkdir(path, { mode: 0o700 });
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') {
      if (!(await stat(path)).isDirectory()) throw error;
      return;
    }
    const parent = dirname(path);
    if (code !== 'ENOENT' || parent === path) throw error;
    await makeDirectories(parent);
    await mkdir(path, { mode: 0o700 }).catch((again: unknown) => {
      if (errorCode(again) !== 'EEXIST') throw again;
    });
  }
}

/** Creates the data folder (mode 0700) if needed; a typed refusal when it cannot. */
export async function ensureDataDir(path: string): Promise<void> {
  try {
    await makeDirectories(resolve(path));
  } catch (error) {
    throw new FileWriteError(path, 'de datamap kan niet worden gemaakt', 'the data folder cannot be created', { cause: error });
  }
}

/** Beside the demo file: which generator version made it. */
export const DEMO_VERSION_FILE_NAME = 'demo.snapshot.version';
export const EARLIER_DEMO_VERSION_FILE_NAME = 'demo-eerder.snapshot.version';

async function madeByThisVersion(versionPath: string): Promise<boolean> {
  // A demo without a version file, or from another generator version, is made again.
  const text = await readFile(versionPath, 'utf8').catch(() => null);
  return text?.trim() === DEMO_VERSION;
}

export interface WriteSnapshotOptions {
  out: string;
  to: AgeRecipients;
  force: boolean;
  onProgress?: ProgressListener;
}

/** Encrypts plaintext SQLite bytes and writes them atomically; returns the SHA-256 of the file. */
async function encryptAndWrite(plaintext: Uint8Array, options: WriteSnapshotOptions): Promise<string> {
  options.onProgress?.({ phase: 'encrypt', done: 0, total: plaintext.length });
  const encrypted = await encryptAge(plaintext, options.to, { onProgress: options.onProgress });
  options.onProgress?.({ phase: 'write', done: 0, total: encrypted.length });
  // Private like every snapshot file (the demo's passphrase is public, a scale file's key may not be).
  const { sha256 } = await writeFileSafely(options.out, encrypted, { force: options.force, mode: 0o600 });
  options.onProgress?.({ phase: 'write', done: encrypted.length, total: encrypted.length });
  return sha256;
}

/** Generates the demo snapshot and writes it encrypted. */
export async function writeDemoSnapshot(options: WriteSnapshotOptions): Promise<string> {
  options.onProgress?.({ phase: 'generate', done: 0, total: 0 });
  const plaintext = generateDemoSnapshot(await nodeSqlJsProvider());
  return encryptAndWrite(plaintext, options);
}

/** Generates the earlier demo extract (peildatum 2023-07-13) and writes it encrypted. */
export async function writeEarlierDemoSnapshot(options: WriteSnapshotOptions): Promise<string> {
  options.onProgress?.({ phase: 'generate', done: 0, total: 0 });
  const plaintext = generateEarlierDemoSnapshot(await nodeSqlJsProvider());
  return encryptAndWrite(plaintext, options);
}

export interface ScaleSnapshotOptions extends WriteSnapshotOptions {
  persons: number;
  seed: number;
}

/**
 * The plaintext bytes of a scale snapshot, with sql.js loaded for Node: the call for
 * benchmarks, `({ persons, seed, onProgress })` as in demo-v1.md. Keep them in memory.
 */
export async function scaleSnapshotPlaintext(options: ScaleOptions): Promise<Uint8Array> {
  return generateScaleSnapshot(await nodeSqlJsProvider(), options);
}

/** Generates a scale snapshot (benchmarks) and writes it encrypted. */
export async function writeScaleSnapshot(options: ScaleSnapshotOptions): Promise<string> {
  const plaintext = await scaleSnapshotPlaintext({ persons: options.persons, seed: options.seed, onProgress: options.onProgress });
  return encryptAndWrite(plaintext, options);
}

const pending = new Map<string, Promise<string>>();

/**
 * The path of `demo.snapshot.age` in the data directory, generated (passphrase
 * DEMO_PASSPHRASE, scrypt work factor 18 like the age CLI) if it is not there yet or was
 * made by another version of the generator.
 */
export function ensureDemoSnapshot(dataDir: string = defaultDataDir(), onProgress?: ProgressListener): Promise<string> {
  return ensureDemoFile(dataDir, 'current', onProgress);
}

/** Like ensureDemoSnapshot, for the earlier demo extract `demo-eerder.snapshot.age` (same passphrase). */
export function ensureEarlierDemoSnapshot(dataDir: string = defaultDataDir(), onProgress?: ProgressListener): Promise<string> {
  return ensureDemoFile(dataDir, 'earlier', onProgress);
}

function ensureDemoFile(dataDir: string, which: 'current' | 'earlier', onProgress?: ProgressListener): Promise<string> {
  const directory = resolve(dataDir);
  const path = join(directory, which === 'current' ? DEMO_FILE_NAME : EARLIER_DEMO_FILE_NAME);
  // Two callers in one process share one generation; across processes the atomic rename
  // makes a concurrent writer harmless (both files have the same plaintext).
  const running = pending.get(path);
  if (running !== undefined) return running;
  const work = (async () => {
    const versionPath = join(directory, which === 'current' ? DEMO_VERSION_FILE_NAME : EARLIER_DEMO_VERSION_FILE_NAME);
    if (await madeByThisVersion(versionPath)) {
      const present = await stat(path).then((found) => found.isFile(), () => false);
      if (present) return path;
    }
    await ensureDataDir(directory);
    const write = which === 'current' ? writeDemoSnapshot : writeEarlierDemoSnapshot;
    await write({ out: path, to: { kind: 'passphrase', passphrase: DEMO_PASSPHRASE }, force: true, onProgress });
    await writeFileSafely(versionPath, new TextEncoder().encode(`${DEMO_VERSION}\n`), { force: true });
    return path;
  })().finally(() => pending.delete(path));
  pending.set(path, work);
  return work;
}
