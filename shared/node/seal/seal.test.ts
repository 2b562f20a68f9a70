// Seal round trips with the real tools: CSV folder → seal → `age -d` → `sqlite3` gives the
// same rows for every table; each kind of bad CSV is refused naming file and line, and
// leaves no output file behind.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../age/types';
import { FileExistsError, SourceDataError } from '../../errors';
import { TABLE_COLUMNS } from '../../snapshot/schema';
import { rekeySnapshot, sealSnapshot } from './seal';

const work = mkdtempSync(join(tmpdir(), 'ketenlens-seal-'));
// Decrypted plaintext for the sqlite3 comparison lives in memory-backed /dev/shm only.
const shm = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'ketenlens-seal-'));
let identity = '';
let recipient = '';

const FIXTURE: Record<string, string> = {
  'gemeente.csv': 'code,naam,provincie\nGM0363,Amsterdam,Noord-Holland\nGM0344,Utrecht,\n',
  'inburgeraar.csv':
    'id;stelsel;doelgroep;plicht_start;termijn_einde;gemeente_code;status;status_datum\n' +
    'P1;Wi2013;asiel;2018-03-01;2021-03-01;GM0363;lopend;\n' +
    'P2;Wi2021;gezin;2022-02-01;;GM0344;voldaan;2023-01-10\n' +
    'P3;Wi2013;asiel;2019-05-05;2022-05-05;GM9999;lopend;\n',
  'lening_betaling.csv': 'inburgeraar_id,datum,bedrag_cent\nP1,2019-01-01,500000\nP1,2020-01-01,460000\nP1,2020-02-01,-20000\n',
  'termijnoverschrijding.csv':
    'id,inburgeraar_id,termijn_einde,aankondiging_op,afspraak_op,besluit,besluit_op,boete_cent\n' +
    '1,P1,2021-03-01,2021-04-01,,boete,2021-06-01,25000\n2,P3,2022-05-05,2022-06-01,2022-09-10,,,\n',
  'gegevenscategorie.csv': 'code,omschrijving,bijzonder\nNAW,"Naam, adres en woonplaats",0\n',
  'portaal_signaal.csv':
    'id,inburgeraar_id,gemeente_code,stelsel,zichtbaar_vanaf,zichtbaar_tot\n1,P1,GM0363,Wi2021,2022-01-05T08:00:00Z,2022-01-27T12:00:00Z\n',
  'signaal_gegeven.csv': 'signaal_id,categorie\n1,NAW\n',
  'portaal_inzage.csv': 'signaal_id,ingezien_op,gebruiker\n1,2022-01-06T09:30:00Z,u-17\n',
  'ind_levering.csv': 'inburgeraar_id,vergunning_op,geleverd_op\nP2,2022-01-10,\n',
};

function makeFolder(name: string, overrides: Record<string, string | Uint8Array | null> = {}): string {
  const folder = join(work, name);
  mkdirSync(folder);
  for (const [file, content] of Object.entries({ ...FIXTURE, ...overrides })) {
    if (content !== null) writeFileSync(join(folder, file), content);
  }
  return folder;
}

beforeAll(() => {
  const keyFile = join(work, 'key.txt');
  execFileSync('age-keygen', ['-o', keyFile], { stdio: 'pipe' });
  identity = keyFile;
  recipient = /public key: (age1\S+)/.exec(readFileSync(keyFile, 'utf8'))?.[1] ?? '';
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(shm, { recursive: true, force: true });
});

function sqliteRows(database: string, table: string): string[][] {
  const columns = TABLE_COLUMNS[table as keyof typeof TABLE_COLUMNS];
  const output = execFileSync('sqlite3', ['-readonly', '-separator', '\u001f', '-nullvalue', '<NULL>', database, `SELECT ${columns.join(', ')} FROM ${table} ORDER BY 1, 2`], {
    encoding: 'utf8',
  });
  return output.split('\n').filter((line) => line.length > 0).map((line) => line.split('\u001f'));
}

