// Node corner: open a snapshot file from disk — check the path and size first, decrypt
// it into memory (shared/node/age) and hand the plaintext to the isomorphic loader; the
// file's SHA-256 is computed on a worker thread meanwhile and awaited at the end.
// The plaintext never touches the disk.
import { stat } from 'node:fs/promises';
import { FileReadError, FileTooLargeError } from '../../errors';
import type { AgeKey, ProgressListener } from '../../age/types';
import type { OpenedSnapshot } from '../../snapshot/types';
import { openSnapshotFromPlaintext, type OpenOptions } from '../../snapshot/open';
import { decryptAgeFileHashingAside } from '../age';
import { openAgeFileOnDemand } from '../age/on-demand';
import { nodeSqlJsProvider } from './sqljs-node';
import { scanAsideOnThread } from './scan-aside-thread';

export const DEFAULT_MAX_SNAPSHOT_MB = 4096;

export interface OpenFileOptions {
  onProgress?: ProgressListener;
  /** Refuse larger files before decrypting; default from KETENLENS_MAX_SNAPSHOT_MB (MB = 10^6 bytes). */
  maxBytes?: number;
  /** When the data-quality checks run (OpenOptions.checks): all during the open (default), or per table when needed. */
  checks?: OpenOptions['checks'];
}

/** The size limit from KETENLENS_MAX_SNAPSHOT_MB (a positive number of MB), else 4096 MB. */
export function maxSnapshotBytes(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.KETENLENS_MAX_SNAPSHOT_MB);
  const megabytes = Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_SNAPSHOT_MB;
  return Math.round(megabytes * 1e6);
}

/** Why a path cannot be read, from a Node error code, in Dutch and English. */
export function readFailureReason(error: unknown): [string, string] {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return ['het bestand bestaat niet', 'the file does not exist'];
    case 'EACCES':
    case 'EPERM':
      return ['geen toestemming om het te lezen', 'no permission to read it'];
    case 'EISDIR':
      return ['het is een map, geen bestand', 'it is a directory, not a file'];
    case 'ENOTDIR':
      return ['een deel van het pad is geen map', 'part of the path is not a directory'];
    default:
      return [`leesfout (${code || 'onbekend'})`, `read error (${code || 'unknown'})`];
  }
}

/** Throw FileReadError for paths that are missing, not a regular file, or too large. */
export async function checkSnapshotPath(path: string, maxBytes: number): Promise<number> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new FileReadError(path, ...readFailureReason({ code: 'EISDIR' }));
    if (!info.isFile()) throw new FileReadError(path, 'het is geen gewoon bestand', 'it is not a regular file');
    size = info.size;
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError(path, ...readFailureReason(error), { cause: error });
  }
  if (size > maxBytes) throw new FileTooLargeError(size, maxBytes);
  return size;
}

/** A read error after stat (permission, a file removed meanwhile) is still a read error. */
function asReadError(path: string, error: unknown): unknown {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('E')) {
    return new FileReadError(path, ...readFailureReason(error), { cause: error });
  }
  return error;
}

export async function openSnapshotFile(path: string, key: AgeKey, options: OpenFileOptions = {}): Promise<OpenedSnapshot> {
  const maxBytes = options.maxBytes ?? maxSnapshotBytes();
  await checkSnapshotPath(path, maxBytes);
  let decrypted: Awaited<ReturnType<typeof decryptAgeFileHashingAside>>;
  try {
    decrypted = await decryptAgeFileHashingAside(path, key, { maxBytes, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  } catch (error) {
    throw asReadError(path, error);
  }
  const { plaintext, ...info } = decrypted;
  return openSnapshotFromPlaintext(plaintext, info, nodeSqlJsProvider, {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.checks ? { checks: options.checks } : {}),
    // Used only by a check of every table, and only for a large image shared with the thread.
    scanAside: scanAsideOnThread(),
  });
}

/**
 * Opens a snapshot file for a command that reads a few of its tables: decrypted on demand
 * (shared/node/age/on-demand.ts), with every check run when first needed, while a worker
 * thread verifies the whole file. `digested` settles with the verification: the file's
 * SHA-256, or its refusal (cut, altered, unreadable) in a whole decryption's words; `sha256`
 * waits for it. Until then nothing may leave the process (buildFromSnapshotForCommand).
 * An error of the open itself gives way to the verification's refusal, so a damaged file is
 * refused for its damage, not for what the damage made of its contents. Armored files are
 * decrypted whole (openSnapshotFile).
 */
export async function openSnapshotFileOnDemand(path: string, key: AgeKey, options: Pick<OpenFileOptions, 'maxBytes'> = {}): Promise<OpenedSnapshot> {
  const maxBytes = options.maxBytes ?? maxSnapshotBytes();
  await checkSnapshotPath(path, maxBytes);
  let file: Awaited<ReturnType<typeof openAgeFileOnDemand>>;
  try {
    file = await openAgeFileOnDemand(path, key, { maxBytes });
  } catch (error) {
    throw asReadError(path, error);
  }
  if (file === null) return openSnapshotFile(path, key, { maxBytes, checks: 'when-needed' });
  let snapshot: OpenedSnapshot;
  try {
    snapshot = await openSnapshotFromPlaintext(
      file.image,
      { sha256: file.verdict, waitForDigest: file.waitForVerdict, fileSize: file.fileSize, keyKind: file.keyKind },
      nodeSqlJsProvider,
      { checks: 'when-needed', digest: 'deferred' },
    );
  } catch (error) {
    const refusal = await file.verdict.then(() => null, (verdict: unknown) => verdict);
    file.release();
    throw refusal ?? error;
  }
  const closeSnapshot = snapshot.close;
  const release = file.release;
  snapshot.close = () => {
    closeSnapshot();
    release();
  };
  return snapshot;
}
