// The built `ketenlens` CLI, run as users run it, on snapshots encrypted by the real
// `age` tool (X25519, binary and armored), by the age-encryption package (passphrase)
// and by the fixture builder: info, validate and query, their output and exit codes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Encrypter } from 'age-encryption';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ROOT, runKetenlens, type CliRun } from '../support/cli-process';
import { buildPlaintext, buildSnapshotFile, FIXTURE_PASSPHRASE, makeTempDirectory, type SnapshotFixture } from '../support/snapshot';

const DATA = `
INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', 'Noord-Holland'), ('GM0599', 'Rotterdam', 'Zuid-Holland');
INSERT INTO inburgeraar VALUES
  ('P1', 'Wi2013', 'asiel', '2019-03-01', '2022-03-01', 'GM0363', 'lopend', NULL),
  ('P2', 'Wi2021', 'gezin', '2022-05-01', NULL, 'GM0599', 'voldaan', '2023-06-01');
INSERT INTO lening_betaling VALUES ('P1', '2020-01-01', 250000), ('P1', '2020-06-01', 'x, "y"');
`;
const CLEAN = DATA.replace(`, ('P1', '2020-06-01', 'x, "y"')`, '');


/** Run the built CLI; asynchronous so that the tests (describe.concurrent) overlap their processes. */
function ketenlens(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runKetenlens(args, { cwd: ROOT, env: { KETENLENS_DATA_DIR: TRAIL_DIR, ...env } });
}

/** Every run appends to this trail (never the user's own data folder). */
const TRAIL_DIR = mkdtempSync(join(tmpdir(), 'ketenlens-cli-trail-'));

const withPassphrase = { KETENLENS_PASSPHRASE: FIXTURE_PASSPHRASE };

