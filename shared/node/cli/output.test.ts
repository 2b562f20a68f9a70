import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FileExistsError, InvalidParameterError, UnprotectedExportError, UsageError } from '../../errors';
import { tabel1Model } from '../../../test/golden/tabel1';
import type { CliIo } from './command';
import { protectForExport, resolveBijlageFormat, resolveDisclosure, resolveFormat, writeTableOutput } from './output';

const folder = mkdtempSync(join(tmpdir(), 'ketenlens-output-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function captureIo(): { io: CliIo; stdout: () => Buffer; stderr: () => string } {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: Buffer[] = [];
  let stderr = '';
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const io: CliIo = { stdout: out, stderr: err, stdin: new PassThrough(), env: {}, cwd: folder, language: 'nl' };
  return { io, stdout: () => Buffer.concat(chunks), stderr: () => stderr };
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
    expect(await writeTableOutput(tabel1Model(), { format: 'md' }, capture.io)).toBeNull();
    expect(capture.stdout().toString()).toBe(readFileSync(join(__dirname, '../../../test/golden/tabel1.md'), 'utf8'));
  });

  it('refuses a binary format on stdout', async () => {
    await expect(writeTableOutput(tabel1Model(), { format: 'xlsx' }, captureIo().io)).rejects.toThrow(UsageError);
  });

  it('writes a file relative to the working folder, reports its SHA-256, and never overwrites without force', async () => {
    const capture = captureIo();
    const written = await writeTableOutput(tabel1Model(), { format: 'csv', out: 'tabel.csv' }, capture.io);
    expect(written?.path).toBe(join(folder, 'tabel.csv'));
    expect(capture.stderr()).toContain(`Geschreven: ${join(folder, 'tabel.csv')}`);
    expect(capture.stderr()).toContain(written?.sha256 ?? 'missing');
    expect(readFileSync(join(folder, 'tabel.csv'), 'utf8')).toBe(readFileSync(join(__dirname, '../../../test/golden/tabel1.csv'), 'utf8'));
    writeFileSync(join(folder, 'bestaand.md'), 'oud');
    await expect(writeTableOutput(tabel1Model(), { format: 'md', out: 'bestaand.md' }, captureIo().io)).rejects.toThrow(FileExistsError);
    expect(readFileSync(join(folder, 'bestaand.md'), 'utf8')).toBe('oud');
    await writeTableOutput(tabel1Model(), { format: 'md', out: 'bestaand.md', force: true }, captureIo().io);
    expect(readFileSync(join(folder, 'bestaand.md'), 'utf8')).toContain('Tabel 1:');
  });

  it('refuses a person-level result without confirmation', async () => {
    const personLevel = { ...tabel1Model(), parameters: { person_level: true } };
    await expect(writeTableOutput(personLevel, { format: 'csv' }, captureIo().io)).rejects.toThrow(UnprotectedExportError);
    const capture = captureIo();
    await writeTableOutput(personLevel, { format: 'csv', confirmedUnprotected: true }, capture.io);
    expect(capture.stdout().length).toBeGreaterThan(0);
  });
});
