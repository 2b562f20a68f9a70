import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditTrailUnavailableError, FileExistsError, InvalidParameterError, UnprotectedExportError, UsageError } from '../../errors';
import { readProvenance } from '../../export/provenance';
import { tabel1Model } from '../../../test/golden/tabel1';
import { readAudit, verifyAuditLog } from '../audit';
import type { CliIo } from './command';
import { protectForExport, resolveBijlageFormat, resolveDisclosure, resolveFormat, writeTableOutput, type ExportRecording } from './output';
import { commandTrail } from './trail';
import { captureCliIo } from '../../../test/support/cli-io';

const folder = mkdtempSync(join(tmpdir(), 'ketenlens-output-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function captureIo(): { io: CliIo; stdout: () => Buffer; stderr: () => string } {
  const captured = captureCliIo({ cwd: folder, env: { KETENLENS_DATA_DIR: dataDir }, language: 'nl' });
  return { io: captured.io, stdout: captured.stdoutBytes, stderr: captured.stderr };
}

const dataDir = join(folder, 'data');
const SNAPSHOT_SHA = 'ab'.repeat(32);

function recording(io: CliIo): ExportRecording {
  return { trail: commandTrail('table', 'required', io), snapshotPath: '/snapshots/demo.snapshot.age', snapshotSha256: SNAPSHOT_SHA };
}

describe('option helpers', () => {
  it('takes the format from --format, else from the --out extension, else the fallback', () => {
    expect(resolveFormat('csv-rfc', 'x.xlsx', 'md')).toBe('csv-rfc');
    expect(resolveFormat(undefined, 'tabel.XLSX', 'md')).toBe('xlsx');
    expect(resolveFormat(undefined, 'tabel.txt', 'md')).toBe('md');
    expect(resolveFormat(undefined, undefined, 'md')).toBe('md');
    expect(() => resolveFormat('pdf', undefined, 'md')).toThrow(InvalidParameterError);
    expect(resolveBijlageFormat(undefined, 'b.ods')).toBe('ods');
    expect(() => resolveBijlageFormat('md', 'b.md')).toThrow(/cannot be a bijlage/);
  });

  it('parses --disclosure with a default', () => {
    expect(resolveDisclosure(undefined, { method: 'none' })).toEqual({ method: 'none' });
    expect(resolveDisclosure('suppress:5', { method: 'none' })).toEqual({ method: 'suppress', k: 5 });
  });

  it('warns on stderr when small counts leave unprotected, and protects when asked', () => {
    const capture = captureIo();
    const model = protectForExport(tabel1Model(), { method: 'none' }, capture.io);
    expect(model.rows[0]?.['2021']).toBe(4);
    expect(capture.stderr()).toMatch(/toont 3 aantal\(len\) van 1 tot en met 9 zonder afscherming/);
    const quiet = captureIo();
    const suppressed = protectForExport(tabel1Model(), { method: 'suppress', k: 10 }, quiet.io);
    expect(suppressed.rows[0]?.['2021']).toBeNull();
    expect(quiet.stderr()).toBe('');
  });
});

describe('writeTableOutput', () => {
  it('writes text formats to stdout when there is no --out', async () => {
    const capture = captureIo();
    expect(await writeTableOutput(tabel1Model(), { format: 'md', recording: recording(capture.io) }, capture.io)).toBeNull();
    const golden = readFileSync(join(__dirname, '../../../test/golden/tabel1.md'), 'utf8');
    // The golden table, with the audit entry that records this export named in its provenance.
    const entry = (await readAudit(dataDir)).find((each) => each.action === 'export-table' && each.details.path === '-');
    const expected = golden
      .replace('Ketenlens-snapshot c801c015dd18 · ', `Ketenlens-snapshot c801c015dd18 · auditregel ${entry?.seq} (${entry?.hash.slice(0, 12)}) · `)
      .replace('"audit":null', `"audit":{"seq":${entry?.seq},"hash":"${entry?.hash}"}`);
    expect(capture.stdout().toString()).toBe(expected);
  });

  it('refuses a binary format on stdout', async () => {
    await expect(writeTableOutput(tabel1Model(), { format: 'xlsx', recording: recording(captureIo().io) }, captureIo().io)).rejects.toThrow(UsageError);
  });

  it('writes a file relative to the working folder, reports its SHA-256, and never overwrites without force', async () => {
    const capture = captureIo();
    const written = await writeTableOutput(tabel1Model(), { format: 'csv', out: 'tabel.csv', recording: recording(capture.io) }, capture.io);
    expect(written?.path).toBe(join(folder, 'tabel.csv'));
    expect(capture.stderr()).toContain(`Geschreven: ${join(folder, 'tabel.csv')}`);
    expect(capture.stderr()).toContain(written?.sha256 ?? 'missing');
    expect(readFileSync(join(folder, 'tabel.csv'), 'utf8')).toBe(readFileSync(join(__dirname, '../../../test/golden/tabel1.csv'), 'utf8'));
    writeFileSync(join(folder, 'bestaand.md'), 'oud');
    const refused = captureIo();
    await expect(writeTableOutput(tabel1Model(), { format: 'md', out: 'bestaand.md', recording: recording(refused.io) }, refused.io)).rejects.toThrow(FileExistsError);
    expect(readFileSync(join(folder, 'bestaand.md'), 'utf8')).toBe('oud');
    const forced = captureIo();
    await writeTableOutput(tabel1Model(), { format: 'md', out: 'bestaand.md', force: true, recording: recording(forced.io) }, forced.io);
    expect(readFileSync(join(folder, 'bestaand.md'), 'utf8')).toContain('Tabel 1:');
  });

  it('refuses a person-level result without confirmation', async () => {
    const personLevel = { ...tabel1Model(), parameters: { person_level: true } };
    const refused = captureIo();
    await expect(writeTableOutput(personLevel, { format: 'csv', recording: recording(refused.io) }, refused.io)).rejects.toThrow(UnprotectedExportError);
    const capture = captureIo();
    await writeTableOutput(personLevel, { format: 'csv', confirmedUnprotected: true, recording: recording(capture.io) }, capture.io);
    expect(capture.stdout().length).toBeGreaterThan(0);
    const last = (await readAudit(dataDir)).slice(-3).map((entry) => entry.action);
    expect(last).toEqual(['confirm-unprotected-export', 'export-table', 'export-written']);
  });

  it('records the export before the file (which names that entry) and its SHA-256 after, with a CSV sidecar', async () => {
    const capture = captureIo();
    const written = await writeTableOutput(tabel1Model(), { format: 'csv-rfc', out: 'spoor.csv', recording: recording(capture.io) }, capture.io);
    const [exported, completed] = (await readAudit(dataDir)).slice(-2);
    expect(exported).toMatchObject({
      action: 'export-table',
      details: {
        source: 'cli', command: 'table', snapshot_path: '/snapshots/demo.snapshot.age', snapshot_sha256: SNAPSHOT_SHA,
        tables: ['elip-cohorten'], format: 'csv-rfc', disclosure: 'none', path: join(folder, 'spoor.csv'),
      },
    });
    expect(JSON.parse(String(exported?.details.parameters))).toEqual({ 'elip-cohorten': tabel1Model().parameters });
    expect(completed).toMatchObject({
      action: 'export-written',
      details: { export_seq: exported?.seq, export_hash: exported?.hash, ok: true, sha256: written?.sha256, sidecar: join(folder, 'spoor.csv.provenance.json') },
    });
    const sidecar = readProvenance(readFileSync(join(folder, 'spoor.csv.provenance.json')), 'spoor.csv.provenance.json');
    expect(sidecar?.audit).toEqual({ seq: exported?.seq, hash: exported?.hash });
    expect(await verifyAuditLog(dataDir)).toEqual({ ok: true });
  });

  it('refuses the export and writes nothing when the trail cannot be written', async () => {
    const blocked = join(folder, 'blocked');
    writeFileSync(blocked, 'a file where the data folder should be');
    const capture = captureIo();
    capture.io.env = { KETENLENS_DATA_DIR: blocked };
    const attempt = writeTableOutput(tabel1Model(), { format: 'md', out: 'nooit.md', recording: recording(capture.io) }, capture.io);
    await expect(attempt).rejects.toThrow(AuditTrailUnavailableError);
    await expect(attempt).rejects.toMatchObject({ exitCode: 7 });
    expect(() => readFileSync(join(folder, 'nooit.md'))).toThrow(/ENOENT/);
    const toStdout = captureIo();
    toStdout.io.env = { KETENLENS_DATA_DIR: blocked };
    await expect(writeTableOutput(tabel1Model(), { format: 'md', recording: recording(toStdout.io) }, toStdout.io)).rejects.toThrow(/cannot be written/);
    expect(toStdout.stdout().length).toBe(0);
  });
});
