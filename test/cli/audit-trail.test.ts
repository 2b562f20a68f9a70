// The built `ketenlens` CLI writes the same audit trail as the app: every command that
// opens a snapshot records it (path, SHA-256, kind of key — never the key), exports and
// queries record what left and the exported file names its entry, an export is refused
// when the trail cannot be written, and reading commands warn and go on.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProvenance } from '../../shared/export/provenance';
import type { AuditEntry } from '../../shared/ipc/contract';
import { ROOT, runKetenlens, type CliRun } from '../support/cli-process';
import { buildSnapshotFile, FIXTURE_PASSPHRASE, makeTempDirectory, type SnapshotFixture } from '../support/snapshot';

const DATA = `
INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', 'Noord-Holland');
INSERT INTO inburgeraar VALUES ('P1', 'Wi2013', 'asiel', '2019-03-01', '2022-03-01', 'GM0363', 'lopend', NULL);
`;


let snapshot: SnapshotFixture;
let work: SnapshotFixture;
let dataDir = '';
let snapshotSha = '';

function ketenlens(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runKetenlens(args, { cwd: work.directory, env: { KETENLENS_DATA_DIR: dataDir, KETENLENS_PASSPHRASE: FIXTURE_PASSPHRASE, ...env } });
}

async function trail(): Promise<AuditEntry[]> {
  const shown = await ketenlens(['audit', 'show', '--json']);
  return (JSON.parse(shown.stdout) as { entries: AuditEntry[] }).entries;
}

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli'], { cwd: ROOT, stdio: 'ignore' });
  snapshot = await buildSnapshotFile(DATA);
  snapshotSha = execFileSync('sha256sum', [snapshot.path], { encoding: 'utf8' }).split(' ')[0] ?? '';
  work = makeTempDirectory();
  dataDir = join(work.directory, 'data');
}, 120_000);
afterAll(() => {
  snapshot.remove();
  work.remove();
});