describe('seal', () => {
  it('reports its phases in order — read, check, build, encrypt, write — each to its total (the command line draws them)', async () => {
    const phases: Progress[] = [];
    const result = await sealSnapshot({
      source: makeFolder('progress'),
      out: join(work, 'progress.snapshot.age'),
      recipients: { kind: 'x25519', recipients: [recipient] },
      peildatum: '2023-09-15',
      onProgress: (progress) => phases.push({ ...progress }),
    });
    result.close();
    expect(phases.map((p) => p.phase).filter((phase, index, all) => phase !== all[index - 1])).toEqual(['read', 'check', 'build', 'encrypt', 'write']);
    for (const phase of ['read', 'check', 'build', 'encrypt'] as const) {
      const last = phases.filter((p) => p.phase === phase).at(-1);
      expect(last !== undefined && last.total > 0 && last.done === last.total, phase).toBe(true);
    }
  });

  it('round trips CSV → seal → age -d → sqlite3 with identical rows for every table', async () => {
    const folder = makeFolder('good');
    const out = join(work, 'good.snapshot.age');
    const result = await sealSnapshot({
      source: folder,
      out,
      recipients: { kind: 'x25519', recipients: [recipient] },
      peildatum: '2023-09-15',
      now: () => new Date('2023-09-16T10:00:00Z'),
    });
    result.close();
    expect(result.tables.map((t) => [t.table, t.rows])).toEqual([
      ['gegevenscategorie', 1], ['gemeente', 2], ['inburgeraar', 3], ['ind_levering', 1], ['lening_betaling', 3],
      ['portaal_inzage', 1], ['portaal_signaal', 1], ['signaal_gegeven', 1], ['termijnoverschrijding', 2],
    ]);
    const plaintext = join(shm, 'good.sqlite');
    execFileSync('age', ['-d', '-i', identity, '-o', plaintext, out]);
    try {
      expect(sqliteRows(plaintext, 'inburgeraar')).toEqual([
        ['P1', 'Wi2013', 'asiel', '2018-03-01', '2021-03-01', 'GM0363', 'lopend', '<NULL>'],
        ['P2', 'Wi2021', 'gezin', '2022-02-01', '<NULL>', 'GM0344', 'voldaan', '2023-01-10'],
        ['P3', 'Wi2013', 'asiel', '2019-05-05', '2022-05-05', 'GM9999', 'lopend', '<NULL>'],
      ]);
      expect(sqliteRows(plaintext, 'lening_betaling')).toEqual([
        ['P1', '2019-01-01', '500000'], ['P1', '2020-01-01', '460000'], ['P1', '2020-02-01', '-20000'],
      ]);
      expect(sqliteRows(plaintext, 'gegevenscategorie')).toEqual([['NAW', 'Naam, adres en woonplaats', '0']]);
      expect(sqliteRows(plaintext, 'termijnoverschrijding')[1]).toEqual(['2', 'P3', '2022-05-05', '2022-06-01', '2022-09-10', '<NULL>', '<NULL>', '<NULL>']);
      expect(sqliteRows(plaintext, 'portaal_signaal')).toEqual([['1', 'P1', 'GM0363', 'Wi2021', '2022-01-05T08:00:00Z', '2022-01-27T12:00:00Z']]);
      expect(sqliteRows(plaintext, 'signaal_gegeven')).toEqual([['1', 'NAW']]);
      expect(sqliteRows(plaintext, 'portaal_inzage')).toEqual([['1', '2022-01-06T09:30:00Z', 'u-17']]);
      expect(sqliteRows(plaintext, 'ind_levering')).toEqual([['P2', '2022-01-10', '<NULL>']]);
      expect(sqliteRows(plaintext, 'gemeente')).toEqual([['GM0344', 'Utrecht', '<NULL>'], ['GM0363', 'Amsterdam', 'Noord-Holland']]);
      const meta = execFileSync('sqlite3', ['-readonly', plaintext, 'SELECT key || "=" || value FROM meta ORDER BY key'], { encoding: 'utf8' });
      expect(meta.trim().split('\n')).toEqual([
        'aangemaakt_op=2023-09-16T10:00:00Z', 'bron=DUO', 'gemeente_jaar=2023', 'peildatum=2023-09-15', 'producent=ketenlens 0.1.0', 'schema_version=1',
      ]);
      // Absent optional tables are absent, not empty.
      const tables = execFileSync('sqlite3', ['-readonly', plaintext, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"], { encoding: 'utf8' });
      expect(tables).not.toContain('dwangbevel');
      expect(tables).toContain('ind_levering');
      // Indexes are built after the bulk load, but they are there (absent tables have none).
      const indexes = execFileSync('sqlite3', ['-readonly', plaintext, "SELECT name FROM sqlite_master WHERE type='index' AND name NOT LIKE 'sqlite_%' ORDER BY name"], { encoding: 'utf8' });
      expect(indexes.trim().split('\n')).toEqual([
        'lening_betaling_persoon', 'portaal_inzage_signaal', 'portaal_signaal_gemeente', 'portaal_signaal_persoon', 'termijnoverschrijding_persoon',
      ]);
    } finally {
      rmSync(plaintext, { force: true });
    }
  });

  it('accepts ids that point nowhere (the reader reports them as findings)', async () => {
    // P3 points at GM9999, which the gemeente table does not have: sealed anyway (previous test).
    const folder = makeFolder('dangling', { 'lening_betaling.csv': 'inburgeraar_id,datum,bedrag_cent\nNOBODY,2019-01-01,100\n' });
    const result = await sealSnapshot({
      source: folder,
      out: join(work, 'dangling.snapshot.age'),
      recipients: { kind: 'x25519', recipients: [recipient] },
      peildatum: '2023-09-15',
    });
    const rows = result.database.exec("SELECT count(*) FROM lening_betaling WHERE inburgeraar_id = 'NOBODY'")[0]?.values[0]?.[0];
    result.close();
    expect(rows).toBe(1);
  });

  const refusals: [string, Record<string, string | Uint8Array | null>, string, number | null, string][] = [
    ['a wrong header', { 'gemeente.csv': 'code,name,provincie\nGM0363,Amsterdam,\n' }, 'gemeente.csv', 1, "unknown column 'name'"],
    ['a missing header column', { 'gemeente.csv': 'code,naam\nGM0363,Amsterdam\n' }, 'gemeente.csv', 1, 'lacks column(s) provincie'],
    ['an empty file', { 'gemeente.csv': '' }, 'gemeente.csv', 1, 'the file is empty'],
    ['a value breaking an enum', { 'inburgeraar.csv': 'id,stelsel,doelgroep,plicht_start,termijn_einde,gemeente_code,status,status_datum\nP1,Wi2099,asiel,2018-03-01,,,lopend,\n' }, 'inburgeraar.csv', 2, "'Wi2099' is not allowed"],
    ['a value breaking a pattern', { 'gemeente.csv': 'code,naam,provincie\nAMS,Amsterdam,\n' }, 'gemeente.csv', 2, "'AMS' does not have the form"],
    ['a status without its date', { 'inburgeraar.csv': 'id,stelsel,doelgroep,plicht_start,termijn_einde,gemeente_code,status,status_datum\nP1,Wi2013,asiel,2018-03-01,,,voldaan,\n' }, 'inburgeraar.csv', 2, 'status_datum must be empty'],
    ['a non-integer amount', { 'lening_betaling.csv': 'inburgeraar_id,datum,bedrag_cent\nP1,2019-01-01,12.50\n' }, 'lening_betaling.csv', 2, "'12.50' is not a whole number"],
    ['an invalid date', { 'lening_betaling.csv': 'inburgeraar_id,datum,bedrag_cent\nP1,2019-02-30,100\n' }, 'lening_betaling.csv', 2, "'2019-02-30' is not a valid date"],
    ['a Dutch-style date', { 'lening_betaling.csv': 'inburgeraar_id,datum,bedrag_cent\nP1,1-5-2022,100\n' }, 'lening_betaling.csv', 2, "'1-5-2022' is not a valid date"],
    ['an instant without Z', { 'portaal_inzage.csv': 'signaal_id,ingezien_op,gebruiker\n1,2022-01-06 09:30:00,u\n' }, 'portaal_inzage.csv', 2, 'is not a valid instant'],
    ['a missing required value', { 'gegevenscategorie.csv': 'code,omschrijving,bijzonder\nNAW,,0\n' }, 'gegevenscategorie.csv', 2, 'required value is missing'],
    ['a duplicate primary key', { 'gemeente.csv': 'code,naam,provincie\nGM0363,Amsterdam,\nGM0344,Utrecht,\nGM0363,Again,\n' }, 'gemeente.csv', 4, 'duplicate key'],
    ['broken quoting', { 'gemeente.csv': 'code,naam,provincie\nGM0363,"Amsterdam,\n' }, 'gemeente.csv', 2, 'never closed'],
    ['a wrong field count', { 'gemeente.csv': 'code,naam,provincie\nGM0363,Amsterdam\n' }, 'gemeente.csv', 2, '2 fields instead of 3'],
    ['a file that is not UTF-8', { 'gemeente.csv': new Uint8Array([...Buffer.from('code,naam,provincie\nGM0363,'), 0xe9, 0x0a]) }, 'gemeente.csv', 2, 'not valid UTF-8'],
    ['a missing required table', { 'portaal_inzage.csv': null }, 'portaal_inzage.csv', null, 'required table missing'],
    ['an unknown table file', { 'inburgeraars.csv': 'id\n' }, 'inburgeraars.csv', null, 'unknown table'],
  ];

  it.each(refusals)('refuses %s, naming file and line, and leaves no output', async (name, overrides, file, line, text) => {
    const folder = makeFolder(`bad-${name.replaceAll(' ', '-')}`, overrides);
    const out = join(work, `bad-${name.replaceAll(' ', '-')}.snapshot.age`);
    const error = await sealSnapshot({
      source: folder,
      out,
      recipients: { kind: 'x25519', recipients: [recipient] },
      peildatum: '2023-09-15',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceDataError);
    const refusal = error as SourceDataError;
    expect(refusal.file).toBe(file);
    expect(refusal.line).toBe(line);
    expect(refusal.messageEn).toContain(text);
    expect(refusal.messageNl.startsWith(file)).toBe(true);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to overwrite an existing output without force, before doing any work', async () => {
    const out = join(work, 'exists.snapshot.age');
    writeFileSync(out, 'keep me');
    const error = await sealSnapshot({ source: makeFolder('exists'), out, recipients: { kind: 'x25519', recipients: [recipient] }, peildatum: '2023-09-15' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileExistsError);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
  });

  it('re-keys a snapshot for another recipient without plaintext on disk', async () => {
    const source = join(work, 'rekey-source.snapshot.age');
    const result = await sealSnapshot({ source: makeFolder('rekey'), out: source, recipients: { kind: 'passphrase', passphrase: 'old secret', logN: 10 }, peildatum: '2023-09-15' });
    result.close();
    const other = join(work, 'other-key.txt');
    execFileSync('age-keygen', ['-o', other], { stdio: 'pipe' });
    const otherRecipient = /public key: (age1\S+)/.exec(readFileSync(other, 'utf8'))?.[1] ?? '';
    const out = join(work, 'rekeyed.snapshot.age');
    await rekeySnapshot({ source, key: { kind: 'passphrase', passphrase: 'old secret' }, out, recipients: { kind: 'x25519', recipients: [otherRecipient] } });
    const plaintext = join(shm, 'rekeyed.sqlite');
    execFileSync('age', ['-d', '-i', other, '-o', plaintext, out]);
    try {
      expect(sqliteRows(plaintext, 'inburgeraar').map((r) => r[0])).toEqual(['P1', 'P2', 'P3']);
    } finally {
      rmSync(plaintext, { force: true });
    }
  });

  it('ships a template folder whose headers match the schema', () => {
    const template = join(work, 'template');
    cpSync('docs/snapshot-template', template, { recursive: true });
    for (const [table, columns] of Object.entries(TABLE_COLUMNS)) {
      expect(readFileSync(join(template, `${table}.csv`), 'utf8')).toBe(`${columns.join(',')}\n`);
    }
  });
});

describe('seal from a plaintext SQLite source', () => {
  it('seals an SQLite file made with the sqlite3 CLI and keeps its meta unless overridden', async () => {
    const database = join(shm, 'source.sqlite');
    const schema = readFileSync('shared/snapshot/snapshot-v1.sql', 'utf8');
    const inserts = `
      INSERT INTO meta VALUES ('schema_version','1'),('peildatum','2023-01-01'),('bron','SZW'),('gemeente_jaar','2022'),('titel','uit sqlite');
      INSERT INTO gemeente VALUES ('GM0363','Amsterdam',NULL);
      INSERT INTO inburgeraar VALUES ('P1','Wi2013','asiel','2018-03-01',NULL,'GM0363','lopend',NULL);
      INSERT INTO lening_betaling VALUES ('P1','2019-01-01',950000);
      INSERT INTO gegevenscategorie VALUES ('NAW','NAW',0);
      DROP TABLE dwangbevel; DROP TABLE incident; DROP TABLE kennisgeving; DROP TABLE ind_levering;`;
    execFileSync('sqlite3', [database], { input: `${schema}\n${inserts}` });
    const out = join(work, 'from-sqlite.snapshot.age');
    try {
      const result = await sealSnapshot({ source: database, out, recipients: { kind: 'x25519', recipients: [recipient] }, bron: 'DUO' });
      const meta = Object.fromEntries(result.database.exec('SELECT key, value FROM meta')[0]?.values ?? []);
      const payments = result.database.exec('SELECT bedrag_cent FROM lening_betaling')[0]?.values;
      result.close();
      expect(meta).toMatchObject({ peildatum: '2023-01-01', bron: 'DUO', gemeente_jaar: '2022', titel: 'uit sqlite', schema_version: '1' });
      expect(payments).toEqual([[950000]]);
    } finally {
      rmSync(database, { force: true });
    }
  });

  it('refuses a source that is not SQLite', async () => {
    const notSqlite = join(work, 'plain.txt');
    writeFileSync(notSqlite, 'id,naam\n');
    const error = await sealSnapshot({ source: notSqlite, out: join(work, 'x.snapshot.age'), recipients: { kind: 'x25519', recipients: [recipient] }, peildatum: '2023-09-15' }).catch((e: unknown) => e);
    expect((error as Error).constructor.name).toBe('NotSqliteError');
  });
});
