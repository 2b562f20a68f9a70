// Write an output file atomically: a temporary file in the target folder, fsync, rename.
// A refusal or failure never leaves a half-written file and never touches an existing one.
import { createHash, randomBytes } from 'node:crypto';
import { access, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FileExistsError, FileWriteError } from '../../errors';

function reason(error: unknown): [string, string] {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return ['de map bestaat niet', 'the folder does not exist'];
    case 'EACCES':
    case 'EPERM':
      return ['geen schrijfrechten in deze map', 'no permission to write in this folder'];
    case 'EROFS':
      return ['de map is alleen-lezen', 'the folder is read-only'];
    case 'ENOSPC':
      return ['de schijf is vol', 'the disk is full'];
    case 'EISDIR':
      return ['dit is een map', 'this is a folder'];
    default:
      return [`schrijffout (${code || 'onbekend'})`, `write error (${code || 'unknown'})`];
  }
}

/** Refuse early, before any work, when the output exists (without force) or its folder is missing. */
export async function assertWritable(path: string, force: boolean): Promise<void> {
  try {
    await access(dirname(path));
  } catch (error) {
    const [nl, en] = reason(error);
    throw new FileWriteError(path, nl, en, { cause: error });
  }
  if (!force) {
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (exists) throw new FileExistsError(path);
  }
}

/** Returns the SHA-256 (hex) of the bytes written. */
export async function writeFileAtomically(path: string, bytes: Uint8Array, force: boolean): Promise<string> {
  await assertWritable(path, force);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const [nl, en] = reason(error);
    throw new FileWriteError(path, nl, en, { cause: error });
  }
  return createHash('sha256').update(bytes).digest('hex');
}
