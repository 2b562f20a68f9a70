// The audit trail on disk: `audit.jsonl` (one hash-chained entry per line, only ever
// appended to) and `audit.head` (the last seq and hash, replaced atomically) in the data
// folder. Appends are serialised within the process and guarded by a lock file across
// processes (the CLI and the app may run at the same time); every write is fsynced.
import { mkdir, open, readFile, rename, unlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEntry, AuditEventInput, AuditReadResult } from '../../ipc/contract';
import { FileReadError, FileWriteError } from '../../errors';
import { nextEntry, parseEntryLine, verifyLines, type AuditHead, type AuditVerification } from './chain';
import { checkAuditInput } from './details-guard';
import { isRecord } from './is-record';

export const AUDIT_FILE = 'audit.jsonl';
export const HEAD_FILE = 'audit.head';
const LOCK_FILE = 'audit.lock';
const LOCK_WAIT_MS = 5_000;
/** A lock older than this belongs to a process that died while appending. */
const STALE_LOCK_MS = 30_000;

const queues = new Map<string, Promise<unknown>>();

function errorCode(error: unknown): string | undefined {
  return isRecord(error) && typeof error.code === 'string' ? error.code : undefined;
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw new FileReadError(path, 'het auditlog is niet leesbaar', 'the audit trail cannot be read', { cause: error });
  }
}

function splitLines(text: string | null): string[] {
  return text === null ? [] : text.split('\n').filter((line) => line.trim() !== '');
}

function parseHead(text: string | null): AuditHead | 'damaged' | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value) && typeof value.seq === 'number' && Number.isInteger(value.seq) && value.seq >= 0 && typeof value.hash === 'string') {
      return { seq: value.seq, hash: value.hash };
    }
  } catch {
    // Not JSON: damaged, like a record of the wrong shape.
  }
  return 'damaged';
}

async function writeDurably(path: string, text: string, flag: 'a' | 'wx'): Promise<void> {
  const handle = await open(path, flag, 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function acquireLock(lockPath: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await writeDurably(lockPath, String(process.pid), 'wx');
      return;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      const age = await stat(lockPath).then((info) => Date.now() - info.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) await unlink(lockPath).catch(() => undefined);
      else if (Date.now() - started > LOCK_WAIT_MS) throw new Error(`audit lock ${lockPath} is held by another process`);
      else await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

async function appendLocked(dataDir: string, input: AuditEventInput, at: Date): Promise<AuditEntry> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = join(dataDir, LOCK_FILE);
  await acquireLock(lockPath);
  try {
    const lines = splitLines(await readOptional(join(dataDir, AUDIT_FILE)));
    const lastLine = lines.at(-1);
    const last = lastLine === undefined ? null : parseEntryLine(lastLine);
    // A damaged last line still gets a successor: the break stays visible to verification.
    const predecessor: AuditHead | null =
      lastLine === undefined ? null : last === null ? { seq: lines.length, hash: 'f'.repeat(64) } : last;
    const entry = nextEntry(predecessor, input, at);
    await writeDurably(join(dataDir, AUDIT_FILE), `${JSON.stringify(entry)}\n`, 'a');
    const headPath = join(dataDir, HEAD_FILE);
    const temporary = `${headPath}.${process.pid}.tmp`;
    await unlink(temporary).catch(() => undefined);
    await writeDurably(temporary, JSON.stringify({ seq: entry.seq, hash: entry.hash } satisfies AuditHead), 'wx');
    await rename(temporary, headPath);
    return entry;
  } catch (error) {
    throw new FileWriteError(join(dataDir, AUDIT_FILE), 'het auditlog kon niet worden bijgewerkt',
      'the audit trail could not be updated', { cause: error });
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

/**
 * Appends one event. Refuses (InvalidParameterError) details that could hold a key or
 * personal data. Appends to the same folder run one after the other.
 */
export async function appendAudit(dataDir: string, input: AuditEventInput, at: Date = new Date()): Promise<AuditEntry> {
  const checked = checkAuditInput(input);
  const previous = queues.get(dataDir) ?? Promise.resolve();
  const appended = previous.catch(() => undefined).then(() => appendLocked(dataDir, checked, at));
  queues.set(dataDir, appended);
  return appended;
}

/** The entries that parse (damaged lines are left out; verification names them). */
export async function readAudit(dataDir: string): Promise<AuditEntry[]> {
  const lines = splitLines(await readOptional(join(dataDir, AUDIT_FILE)));
  return lines.map(parseEntryLine).filter((entry) => entry !== null);
}

export async function verifyAuditLog(dataDir: string): Promise<AuditVerification> {
  const lines = splitLines(await readOptional(join(dataDir, AUDIT_FILE)));
  const head = parseHead(await readOptional(join(dataDir, HEAD_FILE)));
  return verifyLines(lines, head);
}

export async function readAndVerifyAudit(dataDir: string): Promise<AuditReadResult> {
  const [entries, verification] = await Promise.all([readAudit(dataDir), verifyAuditLog(dataDir)]);
  return { entries, verification };
}
