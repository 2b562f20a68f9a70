// Node corner: write an export file safely. The bytes go to a temporary file in the
// target folder, are flushed to disk, and only then take the target's name — so a full
// disk or a crash never leaves a half-written export, and an existing file is replaced
// only with `force` (and then atomically). Returns the SHA-256 for the audit trail.
import { sha256HexSync } from '../digest';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FileExistsError, FileWriteError } from '../../errors';

/** The file-system calls the writer uses; tests replace one to inject a failure. */
export interface WriteFileSystem {
  stat: typeof fs.stat;
  open: typeof fs.open;
  link: typeof fs.link;
  rename: typeof fs.rename;
  unlink: typeof fs.unlink;
}

const NODE_FILE_SYSTEM: WriteFileSystem = { stat: fs.stat, open: fs.open, link: fs.link, rename: fs.rename, unlink: fs.unlink };

export interface SafeWriteOptions {
  /** Replace an existing file (atomically). Without it an existing file gives FileExistsError. */
  force?: boolean;
  fileSystem?: Partial<WriteFileSystem>;
  /** Permissions of the new file (default 0o666, less the umask); e.g. 0o600 for key or snapshot files. */
  mode?: number;
}

export interface WrittenFile {
  /** Absolute path written. */
  path: string;
  /** SHA-256 (hex) of the bytes written. */
  sha256: string;
  size: number;
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** Why a file cannot be written, from a Node error code, in Dutch and English. */
export function writeFailureReason(error: unknown): [string, string] {
  const code = errorCode(error);
  switch (code) {
    case 'ENOENT':
      return ['de map bestaat niet', 'the folder does not exist'];
    case 'ENOTDIR':
      return ['een deel van het pad is geen map', 'part of the path is not a folder'];
    case 'EACCES':
    case 'EPERM':
      return ['geen toestemming om in deze map te schrijven', 'no permission to write in this folder'];
    case 'EROFS':
      return ['de map staat op een alleen-lezen schijf of share', 'the folder is on a read-only disk or share'];
    case 'ENOSPC':
    case 'EDQUOT':
      return [
        'de schijf is vol (of het quotum is op); er is niets weggeschreven',
        'the disk is full (or the quota is used up); nothing was written',
      ];
    case 'EISDIR':
      return ['het is een map, geen bestand', 'it is a folder, not a file'];
    case 'ENAMETOOLONG':
      return ['de naam is te lang', 'the name is too long'];
    default:
      return [`schrijffout (${code || 'onbekend'})`, `write error (${code || 'unknown'})`];
  }
}

/**
 * Check, before any work, that `target` can be written: its folder exists and is a
 * folder, and the file does not exist (unless `force`) and is not a folder. Commands
 * call it before decrypting a snapshot so a typo in --out fails at once.
 */
export async function checkWriteTarget(target: string, options: SafeWriteOptions = {}): Promise<string> {
  const files: WriteFileSystem = { ...NODE_FILE_SYSTEM, ...options.fileSystem };
  const path = resolve(target);
  const fail = (error: unknown): never => {
    throw new FileWriteError(path, ...writeFailureReason(error), { cause: error });
  };
  const folderInfo = await files.stat(dirname(path)).catch(fail);
  if (!folderInfo.isDirectory()) fail({ code: 'ENOTDIR' });
  const existing = await files.stat(path).catch((error: unknown) => (errorCode(error) === 'ENOENT' ? null : fail(error)));
  if (existing !== null) {
    if (existing.isDirectory()) fail({ code: 'EISDIR' });
    if (options.force !== true) throw new FileExistsError(path);
  }
  return path;
}

/** Write `data` to `target` without ever leaving a partial file; see the module header. */
export async function writeFileSafely(target: string, data: Uint8Array, options: SafeWriteOptions = {}): Promise<WrittenFile> {
  const files: WriteFileSystem = { ...NODE_FILE_SYSTEM, ...options.fileSystem };
  const path = await checkWriteTarget(target, options);
  const folder = dirname(path);
  const fail = (error: unknown): never => {
    if (error instanceof FileExistsError || error instanceof FileWriteError) throw error;
    throw new FileWriteError(path, ...writeFailureReason(error), { cause: error });
  };

  // Hidden, unique and in the same folder, so the final rename stays on one file system.
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    // The temporary file is created with the final permissions, so the name never points at a laxer file.
    const handle = await files.open(temporary, 'wx', options.mode ?? 0o666);
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.force === true) {
      await files.rename(temporary, path);
    } else {
      await linkWithoutReplacing(files, temporary, path);
    }
    created = false;
  } catch (error) {
    if (created) await files.unlink(temporary).catch(() => undefined);
    fail(error);
  }
  await syncFolder(folder);
  return { path, sha256: sha256HexSync(data), size: data.byteLength };
}

/**
 * Give the temporary file its final name unless that name appeared meanwhile: a hard
 * link fails with EEXIST instead of replacing. File systems without hard links (FAT,
 * some shares) fall back to a rename after a last check.
 */
async function linkWithoutReplacing(files: WriteFileSystem, temporary: string, path: string): Promise<void> {
  try {
    await files.link(temporary, path);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') throw new FileExistsError(path);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
    const appeared = await files.stat(path).then(() => true, () => false);
    if (appeared) throw new FileExistsError(path);
    await files.rename(temporary, path);
    return;
  }
  // The export is in place; a leftover hidden temporary name is harmless.
  await files.unlink(temporary).catch(() => undefined);
}

/** Make the new name durable; not every platform can open a folder, so failures are ignored. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await fs.open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows and some network shares refuse to open or sync a folder; the data itself is synced.
  }
}
