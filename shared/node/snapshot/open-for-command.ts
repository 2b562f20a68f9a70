// What the snapshot commands share: take the snapshot path and key options, resolve the
// key, open the file, and record the opening (or its refusal) in the audit trail — path,
// SHA-256 and kind of key, never the key. Keeps each command down to its own output.
// Two ways: info, validate and query read every table, so they decrypt the whole file and
// run every check during the open (openSnapshotForCommand, with a progress bar on a
// terminal); the commands that build from a few tables (table, bijlage, diff, verify,
// reconcile) decrypt on demand while the file is verified beside their work, and write
// the entry once it is (buildFromSnapshotForCommand).
import { resolve } from 'node:path';
import { asKetenlensError, UsageError } from '../../errors';
import { keyKindOf } from '../../age/types';
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
    throw await recordRefusal(trail, absolute, keyKindOf(key), error);
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

/** A snapshot a command opens: its path (relative to io.cwd) and the options that give its key. */
export interface SnapshotSource {
  path: string;
  keyValues: KeyValues;
}

/**
 * For a command that builds its output from a few tables (table, bijlage, verify,
 * reconcile): open the snapshot at `path` decrypted on demand while a worker verifies the
 * whole file (openSnapshotFileOnDemand), hand it to `work`, and return what `work` made only
 * once the file is verified. The trail gets the same entries as openSnapshotForCommand's,
 * in the same order before the command's own: "open" (written when the digest is known,
 * after the work) or "open-refused". `work` must not write anything: its output leaves
 * after this returns. The snapshot is closed whatever happens.
 */
export function buildFromSnapshotForCommand<T>(
  path: string,
  keyValues: KeyValues,
  io: CliIo,
  trail: CommandTrail,
  work: (snapshot: OpenedSnapshot) => T | Promise<T>,
): Promise<T> {
  return buildFromSnapshotsForCommand([{ path, keyValues }], io, trail, ([snapshot]) => work(snapshot!));
}

/**
 * buildFromSnapshotForCommand for several snapshots (diff: the old and the new), opened in
 * the order given. Their entries ("open" or "open-refused") are written in that order,
 * each once its file is verified; the first refused file is the reason given, also when
 * a later file or the work failed first.
 */
export async function buildFromSnapshotsForCommand<T>(
  sources: readonly SnapshotSource[],
  io: CliIo,
  trail: CommandTrail,
  work: (snapshots: OpenedSnapshot[]) => T | Promise<T>,
): Promise<T> {
  await trail.ensureWritable();
  const opened: Array<{ snapshot: OpenedSnapshot; path: string; keyKind: 'passphrase' | 'identity' }> = [];
  /** Waits for each verification in turn and records it; the first refusal, or null. */
  const settle = async (): Promise<unknown> => {
    for (const { snapshot, path, keyKind } of opened) {
      const refusal = await snapshot.digested.then(() => null, (verdict: unknown) => verdict);
      if (refusal !== null) return recordRefusal(trail, path, keyKind, refusal);
      await recordOpen(trail, path, snapshot);
    }
    return null;
  };
  try {
    for (const source of sources) {
      const absolute = resolve(io.cwd, source.path);
      const key = await resolveKey(source.keyValues, io);
      const keyKind = keyKindOf(key);
      let snapshot: OpenedSnapshot;
      try {
        snapshot = await openSnapshotFileOnDemand(absolute, key, { maxBytes: maxSnapshotBytes(io.env) });
      } catch (error) {
        throw (await settle()) ?? (await recordRefusal(trail, absolute, keyKind, error));
      }
      opened.push({ snapshot, path: absolute, keyKind });
    }
    let result: T;
    try {
      result = await work(opened.map((each) => each.snapshot));
    } catch (error) {
      // A damaged file may fail the work before its verification ends: the damage is the reason.
      throw (await settle()) ?? error;
    }
    const refusal = await settle();
    if (refusal !== null) throw refusal;
    return result;
  } finally {
    for (const { snapshot } of opened) snapshot.close();
  }
}

/** Records a refused open ("open-refused", the error's code) and returns the error to throw. */
async function recordRefusal(trail: CommandTrail, path: string, keyKind: string, error: unknown): Promise<unknown> {
  const code = asKetenlensError(error).code;
  await trail.record('open-refused', { path, key_kind: keyKind, code })
    .catch(() => undefined); // the refusal to open is what the user must hear about
  return error;
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
