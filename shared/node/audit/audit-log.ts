// The audit trail on disk: `audit.jsonl` (one hash-chained entry per line, only ever
// appended to) and `audit.head` (the last seq and hash, replaced atomically) in the data
// folder. Appends are serialised within the process and guarded by a lock file across
// processes (the CLI and the app may run at the same time); every write is fsynced.
// Every entry names the OS account and the host that wrote it, taken here (Node: the
// app's main process or the CLI), never from the page.
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, unlink, stat } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry, AuditEventInput, AuditReadResult } from '../../ipc/contract';
import { FileReadError, FileWriteError } from '../../errors';
import { nextEntry, parseEntryLine, verifyLines, type AuditHead, type AuditVerification } from '../../audit/chain';
import { checkAuditInput } from '../../audit/details-guard';
import { isRecord } from '../../audit/is-record';

export const AUDIT_FILE = 'audit.jsonl';
export const HEAD_FILE = 'audit.head';
export const LOCK_FILE = 'audit.lock';
const LOCK_WAIT_MS = 10_000;
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

/** Who appends: the OS account and the machine, as the host sees them. */
export interface AuditActor {
  account: string;
  host: string;
}

// A 9-digit name would be refused as a possible BSN; masked, the entry is still written.
const NINE_DIGITS = /(^|[^0-9A-Za-z])\d{9}(?=$|[^0-9A-Za-z])/g;
const masked = (name: string): string => name.replace(NINE_DIGITS, (match) => match.replace(/\d/g, '#')).slice(0, 256);

export function hostActor(env: NodeJS.ProcessEnv = process.env): AuditActor {
  let account: string | undefined;
  try {
    account = userInfo().username;
  } catch {
    // No passwd entry (some containers): fall back on the environment.
  }
  account ??= env.USER ?? env.USERNAME ?? env.LOGNAME ?? 'unknown';
  return { account: masked(account === '' ? 'unknown' : account), host: masked(hostname() || 'unknown') };
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

function parseLock(text: string): LockOwner | null {
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value) && typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, host: value.host, token: value.token };
    }
  } catch {
    // A lock file cut off by a crash: judged by its age alone.
  }
  return null;
}

function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return errorCode(error) === 'ESRCH';
  }
}

/** A lock is stale when its writer died (same machine, pid gone) or it is older than any append takes. */
async function staleLockText(lockPath: string): Promise<string | null> {
  const [text, info] = await Promise.all([readOptional(lockPath), stat(lockPath).catch(() => null)]);
  if (text === null || info === null) return null;
  const owner = parseLock(text);
  const diedHere = owner !== null && owner.host === hostname() && owner.pid !== process.pid && processIsGone(owner.pid);
  return diedHere || Date.now() - info.mtimeMs > STALE_LOCK_MS ? text : null;
}

/**
 * Removes a stale lock without ever removing a live one: the lock is moved aside
 * atomically (only one process can), and put back when it is not the one judged stale.
 */
async function breakStaleLock(lockPath: string, staleText: string): Promise<void> {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch {
    return; // another process broke it first
  }
  const moved = await readOptional(aside).catch(() => null);
  if (moved !== staleText) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

async function acquireLock(lockPath: string): Promise<string> {
  const started = Date.now();
  const text = JSON.stringify({ pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex') } satisfies LockOwner);
  for (;;) {
    try {
      await writeDurably(lockPath, text, 'wx');
      return text;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      const stale = await staleLockText(lockPath).catch(() => null);
      if (stale !== null) await breakStaleLock(lockPath, stale);
      else if (Date.now() - started > LOCK_WAIT_MS) throw new Error(`audit lock ${lockPath} is held by another process`);
      else await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
    }
  }
}

/** Releases the lock only while it is still ours (a lock taken over as stale is not). */
async function releaseLock(lockPath: string, text: string): Promise<void> {
  if ((await readOptional(lockPath).catch(() => null)) === text) await unlink(lockPath).catch(() => undefined);
}

/**
 * Checks that an entry could be appended now (the folder can be made, the lock taken and
 * the trail opened for appending), so a command that must be recorded fails before it
 * does any work. Throws FileWriteError naming the folder.
 */
export async function checkAuditWritable(dataDir: string): Promise<void> {
  const lockPath = join(dataDir, LOCK_FILE);
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const text = await acquireLock(lockPath);
    try {
      await (await open(join(dataDir, AUDIT_FILE), 'a', 0o600)).close();
    } finally {
      await releaseLock(lockPath, text);
    }
  } catch (error) {
    throw new FileWriteError(join(dataDir, AUDIT_FILE), `het auditlog is niet schrijfbaar (${describe(error)})`,
      `the audit trail is not writable (${describe(error)})`, { cause: error });
  }
}

function describe(error: unknown): string {
  return errorCode(error) ?? (error instanceof Error ? error.message : String(error));
}

async function appendLocked(dataDir: string, input: AuditEventInput, at: Date): Promise<AuditEntry> {
  const lockPath = join(dataDir, LOCK_FILE);
  let lock: string | null = null;
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    lock = await acquireLock(lockPath);
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
    throw new FileWriteError(join(dataDir, AUDIT_FILE), `het auditlog kon niet worden bijgewerkt (${describe(error)})`,
      `the audit trail could not be updated (${describe(error)})`, { cause: error });
  } finally {
    if (lock !== null) await releaseLock(lockPath, lock);
  }
}

/**
 * Appends one event, with the OS account and host name of `actor` (default: this
 * process's) added to its details — over any the caller gave. Refuses
 * (InvalidParameterError) details that could hold a key or personal data; throws
 * FileWriteError when the trail cannot be written. Appends to the same folder run one
 * after the other, also across processes.
 */
export async function appendAudit(
  dataDir: string, input: AuditEventInput, at: Date = new Date(), actor: AuditActor = hostActor(),
): Promise<AuditEntry> {
  const given = checkAuditInput(input);
  const checked = checkAuditInput({ action: given.action, details: { ...given.details, account: actor.account, host: actor.host } });
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
