// What the snapshot commands (info, validate, query, and any other that opens a file)
// share: take the snapshot path and key options, resolve the key, show progress on a
// terminal, open the file, and record the opening (or its refusal) in the audit trail —
// path, SHA-256 and kind of key, never the key. Keeps each command down to its own output.
// Commands that build tables open with checks 'when-needed' (only the snapshot tables a
// table reads are checked); info, validate and query need every check and keep the default.
import { resolve } from 'node:path';
import { asKetenlensError, UsageError } from '../../errors';
import type { OpenedSnapshot } from '../../snapshot/types';
import type { CliIo } from '../cli/command';
import { resolveKey, type KeyValues } from '../cli/keys';
import { createProgressBar } from '../cli/progress';
import type { CommandTrail } from '../cli/trail';
import { maxSnapshotBytes, openSnapshotFile, openSnapshotFileOnDemand, type OpenFileOptions } from './open-file';

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

/** Open the snapshot for a command (as openSnapshotForCommand), hand it to `work`, and close it whatever happens. */
export async function withSnapshotForCommand<T>(
  path: string,
  keyValues: KeyValues,
  io: CliIo,
  trail: CommandTrail,
  work: (snapshot: OpenedSnapshot) => T | Promise<T>,
): Promise<T> {
  const snapshot = await openSnapshotForCommand(path, keyValues, io, trail);
  try {
    return await work(snapshot);
  } finally {
    snapshot.close();
  }
}

/**
 * Open the snapshot at `path` (relative to io.cwd) with the key the options name, and
 * record it in `trail`. A trail that must be written is checked before the key is asked
 * for, so a refused command does no work.
 */
export async function openSnapshotForCommand(
  path: string,
  keyValues: KeyValues,
  io: CliIo,
  trail: CommandTrail,
  options: Pick<OpenFileOptions, 'checks'> = {},
): Promise<OpenedSnapshot> {
  await trail.ensureWritable();
  const absolute = resolve(io.cwd, path);
  const key = await resolveKey(keyValues, io);
  const progress = createProgressBar(io);
  let snapshot: OpenedSnapshot;
  try {
    snapshot = await openSnapshotFile(absolute, key, {
      maxBytes: maxSnapshotBytes(io.env),
      ...options,
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
    });
  } catch (error) {
    progress.done();
    const code = asKetenlensError(error).code;
    await trail.record('open-refused', { path: absolute, key_kind: key.kind === 'passphrase' ? 'passphrase' : 'identity', code })
      .catch(() => undefined); // the refusal to open is what the user must hear about
    throw error;
  }
  progress.done();
  try {
    await recordOpen(trail, absolute, snapshot);
  } catch (error) {
    snapshot.close();
    throw error;
  }
  return snapshot;
}

/**
 * For a command that builds its output from a few tables (table, bijlage): open the snapshot
 * at `path` decrypted on demand while a worker verifies the whole file
 * (openSnapshotFileOnDemand), hand it to `work`, and return what `work` made only once the
 * file is verified. The trail gets the same entries as openSnapshotForCommand's, in the
 * same order before the command's own: "open" (written when the digest is known, after the
 * work) or "open-refused". `work` must not write anything: its output leaves after this
 * returns. The snapshot is closed whatever happens.
 */
export async function buildFromSnapshotForCommand<T>(
  path: string,
  keyValues: KeyValues,
  io: CliIo,
  trail: CommandTrail,
  work: (snapshot: OpenedSnapshot) => T | Promise<T>,
): Promise<T> {
  await trail.ensureWritable();
  const absolute = resolve(io.cwd, path);
  const key = await resolveKey(keyValues, io);
  const refused = async (error: unknown): Promise<unknown> => {
    const code = asKetenlensError(error).code;
    await trail.record('open-refused', { path: absolute, key_kind: key.kind === 'passphrase' ? 'passphrase' : 'identity', code })
      .catch(() => undefined); // the refusal to open is what the user must hear about
    return error;
  };
  let snapshot: OpenedSnapshot;
  try {
    snapshot = await openSnapshotFileOnDemand(absolute, key, { maxBytes: maxSnapshotBytes(io.env) });
  } catch (error) {
    throw await refused(error);
  }
  try {
    let result: T;
    try {
      result = await work(snapshot);
    } catch (error) {
      // A damaged file may fail the work before its verification ends: the damage is the reason.
      const refusal = await snapshot.digested.then(() => null, (verdict: unknown) => verdict);
      if (refusal !== null) throw await refused(refusal);
      await recordOpen(trail, absolute, snapshot);
      throw error;
    }
    try {
      await snapshot.digested;
    } catch (refusal) {
      throw await refused(refusal);
    }
    await recordOpen(trail, absolute, snapshot);
    return result;
  } finally {
    snapshot.close();
  }
}

async function recordOpen(trail: CommandTrail, path: string, snapshot: OpenedSnapshot): Promise<void> {
  await trail.record('open', {
    path,
    sha256: snapshot.sha256,
    bytes: snapshot.fileSize,
    key_kind: snapshot.keyKind,
    peildatum: snapshot.meta.peildatum,
  });
}
