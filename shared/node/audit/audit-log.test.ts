import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, AUDIT_FILE, HEAD_FILE, readAudit, verifyAuditLog } from './audit-log';
import { hashEntry } from './chain';
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
