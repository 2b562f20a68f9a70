// Before sealing or re-keying (which take a while), refuse early when the output exists
// or its folder cannot take it; the write itself goes through shared/node/files.
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FileExistsError, FileWriteError } from '../../errors';
import { writeFailureReason } from '../files/safe-write';

export async function assertWritable(path: string, force: boolean): Promise<void> {
  try {
    await access(dirname(path));
  } catch (error) {
    throw new FileWriteError(path, ...writeFailureReason(error), { cause: error });
  }
  if (!force) {
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (exists) throw new FileExistsError(path);
  }
}
