import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCommand } from './audit';
import { isKetenlensError } from '../../../errors';
import { appendAudit, AUDIT_FILE } from '../../audit';

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ketenlens-audit-cli-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: '', stderr: '' };
  stdout.on('data', (chunk: Buffer) => (chunks.stdout += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (chunks.stderr += chunk.toString()));
  const io = { stdout, stderr, stdin: new PassThrough(), env: { KETENLENS_DATA_DIR: dataDir }, cwd: dataDir, language: 'en' as const };
  // Mirrors the dispatcher in ../main.ts, which turns typed refusals into their exit code.
  const code = await auditCommand.run(argv.slice(1), io).catch((error: unknown) => {
    if (isKetenlensError(error)) return error.exitCode;
    throw error;
  });
  return { code, ...chunks };
}

describe('ketenlens audit', () => {
  it('verify exits 0 on an intact log and 1 naming the first bad entry', async () => {
    for (const index of [1, 2, 3]) await appendAudit(dataDir, { action: 'export-table', details: { format: `csv${index}` } });
    expect((await run(['audit', 'verify'])).code).toBe(0);

    const path = join(dataDir, AUDIT_FILE);
    await writeFile(path, (await readFile(path, 'utf8')).replace('csv2', 'xlsx'));
    const tampered = await run(['audit', 'verify']);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain('from entry 2');
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

  it('refuses an unknown sub-command with the usage exit code', async () => {
    expect((await run(['audit', 'erase'])).code).toBe(2);
  });
});
