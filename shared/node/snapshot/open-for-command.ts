// What the snapshot commands (info, validate, query, and any other that opens a file)
// share: take the snapshot path and key options, resolve the key, show progress on a
// terminal, and open the file. Keeps each command down to its own output.
import { resolve } from 'node:path';
import { UsageError } from '../../errors';
import type { OpenedSnapshot } from '../../snapshot/types';
import type { CliIo } from '../cli/command';
import { resolveKey, type KeyValues } from '../cli/keys';
import { createProgressBar } from '../cli/progress';
import { maxSnapshotBytes, openSnapshotFile } from './open-file';

/** Exactly `count` positional arguments, else a usage error naming what is expected. */
export function requirePositionals(positionals: string[], names: string[], command: string): string[] {
  if (positionals.length !== names.length) {
    const expected = names.map((name) => `<${name}>`).join(' ');
    throw new UsageError(
      `Gebruik: ketenlens ${command} ${expected} (ketenlens ${command} --help).`,
      `Usage: ketenlens ${command} ${expected} (ketenlens ${command} --help).`,
    );
  }
  return positionals;
}

/** Open the snapshot at `path` (relative to io.cwd) with the key the options name. */
export async function openSnapshotForCommand(path: string, keyValues: KeyValues, io: CliIo): Promise<OpenedSnapshot> {
  const key = await resolveKey(keyValues, io);
  const progress = createProgressBar(io);
  try {
    return await openSnapshotFile(resolve(io.cwd, path), key, {
      maxBytes: maxSnapshotBytes(io.env),
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
    });
  } finally {
    progress.done();
  }
}
