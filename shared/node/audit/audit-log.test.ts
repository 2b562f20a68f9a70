import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { execPath } from 'node:process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, AUDIT_FILE, checkAuditWritable, HEAD_FILE, hostActor, LOCK_FILE, readAudit, verifyAuditLog } from './audit-log';
import { hashEntry } from '../../audit/chain';
import type { AuditEntry } from '../../ipc/contract';

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ketenlens-audit-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function writeFive(): Promise<string[]> {
  for (let index = 1; index <= 5; index += 1) {
    await appendAudit(dataDir, { action: 'open', details: { path: `/snapshots/${index}.snapshot.age`, rows: index } });
  }
  return (await readFile(join(dataDir, AUDIT_FILE), 'utf8')).trimEnd().split('\n');
}

async function writeLines(lines: string[]): Promise<void> {
  await writeFile(join(dataDir, AUDIT_FILE), `${lines.join('\n')}\n`);
}

function rehash(entry: Omit<AuditEntry, 'hash'>): AuditEntry {
  return { ...entry, hash: hashEntry(entry) };
}

describe('audit trail', () => {
  it('chains entries and verifies an intact log', async () => {
    const lines = await writeFive();
    const entries = await readAudit(dataDir);
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0]?.previous).toBe('0'.repeat(64));
    expect(entries[3]?.previous).toBe(entries[2]?.hash);
    expect(lines).toHaveLength(5);
    expect(JSON.parse(await readFile(join(dataDir, HEAD_FILE), 'utf8'))).toEqual({ seq: 5, hash: entries[4]?.hash });
    expect(await verifyAuditLog(dataDir)).toEqual({ ok: true });
  });

  it('verifies an empty folder', async () => {
    expect(await verifyAuditLog(join(dataDir, 'new'))).toEqual({ ok: true });
  });

  it('serialises concurrent appends', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, index) => appendAudit(dataDir, { action: 'query', details: { index } })));
    const entries = await readAudit(dataDir);
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await verifyAuditLog(dataDir)).toEqual({ ok: true });
  });

  it('catches an edited entry', async () => {
    const lines = await writeFive();
    lines[2] = lines[2]!.replace('/snapshots/3', '/snapshots/x');
    await writeLines(lines);
    expect(await verifyAuditLog(dataDir)).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('catches an edited entry whose hash was recomputed', async () => {
    const lines = await writeFive();
    const { hash: _hash, ...entry } = JSON.parse(lines[1]!) as AuditEntry;
    lines[1] = JSON.stringify(rehash({ ...entry, action: 'close' }));
    await writeLines(lines);
    expect(await verifyAuditLog(dataDir)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('catches a removed middle entry', async () => {
    const lines = await writeFive();
    lines.splice(2, 1);
    await writeLines(lines);
    expect(await verifyAuditLog(dataDir)).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('catches a removed last entry through the head record', async () => {
    const lines = await writeFive();
    await writeLines(lines.slice(0, 4));
    const result = await verifyAuditLog(dataDir);
    expect(result).toMatchObject({ ok: false, firstBadSeq: 5 });
    expect(result.ok ? '' : result.reasonEn).toContain('truncated');
  });

  it('catches a truncated log and a removed head record', async () => {
    const lines = await writeFive();
    await writeLines(lines.slice(0, 2));
    expect(await verifyAuditLog(dataDir)).toMatchObject({ ok: false, firstBadSeq: 3 });
    await rm(join(dataDir, HEAD_FILE));
    expect(await verifyAuditLog(dataDir)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('catches a damaged head record', async () => {
    await writeFive();
    await writeFile(join(dataDir, HEAD_FILE), '{"seq":"five"}');
    expect(await verifyAuditLog(dataDir)).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('catches reordered entries', async () => {
    const lines = await writeFive();
    [lines[1], lines[2]] = [lines[2]!, lines[1]!];
    await writeLines(lines);
    expect(await verifyAuditLog(dataDir)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('catches an inserted entry, also one with a valid hash and link', async () => {
    const lines = await writeFive();
    const second = JSON.parse(lines[1]!) as AuditEntry;
    const forged = rehash({ seq: 3, at: second.at, action: 'close', details: {}, previous: second.hash });
    await writeLines([...lines.slice(0, 2), JSON.stringify(forged), ...lines.slice(2)]);
    expect(await verifyAuditLog(dataDir)).toMatchObject({ ok: false, firstBadSeq: 3 });
    await writeLines([...lines.slice(0, 2), '{"seq":3}', ...lines.slice(2)]);
    expect(await verifyAuditLog(dataDir)).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('refuses details that could hold a key or personal data', async () => {
    await expect(appendAudit(dataDir, { action: 'open', details: { passphrase: 'x' } })).rejects.toThrow(/audit details/);
    await expect(appendAudit(dataDir, { action: 'open', details: { identityFile: '/k.txt' } })).rejects.toThrow();
    await expect(appendAudit(dataDir, { action: 'open', details: { note: 'AGE-SECRET-KEY-1QQQ' } })).rejects.toThrow();
    await expect(appendAudit(dataDir, { action: 'open', details: { person: '123456782' } })).rejects.toThrow(/BSN/);
    await expect(appendAudit(dataDir, { action: 'open', details: { sha256: 'ab12'.repeat(16) } })).resolves.toMatchObject({ seq: 1 });
  });
});

describe('audit trail across processes', () => {
  it('keeps one valid chain when several processes append at the same time', async () => {
    const writers = 4;
    const perWriter = 15;
    const child = join(__dirname, 'testing', 'append-child.ts');
    const runs = Array.from({ length: writers }, (_, index) =>
      new Promise<number>((resolvePromise, reject) => {
        const writer = spawn(execPath, ['--import', 'tsx', child, dataDir, String(perWriter), `w${index}`], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        writer.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        writer.on('error', reject);
        writer.on('exit', (code) => (code === 0 ? resolvePromise(code) : reject(new Error(`writer ${index} exited ${code}: ${stderr}`))));
      }));
    await Promise.all(runs);
    const entries = await readAudit(dataDir);
    expect(entries).toHaveLength(writers * perWriter);
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: writers * perWriter }, (_, index) => index + 1));
    // Every writer's entries are all there, each once, in its own order.
    for (let index = 0; index < writers; index += 1) {
      const mine = entries.filter((entry) => entry.details.writer === `w${index}`).map((entry) => entry.details.index);
      expect(mine).toEqual(Array.from({ length: perWriter }, (_, position) => position + 1));
    }
    expect(await verifyAuditLog(dataDir)).toEqual({ ok: true });
  }, 60_000);

  it('takes over a lock left by a process that died, and waits for a live one', async () => {
    // A pid that cannot be running: far above any pid_max.
    await writeFile(join(dataDir, LOCK_FILE), JSON.stringify({ pid: 2 ** 30, host: hostname(), token: 'dead' }));
    await expect(appendAudit(dataDir, { action: 'close', details: {} })).resolves.toMatchObject({ seq: 1 });
    await expect(stat(join(dataDir, LOCK_FILE))).rejects.toThrow();

    // A live holder (this very process, as another writer would be): the append waits until it is released.
    await writeFile(join(dataDir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), token: 'live' }));
    let done = false;
    const appended = appendAudit(dataDir, { action: 'close', details: {} }).then((entry) => ((done = true), entry));
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 300));
    expect(done).toBe(false);
    await rm(join(dataDir, LOCK_FILE));
    await expect(appended).resolves.toMatchObject({ seq: 2 });
    expect(await verifyAuditLog(dataDir)).toEqual({ ok: true });
  });

  it('names the OS account and host on every entry, over what the caller gave', async () => {
    const entry = await appendAudit(dataDir, { action: 'open', details: { account: 'page-says-root', host: 'evil' } }, new Date(),
      { account: 'anna', host: 'werkplek-7' });
    expect(entry.details).toMatchObject({ account: 'anna', host: 'werkplek-7' });
    const own = await appendAudit(dataDir, { action: 'close', details: {} });
    expect(own.details.account).toBe(hostActor().account);
    expect(own.details.host).toBe(hostname());
  });

  it('cannot write into a data folder that is a file, and says so before any work', async () => {
    const notAFolder = join(dataDir, 'file');
    await writeFile(notAFolder, 'x');
    await expect(checkAuditWritable(notAFolder)).rejects.toThrow(/audit trail is not writable \(E(NOTDIR|EXIST)\)/);
    await expect(appendAudit(notAFolder, { action: 'close', details: {} })).rejects.toThrow(/could not be updated/);
    await expect(checkAuditWritable(join(dataDir, 'fresh'))).resolves.toBeUndefined();
  });
});
