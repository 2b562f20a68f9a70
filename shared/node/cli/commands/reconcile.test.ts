// `ketenlens reconcile` and `ketenlens verify` end to end on the encrypted demo snapshot:
// exit codes 0/1/2, stdin, report formats, an edited export, and the audit-trail lookup.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../errors';
import { generateDemoSnapshot } from '../../../demo/index';
import { FIXTURE_PASSPHRASE, loadSqlJs, writeEncryptedFile, type SnapshotFixture } from '../../../../test/support/snapshot';
import { buildProvenance, exportTable, provenanceSidecar, provenanceSidecarName } from '../../../export/index';
import type { TableModel } from '../../../tables/model';
import type { CliIo } from '../command';
import { main } from '../main';

const TABEL1_TEXT = readFileSync(new URL('../../../../test/fixtures/reconcile/tabel1-391.txt', import.meta.url), 'utf8');

let demo: SnapshotFixture;
let dataDir: string;
beforeAll(async () => {
  demo = await writeEncryptedFile(generateDemoSnapshot(await loadSqlJs()), { name: 'demo.snapshot.age' });
  dataDir = mkdtempSync(join(tmpdir(), 'ketenlens-reconcile-'));
  writeFileSync(join(demo.directory, 'tabel1-391.txt'), TABEL1_TEXT);
}, 120_000);
afterAll(() => {
  demo.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

function run(argv: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const io: CliIo = {
    stdout: out, stderr: err, stdin: Readable.from([Buffer.from(stdin)]),
    env: { KETENLENS_PASSPHRASE: FIXTURE_PASSPHRASE, KETENLENS_DATA_DIR: dataDir }, cwd: demo.directory, language: 'en',
  };
  return main(argv, io).then((code) => ({ code, stdout, stderr }));
}

const TABEL1_OPTIONS = ['--peildatum', '2022-05-01,2022-10-15,2023-07-01', '--cohort-merge-from', '2022'];

describe('ketenlens reconcile', () => {
  it('the published Tabel 1: exit 1 and the one problem', async () => {
    const { code, stdout, stderr } = await run(['reconcile', 'demo.snapshot.age', 'tabel1-391.txt']);
    expect(stderr).not.toContain('internal error');
    expect(code).toBe(EXIT.findings);
    expect(stdout).toContain('Result: 1 problem(s):');
    expect(stdout).toContain('01-07-2023 · Totaal: published 2.341; its cells add up to 2.436; the data gives 2.436 (difference −95).');
  }, 60_000);

  it('the same text on stdin, the report as JSON with provenance', async () => {
    const { code, stdout } = await run(['reconcile', 'demo.snapshot.age', '-', '--format', 'json'], TABEL1_TEXT);
    expect(code).toBe(EXIT.findings);
    const report = JSON.parse(stdout) as { rows: Record<string, unknown>[]; provenance: { snapshot_sha256: string } };
    expect(report.rows).toEqual([expect.objectContaining({ rij: '01-07-2023', kolom: 'Totaal', verschil: -95 })]);
    expect(report.provenance.snapshot_sha256).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);

  it('our own export: exit 0; an xlsx report needs --out and is written with it', async () => {
    expect((await run(['table', 'elip-cohorten', 'demo.snapshot.age', ...TABEL1_OPTIONS, '--out', 'ours.odt'])).code).toBe(EXIT.ok);
    const { code, stdout } = await run(['reconcile', 'demo.snapshot.age', 'ours.odt']);
    expect(stdout).toContain('Result: no problems.');
    expect(code).toBe(EXIT.ok);
    expect((await run(['reconcile', 'demo.snapshot.age', 'ours.odt', '--format', 'xlsx'])).code).toBe(EXIT.usage);
    const written = await run(['reconcile', 'demo.snapshot.age', 'ours.odt', '--out', 'report.xlsx']);
    expect(written.code).toBe(EXIT.ok);
    expect(readFileSync(join(demo.directory, 'report.xlsx')).subarray(0, 2).toString()).toBe('PK');
  }, 60_000);

  it('usage: a table of no catalogue table, a missing peildatum, a bad --table', async () => {
    writeFileSync(join(demo.directory, 'other.csv'), 'Naam;Aantal\r\nA;3\r\nB;4\r\n');
    const other = await run(['reconcile', 'demo.snapshot.age', 'other.csv']);
    expect(other.code).toBe(EXIT.usage);
    expect(other.stderr).toContain('Cannot tell which table this is');
    writeFileSync(join(demo.directory, 'ouderdom.tsv'), 'Tijd sinds aankondiging\tAchterstand\n0-3m\t281\n');
    const missing = await run(['reconcile', 'demo.snapshot.age', 'ouderdom.tsv']);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toContain('--peildatum');
    expect((await run(['reconcile', 'demo.snapshot.age', 'tabel1-391.txt', '--table', 'nope'])).code).toBe(EXIT.usage);
    expect((await run(['reconcile', 'demo.snapshot.age'])).code).toBe(EXIT.usage);
  }, 60_000);
});

describe('ketenlens verify', () => {
  it('an unedited export verifies (exit 0) and says whether the audit trail holds its SHA-256', async () => {
    expect((await run(['table', 'elip-cohorten', 'demo.snapshot.age', ...TABEL1_OPTIONS, '--out', 'v.docx'])).code).toBe(EXIT.ok);
    const first = await run(['verify', 'v.docx', 'demo.snapshot.age']);
    expect(first.code).toBe(EXIT.ok);
    expect(first.stdout).toContain('Result: every cell is the same.');
    // The parameters come from the provenance embedded in the DOCX, not from the table.
    expect(first.stdout).toContain('peildata=2022-05-01,2022-10-15,2023-07-01 (provenance)');
    // `table` recorded the export and the file's SHA-256 (export-written) in the trail.
    expect(first.stdout).toMatch(/Audit trail: recorded in entry \d+ \(export-written,/);
  }, 60_000);

  it('an edited export: exit 1 with the changed cell', async () => {
    expect((await run(['table', 'elip-cohorten', 'demo.snapshot.age', ...TABEL1_OPTIONS, '--out', 'e.html'])).code).toBe(EXIT.ok);
    const path = join(demo.directory, 'e.html');
    writeFileSync(path, readFileSync(path, 'utf8').replace('>722<', '>772<'));
    const { code, stdout } = await run(['verify', 'e.html', 'demo.snapshot.age']);
    expect(code).toBe(EXIT.findings);
    expect(stdout).toContain("01-05-2022 · '18: published 772; the data gives 722 (difference +50).");
  }, 60_000);

  it('a CSV without its provenance sidecar: exit 2 unless the parameters are given', async () => {
    expect((await run(['table', 'elip-cohorten', 'demo.snapshot.age', ...TABEL1_OPTIONS, '--out', 'c.csv'])).code).toBe(EXIT.ok);
    rmSync(join(demo.directory, provenanceSidecarName('c.csv')));
    const bare = await run(['verify', 'c.csv', 'demo.snapshot.age']);
    expect(bare.code).toBe(EXIT.usage);
    expect(bare.stderr).toContain('carries no Ketenlens provenance');
    expect((await run(['verify', 'c.csv', 'demo.snapshot.age', '--table', 'elip-cohorten', '--cohort-merge-from', '2022'])).code).toBe(EXIT.ok);
  }, 60_000);

  it('a CSV with its provenance sidecar verifies without options', async () => {
    const json = JSON.parse((await run(['table', 'elip-cohorten', 'demo.snapshot.age', ...TABEL1_OPTIONS, '--format', 'json'])).stdout) as TableModel;
    writeFileSync(join(demo.directory, 's.csv'), await exportTable(json, 'csv'));
    writeFileSync(join(demo.directory, provenanceSidecarName('s.csv')), provenanceSidecar(buildProvenance([json], 'csv')));
    const { code, stdout } = await run(['verify', 's.csv', 'demo.snapshot.age']);
    expect(stdout).toContain('cohort_merge_from=2022 (provenance)');
    expect(code).toBe(EXIT.ok);
  }, 60_000);
});