describe.concurrent('ketenlens info / validate / query', () => {
  const cleanup: SnapshotFixture[] = [];
  let clean: SnapshotFixture;
  let dirty: SnapshotFixture;
  let keys: SnapshotFixture;
  let identityFile: string;
  let recipient: string;

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build:cli'], { cwd: ROOT, stdio: 'ignore' });
    clean = await buildSnapshotFile(CLEAN);
    dirty = await buildSnapshotFile(DATA);
    keys = makeTempDirectory();
    cleanup.push(clean, dirty, keys);
    identityFile = join(keys.directory, 'key.txt');
    execFileSync('age-keygen', ['-o', identityFile], { stdio: 'ignore' });
    recipient = execFileSync('age-keygen', ['-y', identityFile], { encoding: 'utf8' }).trim();
  });
  afterAll(() => cleanup.forEach((fixture) => fixture.remove()));

  /** Encrypt with the real `age` CLI, the plaintext going in through stdin (never to disk). */
  async function ageCliFile(armor: boolean): Promise<string> {
    const path = join(keys.directory, armor ? 'armored.snapshot.age' : 'binary.snapshot.age');
    execFileSync('age', ['-e', ...(armor ? ['-a'] : []), '-r', recipient, '-o', path], { input: await buildPlaintext(CLEAN) });
    return path;
  }

  it.for([false, true])('info --json on a file by `age -e -r` (armored: %s) with --identity', async (armor, { expect }) => {
    const path = await ageCliFile(armor);
    const run = await ketenlens(['info', path, '--json', '--identity', identityFile]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const info = JSON.parse(run.stdout);
    expect(info.keyKind).toBe('identity');
    expect(info.meta).toEqual({ schema_version: '1', peildatum: '2023-09-15', bron: 'DUO', gemeente_jaar: '2023' });
    expect(info.rowCounts).toMatchObject({ gemeente: 2, inburgeraar: 2, lening_betaling: 1, portaal_inzage: 0 });
    expect(info.file.sha256).toBe(execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]);
    expect(info.findings).toEqual([]);
    if (armor) expect(execFileSync('head', ['-c', '34', path], { encoding: 'utf8' })).toBe('-----BEGIN AGE ENCRYPTED FILE-----');
  });

  it('info --json on a passphrase file by the age-encryption package', async ({ expect }) => {
    const encrypter = new Encrypter();
    encrypter.setPassphrase('een ander wachtwoord');
    encrypter.setScryptWorkFactor(10);
    const path = join(keys.directory, 'package.snapshot.age');
    writeFileSync(path, await encrypter.encrypt(await buildPlaintext(CLEAN)));
    const run = await ketenlens(['info', path, '--json'], { KETENLENS_PASSPHRASE: 'een ander wachtwoord' });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ keyKind: 'passphrase', rowCounts: { inburgeraar: 2 } });
  });

  it('info shows meta, counts and a findings summary as text, in Dutch when asked', async ({ expect }) => {
    const run = await ketenlens(['info', dirty.path], { ...withPassphrase, KETENLENS_LANG: 'nl' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('peildatum       2023-09-15');
    expect(run.stdout).toMatch(/lening_betaling\s+2 {2}\(1 overgeslagen\)/);
    expect(run.stdout).toMatch(/check-violation\s+lening_betaling\.bedrag_cent\s+1 {2}overgeslagen/);
  });

  it('validate exits 0 on a clean snapshot and 1 with findings, listing examples', async ({ expect }) => {
    const ok = await ketenlens(['validate', clean.path], withPassphrase);
    expect([ok.status, ok.stdout]).toEqual([0, `${clean.path}: no findings.\n`]);
    const bad = await ketenlens(['validate', dirty.path, '--json'], withPassphrase);
    expect(bad.status).toBe(1);
    const report = JSON.parse(bad.stdout);
    expect(report.clean).toBe(false);
    expect(report.findings).toEqual([
      {
        kind: 'check-violation', table: 'lening_betaling', column: 'bedrag_cent',
        descriptionNl: 'bedrag_cent is geen geheel aantal centen', descriptionEn: 'bedrag_cent is not a whole number of cents',
        count: 1, examples: ['rowid:2'], skipped: true,
      },
    ]);
    expect(report.skippedRows).toEqual({ lening_betaling: 1 });
  });

  it('query prints csv (RFC 4180) and json, and reads the usable views', async ({ expect }) => {
    const csv = await ketenlens(['query', dirty.path, 'SELECT inburgeraar_id, bedrag_cent FROM lening_betaling ORDER BY rowid', '--format', 'csv'], withPassphrase);
    expect([csv.status, csv.stdout]).toEqual([0, 'inburgeraar_id,bedrag_cent\r\nP1,250000\r\nP1,"x, ""y"""\r\n']);
    const json = await ketenlens(['query', dirty.path, 'SELECT count(*) AS n FROM usable_lening_betaling', '--format', 'json'], withPassphrase);
    expect(JSON.parse(json.stdout)).toEqual({ columns: ['n'], rows: [[1]], truncated: false });
    const table = await ketenlens(['query', dirty.path, 'SELECT code, naam FROM gemeente ORDER BY code', '--max-rows', '1'], withPassphrase);
    expect(table.stdout).toBe('code    naam\n------  ---------\nGM0363  Amsterdam\n');
    expect(table.stderr).toContain('only the first 1 rows shown');
  });

  it('query refuses writes with exit 7 and SQL errors with exit 2', async ({ expect }) => {
    const write = await ketenlens(['query', clean.path, 'WITH x AS (SELECT 1) DELETE FROM inburgeraar'], withPassphrase);
    expect(write.status).toBe(7);
    expect(write.stderr).toContain('Only read-only queries are allowed');
    const error = await ketenlens(['query', clean.path, 'SELECT nope FROM inburgeraar'], withPassphrase);
    expect([error.status, error.stderr]).toEqual([2, 'ketenlens query: The query is invalid: no such column: nope\n']);
  });

  it('reads the passphrase from the first line of --passphrase-file (CRLF stripped)', async ({ expect }) => {
    const file = join(keys.directory, 'pass.txt');
    writeFileSync(file, `${FIXTURE_PASSPHRASE}\r\nsecond line\n`);
    const run = await ketenlens(['query', clean.path, 'SELECT count(*) FROM inburgeraar', '--format', 'csv', '--passphrase-file', file]);
    expect([run.status, run.stdout]).toEqual([0, 'count(*)\r\n2\r\n']);
  });

  it('refuses --passphrase on the command line, and a missing key', async ({ expect }) => {
    const argument = await ketenlens(['info', clean.path, '--passphrase', FIXTURE_PASSPHRASE]);
    expect(argument.status).toBe(2);
    expect(argument.stderr).toContain('shell history');
    const none = await ketenlens(['info', clean.path]);
    expect([none.status, none.stderr]).toEqual([
      3,
      'ketenlens info: No key given: use --identity FILE, --passphrase-file FILE or the environment variable KETENLENS_PASSPHRASE.\n',
    ]);
  });

  it('refuses a wrong passphrase (exit 3), a missing file (6), a too large file (7)', async ({ expect }) => {
    expect((await ketenlens(['info', clean.path], { KETENLENS_PASSPHRASE: 'fout' })).status).toBe(3);
    const missing = await ketenlens(['info', join(keys.directory, 'nope.age')], withPassphrase);
    expect([missing.status, missing.stderr]).toEqual([6, `ketenlens info: Cannot read '${join(keys.directory, 'nope.age')}': the file does not exist.\n`]);
    const large = await ketenlens(['info', clean.path], { ...withPassphrase, KETENLENS_MAX_SNAPSHOT_MB: '0.001' });
    expect(large.status).toBe(7);
    expect(large.stderr).toContain('KETENLENS_MAX_SNAPSHOT_MB');
  });

  it('refuses decrypted content that is not SQLite with exit 5', async ({ expect }) => {
    const notSqlite = await buildSnapshotFile('', { schema: 'none' });
    cleanup.push(notSqlite);
    const encrypter = new Encrypter();
    encrypter.setPassphrase(FIXTURE_PASSPHRASE);
    encrypter.setScryptWorkFactor(10);
    writeFileSync(notSqlite.path, await encrypter.encrypt(new TextEncoder().encode('id,stelsel\nP1,Wi2013\n')));
    const run = await ketenlens(['validate', notSqlite.path], withPassphrase);
    expect(run.status).toBe(5);
    expect(run.stderr).toContain('not an SQLite database');
  });

  it('prints help', async ({ expect }) => {
    const run = await ketenlens(['query', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: ketenlens query <snapshot> "<SELECT …>"');
  });
});
