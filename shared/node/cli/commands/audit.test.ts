import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCommand } from './audit';
import { isKetenlensError } from '../../../errors';
import { appendAudit, AUDIT_FILE } from '../../audit';
import { captureCliIo } from '../../../../test/support/cli-io';

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ketenlens-audit-cli-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const captured = captureCliIo({ cwd: dataDir, env: { KETENLENS_DATA_DIR: dataDir } });
  const io = captured.io;
  // Mirrors the dispatcher in ../main.ts, which turns typed refusals into their exit code.
  const code = await auditCommand.run(argv.slice(1), io).catch((error: unknown) => {
    if (isKetenlensError(error)) return error.exitCode;
    throw error;
  });
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

describe('ketenlens audit', () => {
  it('verify exits 0 on an intact log and 1 naming the first bad entry', async () => {
    for (const index of [1, 2, 3]) await appendAudit(dataDir, { action: 'export-table', details: { format: `csv${index}` } });
    const intact = await run(['audit', 'verify']);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toBe('Audit trail intact: 3 entries checked.\n');

    const path = join(dataDir, AUDIT_FILE);
    await writeFile(path, (await readFile(path, 'utf8')).replace('csv2', 'xlsx'));
    const tampered = await run(['audit', 'verify']);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain('from entry 2 (1 entries checked)');
  });

  it('show --json prints the entries and the verification', async () => {
    await appendAudit(dataDir, { action: 'open', details: { path: '/tmp/a.snapshot.age' } });
    const shown = await run(['audit', 'show', '--json']);
    expect(shown.code).toBe(0);
    const parsed = JSON.parse(shown.stdout) as { entries: { action: string }[]; verification: { ok: boolean } };
    expect(parsed.entries.map((entry) => entry.action)).toEqual(['open']);
    expect(parsed.verification.ok).toBe(true);
    const table = await run(['audit', 'show']);
    expect(table.stdout).toMatch(/1 {2}\S+ {2}open .*path=\/tmp\/a\.snapshot\.age/);
  });

  it('show filters by --since and --action, and --json counts what it shows', async () => {
    await appendAudit(dataDir, { action: 'open', details: { n: 1 } }, new Date('2026-11-20T10:00:00Z'));
    await appendAudit(dataDir, { action: 'export-table', details: { n: 2 } }, new Date('2026-11-22T23:59:59Z'));
    await appendAudit(dataDir, { action: 'query', details: { n: 3 } }, new Date('2026-11-23T08:00:00Z'));
    await appendAudit(dataDir, { action: 'export-table', details: { n: 4 } }, new Date('2026-11-24T08:00:00Z'));
    const since = JSON.parse((await run(['audit', 'show', '--since', '2026-11-23', '--json'])).stdout) as { count: number; total: number; entries: { seq: number }[] };
    expect(since.entries.map((entry) => entry.seq)).toEqual([3, 4]);
    expect([since.count, since.total]).toEqual([2, 4]);
    const instant = JSON.parse((await run(['audit', 'show', '--since', '2026-11-22T23:59:59Z', '--action', 'export-table', '--json'])).stdout) as { entries: { seq: number }[] };
    expect(instant.entries.map((entry) => entry.seq)).toEqual([2, 4]);
    const several = await run(['audit', 'show', '--action', 'open,query']);
    expect(several.stdout.split('\n').filter((line) => /^\s+\d+ /.test(line)).map((line) => line.trim().split(' ')[0])).toEqual(['1', '3']);
    expect(several.stdout).toContain('Audit trail intact: 4 entries checked.');
    expect((await run(['audit', 'show', '--since', 'gisteren'])).code).toBe(2);
    expect((await run(['audit', 'show', '--action', 'delete'])).code).toBe(2);
    expect((await run(['audit', 'verify', '--since', '2026-01-01'])).code).toBe(2);
  });

  it('refuses an unknown sub-command with the usage exit code', async () => {
    expect((await run(['audit', 'erase'])).code).toBe(2);
  });
});
