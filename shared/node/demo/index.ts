// Node corner of the demo: makes the encrypted demo snapshot in the data directory on
// first use (generated in memory, encrypted in memory, written atomically), and writes
// scale snapshots for benchmarks. The plaintext never touches the disk.
import { mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AgeRecipients, ProgressListener } from '../../age/types';
import { generateDemoSnapshot } from '../../demo/generate';
import { generateScaleSnapshot } from '../../demo/scale';
import { FileWriteError } from '../../errors';
import { encryptAge } from '../age/index';
import { writeFileAtomically } from '../seal/atomic-write';
import { nodeSqlJsProvider } from '../snapshot/sqljs-node';

/** The demo's passphrase; public on purpose, the demo holds no real person. */
export const DEMO_PASSPHRASE = 'ketenlens-demo';
export const DEMO_FILE_NAME = 'demo.snapshot.age';

/** KETENLENS_DATA_DIR, else ~/.ketenlens. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.KETENLENS_DATA_DIR;
  return configured !== undefined && configured !== '' ? resolve(configured) : join(homedir(), '.ketenlens');
}

async function ensureDirectory(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new FileWriteError(path, 'de datamap kan niet worden gemaakt', 'the data folder cannot be created', { cause: error });
  }
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

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
  const sha256 = await writeFileAtomically(options.out, encrypted, options.force);
  options.onProgress?.({ phase: 'write', done: encrypted.length, total: encrypted.length });
  return sha256;
}

/** Generates the demo snapshot and writes it encrypted. */
export async function writeDemoSnapshot(options: WriteSnapshotOptions): Promise<string> {
  options.onProgress?.({ phase: 'generate', done: 0, total: 0 });
  const plaintext = generateDemoSnapshot(await nodeSqlJsProvider());
  return encryptAndWrite(plaintext, options);
}

export interface ScaleSnapshotOptions extends WriteSnapshotOptions {
  persons: number;
  seed: number;
}

/** Generates a scale snapshot (benchmarks) and writes it encrypted. */
export async function writeScaleSnapshot(options: ScaleSnapshotOptions): Promise<string> {
  const plaintext = generateScaleSnapshot(await nodeSqlJsProvider(), {
    persons: options.persons,
    seed: options.seed,
    onProgress: options.onProgress,
  });
  return encryptAndWrite(plaintext, options);
}

const pending = new Map<string, Promise<string>>();

/**
 * The path of `demo.snapshot.age` in the data directory, generated (passphrase
 * DEMO_PASSPHRASE, scrypt work factor 18 like the age CLI) if it is not there yet.
 */
export function ensureDemoSnapshot(dataDir: string = defaultDataDir(), onProgress?: ProgressListener): Promise<string> {
  const path = join(resolve(dataDir), DEMO_FILE_NAME);
  // Two callers in one process share one generation; across processes the atomic rename
  // makes a concurrent writer harmless (both files are identical in content).
  const running = pending.get(path);
  if (running !== undefined) return running;
  const work = (async () => {
    if (await exists(path)) return path;
    await ensureDirectory(resolve(dataDir));
    await writeDemoSnapshot({ out: path, to: { kind: 'passphrase', passphrase: DEMO_PASSPHRASE }, force: true, onProgress });
    return path;
  })().finally(() => pending.delete(path));
  pending.set(path, work);
  return work;
}
