// An export made in the app, end to end on a real data folder: the one way out (sendOut
// and the worker half) behind the Electron host's real handlers, writing the real trail
// and real files. The file names the entry that records it (read back with the shared
// provenance reader), export-written records its SHA-256, and `ketenlens verify` links
// the file to its entry by that reference — exactly as for an export of the command line.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvokeHandlers } from '../../electron/ipc/handlers';
import { createPathGrants } from '../../electron/files/path-grants';
import { traceExport } from '../../shared/audit/export-trace';
import { generateDemoSnapshot } from '../../shared/demo/index';
import { EXIT } from '../../shared/errors';
import { provenanceSidecarName, readProvenance } from '../../shared/export/provenance';
import { DEFAULT_APP_SETTINGS, type HostApi, type InvokeChannel, type InvokeContract } from '../../shared/ipc/contract';
import { appendAudit, readAndVerifyAudit, readAudit } from '../../shared/node/audit';
import { main } from '../../shared/node/cli/main';
import { writeFileSafely } from '../../shared/node/files/safe-write';
import type { TableModel } from '../../shared/tables/model';
import { sendOut, type WayOutDependencies, type WayOutRequest } from '../../renderer/app/way-out';
import type { CoreRequests } from '../../renderer/worker/protocol';
import { prepareOutgoing } from '../../renderer/worker/way-out';
import { FIXTURE_PASSPHRASE, loadSqlJs, writeEncryptedFile, type SnapshotFixture } from '../support/snapshot';

let demo: SnapshotFixture;
let dataDir = '';
let exportDir = '';
let tabel1: TableModel;

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await main(argv, {
    stdout: out, stderr: err, stdin: Readable.from([]),
    env: { KETENLENS_PASSPHRASE: FIXTURE_PASSPHRASE, KETENLENS_DATA_DIR: dataDir }, cwd: demo.directory, language: 'en',
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  demo = await writeEncryptedFile(generateDemoSnapshot(await loadSqlJs()), { name: 'demo.snapshot.age' });
  dataDir = mkdtempSync(join(tmpdir(), 'ketenlens-app-export-data-'));
  exportDir = mkdtempSync(join(tmpdir(), 'ketenlens-app-export-out-'));
  // The table as the app's worker builds it (the same catalogue and session as the command line).
  const made = await cli(['table', 'elip-cohorten', 'demo.snapshot.age', '--peildatum', '2022-05-01,2022-10-15,2023-07-01', '--cohort-merge-from', '2022', '--format', 'json']);
  expect(made.code).toBe(EXIT.ok);
  tabel1 = JSON.parse(made.stdout) as TableModel;
}, 120_000);
afterAll(() => {
  demo.remove();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(exportDir, { recursive: true, force: true });
});

/** The Electron host as electron/main.ts wires it, with the save dialog answering a path in exportDir. */
function electronHost(): HostApi {
  const handlers = createInvokeHandlers({
    language: () => 'en',
    showOpenDialog: async () => null,
    showSaveDialog: async (options) => join(exportDir, basename(options.defaultPath)),
    files: {
      stat: async () => ({ size: 1, isFile: true }),
      readFile: async () => new Uint8Array(),
      writeFileAtomic: (path, bytes) => writeFileSafely(path, bytes, { force: true }),
      remove: (path) => unlink(path),
    },
    grants: createPathGrants('linux'),
    recent: { list: async () => [], add: async () => undefined },
    audit: { append: (input) => appendAudit(dataDir, input).then((entry) => ({ seq: entry.seq, hash: entry.hash })), read: () => readAndVerifyAudit(dataDir) },
    dataDir,
    appInfo: async () => ({ version: '0.1.0', platform: 'linux', host: 'electron', demoSnapshotPath: null }),
    documentsDir: exportDir,
    maxReadBytes: 1e9,
    onSnapshotRead: () => undefined,
    assessments: { list: async () => [], save: async (record) => record },
    now: () => new Date(),
    settings: { read: async () => DEFAULT_APP_SETTINGS, update: async () => DEFAULT_APP_SETTINGS },
  });
  return {
    // The handlers answer each channel with its contract's response (they are typed per channel).
    invoke: <C extends InvokeChannel>(channel: C, request: InvokeContract[C]['request']) => handlers[channel](request) as Promise<InvokeContract[C]['response']>,
    on: () => () => undefined,
  };
}

