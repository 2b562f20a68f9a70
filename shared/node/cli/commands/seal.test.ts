// `ketenlens seal` end to end through the built command line: report, exit codes, and
// a file the age CLI opens.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'ketenlens-seal-cli-'));
let recipient = '';

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/ketenlens.mjs', ...args], { encoding: 'utf8', env: { ...process.env, KETENLENS_LANG: 'en', KETENLENS_DATA_DIR: join(work, 'data') } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  execFileSync('npm', ['run', 'build:cli'], { stdio: 'ignore' });
  execFileSync('age-keygen', ['-o', join(work, 'key.txt')], { stdio: 'pipe' });
  recipient = /public key: (age1\S+)/.exec(readFileSync(join(work, 'key.txt'), 'utf8'))?.[1] ?? '';
  const folder = join(work, 'extract');
  mkdirSync(folder);
  const files: Record<string, string> = {
    'meta.csv': 'key,value\npeildatum,2023-09-15\ntitel,CLI-test\n',
    'gemeente.csv': 'code,naam,provincie\nGM0363,Amsterdam,\n',
    'inburgeraar.csv': 'id,stelsel,doelgroep,plicht_start,termijn_einde,gemeente_code,status,status_datum\nP1,Wi2013,asiel,2018-03-01,,GM0363,lopend,\nP2,Wi2013,gezin,2018-03-01,,GM0999,lopend,\n',
    'lening_betaling.csv': 'inburgeraar_id,datum,bedrag_cent\nP1,2019-01-01,500000\nP9,2019-01-01,100\n',
    'termijnoverschrijding.csv': 'id,inburgeraar_id,termijn_einde,aankondiging_op,afspraak_op,besluit,besluit_op,boete_cent\n',
    'gegevenscategorie.csv': 'code,omschrijving,bijzonder\nNAW,NAW,0\n',
    'portaal_signaal.csv': 'id,inburgeraar_id,gemeente_code,stelsel,zichtbaar_vanaf,zichtbaar_tot\n',
    'signaal_gegeven.csv': 'signaal_id,categorie\n',
    'portaal_inzage.csv': 'signaal_id,ingezien_op,gebruiker\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('ketenlens seal', () => {
  it('seals, reports the rows and the source defects as findings, and the age CLI opens the result', () => {
    const out = join(work, 'cli.snapshot.age');
    const result = run(['seal', join(work, 'extract'), '--out', out, '--recipient', recipient, '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as {
      meta: Record<string, string>;
      tables: { table: string; rows: number }[];
      findings: { kind: string; table: string; count: number; examples: string[] }[];
    };
    expect(report.meta.peildatum).toBe('2023-09-15');
    expect(report.meta.titel).toBe('CLI-test');
    expect(report.tables.find((t) => t.table === 'inburgeraar')?.rows).toBe(2);
    const dangling = report.findings.filter((f) => f.kind === 'dangling-reference');
    expect(dangling.map((f) => [f.table, f.count])).toEqual(expect.arrayContaining([['inburgeraar', 1], ['lening_betaling', 1]]));
    const header = readFileSync(out).subarray(0, 21).toString('latin1');
    expect(header).toBe('age-encryption.org/v1');
    const sqlite = execFileSync('age', ['-d', '-i', join(work, 'key.txt'), out]).subarray(0, 16).toString('latin1');
    expect(sqlite).toBe('SQLite format 3\u0000');
  });

  it('exits 8 with file and line for bad data, 2 without recipients, 7 when the output exists', () => {
    const bad = join(work, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'gemeente.csv'), 'code,naam,provincie\nGM12,X,\n');
    const refused = run(['seal', bad, '--out', join(work, 'bad.snapshot.age'), '--recipient', recipient, '--peildatum', '2023-09-15']);
    expect(refused.status).toBe(8);
    expect(refused.stderr).toContain('gemeente.csv:2 (code)');
    expect(existsSync(join(work, 'bad.snapshot.age'))).toBe(false);

    const noRecipient = run(['seal', join(work, 'extract'), '--out', join(work, 'x.snapshot.age')]);
    expect(noRecipient.status).toBe(2);
    expect(noRecipient.stderr).toContain('Encrypt for whom?');

    writeFileSync(join(work, 'taken.snapshot.age'), 'x');
    const exists = run(['seal', join(work, 'extract'), '--out', join(work, 'taken.snapshot.age'), '--recipient', recipient]);
    expect(exists.status).toBe(7);
    expect(readFileSync(join(work, 'taken.snapshot.age'), 'utf8')).toBe('x');
  });

  it('refuses a secret key given as recipient, telling why', () => {
    const secret = readFileSync(join(work, 'key.txt'), 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1')) ?? '';
    const result = run(['seal', join(work, 'extract'), '--out', join(work, 'y.snapshot.age'), '--recipient', secret]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('never share it');
  });
});

describe('ketenlens rekey', () => {
  it('re-encrypts for a new recipient; the old key opens the source, the new key the result', () => {
    const source = join(work, 'cli.snapshot.age');
    if (!existsSync(source)) run(['seal', join(work, 'extract'), '--out', source, '--recipient', recipient]);
    execFileSync('age-keygen', ['-o', join(work, 'new-key.txt')], { stdio: 'pipe' });
    const newRecipient = /public key: (age1\S+)/.exec(readFileSync(join(work, 'new-key.txt'), 'utf8'))?.[1] ?? '';
    const out = join(work, 'rekeyed.snapshot.age');
    const result = run(['rekey', source, '--identity', join(work, 'key.txt'), '--recipient', newRecipient, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const plaintextHeader = execFileSync('age', ['-d', '-i', join(work, 'new-key.txt'), out]).subarray(0, 16).toString('latin1');
    expect(plaintextHeader).toBe('SQLite format 3\u0000');
    const wrongKey = run(['rekey', out, '--identity', join(work, 'key.txt'), '--recipient', newRecipient, '--out', join(work, 'again.snapshot.age')]);
    expect(wrongKey.status).toBe(3);
    expect(existsSync(join(work, 'again.snapshot.age'))).toBe(false);
  });

  it('refuses a passphrase given as an argument', () => {
    const result = run(['rekey', join(work, 'cli.snapshot.age'), '--passphrase', 'secret', '--recipient', recipient, '--out', join(work, 'p.snapshot.age')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('shell history');
  });
});