describe('the command line writes the audit trail', () => {
  it('records every command that opens a snapshot, with the right details and no key material', { timeout: 300_000 }, async () => {
    const passphraseFile = join(work.directory, 'wachtwoord.txt');
    writeFileSync(passphraseFile, `${FIXTURE_PASSPHRASE}\n`);
    expect((await ketenlens(['info', snapshot.path])).status).toBe(0);
    expect((await ketenlens(['validate', snapshot.path, '--passphrase-file', passphraseFile], { KETENLENS_PASSPHRASE: '' })).status).toBe(0);
    const query = await ketenlens(['query', snapshot.path, "SELECT count(*) AS n FROM inburgeraar WHERE id <> '123456782'", '--format', 'csv']);
    expect(query.status).toBe(0);
    const table = await ketenlens(['table', 'elip-gemeenten', snapshot.path, '--out', 'tabel.docx', '--disclosure', 'suppress']);
    expect(table.status).toBe(0);
    const csv = await ketenlens(['table', 'elip-gemeenten', snapshot.path, '--format', 'csv', '--out', 'tabel.csv']);
    expect(csv.status).toBe(0);
    const stdout = await ketenlens(['table', 'elip-gemeenten', snapshot.path]);
    expect(stdout.status).toBe(0);
    const bijlage = await ketenlens(['bijlage', snapshot.path, '--tables', 'elip-gemeenten,elip-cohorten', '--out', 'bijlage.ods']);
    expect(bijlage.status).toBe(0);

    const entries = await trail();
    expect(entries.map((entry) => `${entry.details.command} ${entry.action}`)).toEqual([
      'info open', 'validate open',
      'query open', 'query query',
      'table open', 'table export-table', 'table export-written',
      'table open', 'table export-table', 'table export-written',
      'table open', 'table export-table', 'table export-written',
      'bijlage open', 'bijlage export-table', 'bijlage export-written',
    ].map((line) => line.replace('bijlage export-table', 'bijlage export-bijlage')));
    for (const entry of entries) {
      expect(entry.details).toMatchObject({ source: 'cli', host: hostname() });
      expect(typeof entry.details.account).toBe('string');
    }
    const [info, validate] = entries;
    expect(info?.details).toMatchObject({ path: snapshot.path, sha256: snapshotSha, key_kind: 'passphrase', peildatum: '2023-09-15' });
    expect(validate?.details).toMatchObject({ key_kind: 'passphrase', sha256: snapshotSha });
    // The SQL text and row count, a 9-digit literal masked.
    expect(entries[3]?.details).toMatchObject({
      sql: "SELECT count(*) AS n FROM inburgeraar WHERE id <> '#########'", rows: 1, truncated: false, sha256: snapshotSha,
    });

    const [docxEntry, docxWritten] = [entries[5]!, entries[6]!];
    expect(docxEntry.details).toMatchObject({
      snapshot_path: snapshot.path, snapshot_sha256: snapshotSha, tables: ['elip-gemeenten'], format: 'docx',
      disclosure: 'suppress:10', path: join(work.directory, 'tabel.docx'),
    });
    const docx = readFileSync(join(work.directory, 'tabel.docx'));
    expect(docxWritten.details).toMatchObject({
      export_seq: docxEntry.seq, export_hash: docxEntry.hash, ok: true, sha256: execFileSync('sha256sum', [join(work.directory, 'tabel.docx')], { encoding: 'utf8' }).split(' ')[0],
    });
    // The file names the entry that records it.
    expect(readProvenance(docx, 'tabel.docx')?.audit).toEqual({ seq: docxEntry.seq, hash: docxEntry.hash });
    expect(readProvenance(readFileSync(join(work.directory, 'tabel.csv.provenance.json')), 'tabel.csv.provenance.json')?.audit?.seq).toBe(entries[8]?.seq);
    expect(stdout.stdout).toContain(`auditregel ${entries[11]?.seq} (${entries[11]?.hash.slice(0, 12)})`);
    expect(entries[11]?.details.path).toBe('-');
    expect(entries[14]?.details).toMatchObject({ tables: ['elip-gemeenten', 'elip-cohorten'], format: 'ods', disclosure: 'suppress:10' });

    const text = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8');
    expect(text).not.toContain(FIXTURE_PASSPHRASE);
    expect(text).not.toContain('wachtwoord.txt');
    expect(text).not.toContain('123456782');
    const verify = await ketenlens(['audit', 'verify']);
    expect([verify.status, verify.stdout]).toEqual([0, `Audit trail intact: ${entries.length} entries checked.\n`]);
  });

  it('records the kind of key for an identity and a re-keyed snapshot, never the key', { timeout: 120_000 }, async () => {
    const keys = join(work.directory, 'keys');
    mkdirSync(keys);
    const identity = join(keys, 'id.txt');
    execFileSync('age-keygen', ['-o', identity], { stdio: 'ignore' });
    const recipient = execFileSync('age-keygen', ['-y', identity], { encoding: 'utf8' }).trim();
    const rekey = await ketenlens(['rekey', snapshot.path, '--out', 'voor-x.snapshot.age', '--recipient', recipient]);
    expect(rekey.status).toBe(0);
    const info = await ketenlens(['info', 'voor-x.snapshot.age', '--identity', identity], { KETENLENS_PASSPHRASE: '' });
    expect(info.status).toBe(0);
    const [rekeyed, opened] = (await trail()).slice(-2);
    expect(rekeyed).toMatchObject({
      action: 'rekey',
      details: { path: snapshot.path, sha256: snapshotSha, key_kind: 'passphrase', out: join(work.directory, 'voor-x.snapshot.age'), new_key_kind: 'recipients', recipients: 1 },
    });
    expect(opened).toMatchObject({ action: 'open', details: { key_kind: 'identity', sha256: rekeyed?.details.out_sha256 } });
    const text = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8');
    expect(text).not.toMatch(/AGE-SECRET-KEY/i);
    expect(text).not.toContain(readFileSync(identity, 'utf8').trim().split('\n').at(-1));
  });

  it('refuses exports and queries when the trail cannot be written, and lets reading go on with a warning', { timeout: 120_000 }, async () => {
    const blocked = join(work.directory, 'geen-map');
    writeFileSync(blocked, 'a file where the data folder should be');
    const table = await ketenlens(['table', 'elip-gemeenten', snapshot.path, '--out', 'nooit.xlsx'], { KETENLENS_DATA_DIR: blocked });
    expect(table.status).toBe(7);
    expect(table.stderr).toContain(`ketenlens table: The audit trail in '${blocked}' cannot be written`);
    expect(table.stderr).toContain('an unrecorded export is exactly what the trail exists to prevent');
    expect(existsSync(join(work.directory, 'nooit.xlsx'))).toBe(false);
    const toStdout = await ketenlens(['table', 'elip-gemeenten', snapshot.path], { KETENLENS_DATA_DIR: blocked });
    expect([toStdout.status, toStdout.stdout]).toEqual([7, '']);
    const query = await ketenlens(['query', snapshot.path, 'SELECT 1'], { KETENLENS_DATA_DIR: blocked });
    expect([query.status, query.stdout]).toEqual([7, '']);
    const rekey = await ketenlens(['rekey', snapshot.path, '--out', 'nooit.snapshot.age', '--passphrase-file', join(work.directory, 'wachtwoord.txt')], { KETENLENS_DATA_DIR: blocked });
    expect(rekey.status).toBe(7);
    expect(existsSync(join(work.directory, 'nooit.snapshot.age'))).toBe(false);

    const info = await ketenlens(['info', snapshot.path, '--json'], { KETENLENS_DATA_DIR: blocked });
    expect(info.status).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ file: { sha256: snapshotSha } });
    expect(info.stderr).toMatch(/^ketenlens info: note — the audit trail in '.*geen-map' cannot be written \(.*\); this is not recorded\.\n$/);
  });
});
