// Node corner: an open file as the age layer's RandomAccessSource, and the FileReadError
// (with the path and a reason in Dutch and English) that an OS error while reading becomes.
// Shared by the whole decryption (index.ts, payload-workers.ts) and the decryption on
// demand (on-demand.ts).
import { readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { FileReadError, FileTooLargeError, TruncatedFileError } from '../../errors';
import type { RandomAccessSource } from '../../age/decrypt';

export function readError(path: string, error: unknown): FileReadError {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const reasons: Record<string, [string, string]> = {
    ENOENT: ['het bestand bestaat niet', 'the file does not exist'],
    EACCES: ['geen leesrechten', 'permission denied'],
    EPERM: ['geen leesrechten', 'permission denied'],
    EISDIR: ['het is een map, geen bestand', 'it is a directory, not a file'],
  };
  const [reasonNl, reasonEn] = reasons[code] ?? ['leesfout', `read error${code === '' ? '' : ` (${code})`}`];
  return new FileReadError(path, reasonNl, reasonEn, { cause: error });
}

/** An open file as a RandomAccessSource; OS errors become FileReadError. */
export function fileSource(handle: FileHandle, size: number, path: string): RandomAccessSource {
  return {
    size,
    async read(position, length, into) {
      let done = 0;
      while (done < length) {
        let bytesRead: number;
        try {
          ({ bytesRead } = await handle.read(into, done, length - done, position + done));
        } catch (error) {
          throw readError(path, error);
        }
        if (bytesRead === 0) throw new TruncatedFileError();
        done += bytesRead;
      }
      return into;
    },
  };
}

/**
 * Opens `path` for reading and reads its size: OS errors (and a directory) become
 * FileReadError, a file over `maxBytes` FileTooLargeError, before any byte is read. The
 * caller closes the handle.
 */
export async function openSizedFile(path: string, maxBytes?: number): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw readError(path, error);
  }
  try {
    let size: number;
    try {
      const stats = await handle.stat();
      if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      size = stats.size;
    } catch (error) {
      throw readError(path, error);
    }
    if (maxBytes !== undefined && size > maxBytes) throw new FileTooLargeError(size, maxBytes);
    return { handle, size };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/** Fills `into` from `fd` at `position`, in this thread; false when the file ends first. OS errors are thrown. */
export function readFullySync(fd: number, into: Uint8Array, position: number): boolean {
  for (let done = 0; done < into.length; ) {
    const read = readSync(fd, into, done, into.length - done, position + done);
    if (read === 0) return false;
    done += read;
  }
  return true;
}
