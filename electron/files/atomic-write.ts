// Writes an export atomically: a temporary file in the target folder, fsynced, then
// renamed over the chosen name, so a crash never leaves half an export under the real
// name. Overwriting is only reached after the native save dialog asked the user.
// Returns the SHA-256 of what was written, for the audit trail and the user.
import { createHash, randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<{ sha256: string }> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return { sha256: createHash('sha256').update(bytes).digest('hex') };
}