function appDependencies(): WayOutDependencies {
  const call = async (_operation: 'wayOut', request: CoreRequests['wayOut']['request']) => prepareOutgoing(request);
  return {
    core: { call } as unknown as WayOutDependencies['core'],
    host: electronHost(),
    confirm: async () => true,
    clipboard: { write: async () => undefined, writeText: async () => undefined },
  };
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function exportOf(format: 'docx' | 'csv' | 'ods'): WayOutRequest {
  return {
    way: 'grid-export', models: [tabel1], view: null, disclosure: { method: 'suppress', k: 10 }, target: { kind: 'file', format }, fileName: `tabel1-${format}`,
  };
}

describe('an app export in a real data folder', () => {
  it('names its export-table entry; export-written records its SHA-256; the trail stays one valid chain', async () => {
    const result = await sendOut(appDependencies(), exportOf('docx'));
    expect(result).toMatchObject({ kind: 'done', path: join(exportDir, 'tabel1-docx.docx') });
    const bytes = readFileSync(join(exportDir, 'tabel1-docx.docx'));
    const reference = readProvenance(bytes, 'tabel1-docx.docx')?.audit ?? null;
    const entries = await readAudit(dataDir);
    const named = entries.find((entry) => entry.seq === reference?.seq);
    expect(named).toMatchObject({ action: 'export-table', hash: reference?.hash });
    // The command line's keys for the same facts.
    expect(named?.details).toMatchObject({
      snapshot_sha256: tabel1.provenance.snapshot_sha256, tables: ['elip-cohorten'], format: 'docx', disclosure: 'suppress:10',
      path: join(exportDir, 'tabel1-docx.docx'), parameters: JSON.stringify({ 'elip-cohorten': tabel1.parameters }),
    });
    expect(entries.at(-1)).toMatchObject({
      action: 'export-written',
      details: { source: 'host', export_seq: reference?.seq, export_hash: reference?.hash, ok: true, sha256: sha256Of(bytes), bytes: bytes.length },
    });
    expect(traceExport(entries, sha256Of(bytes), reference).linked?.seq).toBe(entries.at(-1)?.seq);
    expect((await readAndVerifyAudit(dataDir)).verification).toEqual({ ok: true });
  });

  it('ketenlens verify links it to its entry by the reference in its provenance, as for a command-line export', async () => {
    await sendOut(appDependencies(), exportOf('ods'));
    const reference = readProvenance(readFileSync(join(exportDir, 'tabel1-ods.ods')), 'tabel1-ods.ods')?.audit;
    const { code, stdout, stderr } = await cli(['verify', join(exportDir, 'tabel1-ods.ods'), 'demo.snapshot.age']);
    expect(stderr).not.toContain('internal error');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('Result: every cell is the same.');
    expect(stdout).toMatch(new RegExp(`Audit trail: the file names entry ${reference?.seq} \\(export-table, [^)]+\\); its hash matches\\.`));
    expect(stdout).toMatch(new RegExp(`Audit trail: recorded in entry ${(reference?.seq ?? 0) + 1} \\(export-written,`));
  }, 60_000);

  it('a CSV gets its sidecar naming the entry, and verifies from it', async () => {
    await sendOut(appDependencies(), exportOf('csv'));
    const path = join(exportDir, 'tabel1-csv.csv');
    const sidecar = readProvenance(readFileSync(provenanceSidecarName(path)), provenanceSidecarName(path));
    const entries = await readAudit(dataDir);
    expect(entries.find((entry) => entry.seq === sidecar?.audit?.seq)?.hash).toBe(sidecar?.audit?.hash);
    expect(entries.at(-1)?.details).toMatchObject({ sha256: sha256Of(readFileSync(path)), sidecar: provenanceSidecarName(path) });
    const { code, stdout } = await cli(['verify', path, 'demo.snapshot.age']);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain(`Audit trail: the file names entry ${sidecar?.audit?.seq} (export-table,`);
  }, 60_000);
});
