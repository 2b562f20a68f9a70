// The scanner's fast path never changes a finding: on random snapshots (strict and loose
// schemas, mostly valid rows with every kind of defect mixed in) the findings, row counts
// and skip sets with the b-tree scanner equal those of the SQL checks alone.
import fc from 'fast-check';
import type { SqlValue } from 'sql.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeSqlJsProvider } from '../node/snapshot/sqljs-node';
import { DEFAULT_META_SQL, LOOSE_SCHEMA_SQL } from '../../test/support/snapshot';
import { runFindings, SnapshotChecks } from './findings';
import { FindingsScanner } from './findings-scan';
import { openSnapshotFromPlaintext } from './open';
import { SNAPSHOT_SCHEMA_SQL, TABLE_COLUMNS } from './schema';
import { OPTIONAL_TABLES, REQUIRED_TABLES, type SnapshotTable } from './types';

/** Mostly a valid value, sometimes one of the defects. */
const pick = (valid: readonly SqlValue[], invalid: readonly SqlValue[]): fc.Arbitrary<SqlValue> =>
  fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });

const PERSONS = ['P1', 'P2', 'P3', 'P4'];
const DATES = ['2020-01-01', '2021-06-30', '2019-03-01', '2024-02-29', '0000-01-01', '9999-12-31'];
const BAD_DATES = ['2020-02-30', '2023-02-29', '2020-13-01', '2020/01/01', '2020-1-01', 20200101, '', null];
const INSTANTS = ['2022-01-01T00:00:00Z', '2022-02-01T00:00:00Z', '2022-01-15T10:00:00Z', '2021-12-31T23:59:59Z'];
const BAD_INSTANTS = ['2022-01-01 00:00:00', '2022-01-01T24:00:00Z', '2022-01-01T00:00:00z', '2022-01-01T00:60:00Z', '2022-02-30T00:00:00Z', null, 5];

const person = pick(PERSONS, ['PX', null, 'p1', 1]);
const date = pick(DATES, BAD_DATES);
const optionalDate = pick([...DATES, null], BAD_DATES.filter((value) => value !== null));
const instant = pick(INSTANTS, BAD_INSTANTS);
const optionalInstant = pick([...INSTANTS, null], BAD_INSTANTS.filter((value) => value !== null));
const gemeente = pick(['GM0363', 'GM0599'], ['AMS', 'gm0363', 'GM036', null, 363]);
const signal = pick([1, 2, 3], [99, null, '1', 1.5]);

/** Generators per column (the strict schema's column order). */
const COLUMNS: Record<Exclude<SnapshotTable, 'meta'>, fc.Arbitrary<SqlValue>[]> = {
  gemeente: [gemeente, pick(['Amsterdam', 'Rotterdam'], [null]), fc.constant(null)],
  gegevenscategorie: [pick(['naw', 'bsn', 'strafrecht'], [null, 'x']), pick(['Naam'], [null]), pick([0, 1], [2, '1', null, 0.5])],
  incident: [
    pick(['I1', 'I2'], [null]), pick(['Lek'], [null]), pick(['datalek', 'vertraging', 'overig'], ['brand', null]),
    instant, optionalInstant, optionalInstant, optionalInstant, fc.constant(null),
  ],
  inburgeraar: [
    pick(PERSONS, [null, 'PX']), pick(['Wi2007', 'Wi2013', 'Wi2021'], ['Wi2099', null, 'wi2013']),
    pick(['asiel', 'gezin', 'overig'], ['vluchteling', null]), date, optionalDate, gemeente,
    pick(['lopend', 'voldaan', 'ontheven', 'vervallen'], ['klaar', null, 'Lopend']), optionalDate,
  ],
  lening_betaling: [person, date, pick([100, -50, 0, 950_000], [12.5, '12', null])],
  termijnoverschrijding: [
    pick([1, 2, 3, 4], [null]), person, date, optionalDate, optionalDate,
    pick(['boete', 'verlenging', 'geen_boete', null], ['sanctie']), optionalDate, pick([34_000, null, 0], [-100, 12.5]),
  ],
  dwangbevel: [pick([1, 2, 3], [null]), person, pick(['boete', 'lening'], ['huur', null]), date, optionalDate],
  kennisgeving: [person, pick(['Wi2013', 'Wi2021'], ['Wi2007', null]), date],
  ind_levering: [person, date, optionalDate],
  portaal_signaal: [
    pick([1, 2, 3, 4], [null]), person, gemeente, pick(['Wi2013', 'Wi2021'], ['Wi2007', null]), instant, optionalInstant,
  ],
  signaal_gegeven: [signal, pick(['naw', 'bsn', 'strafrecht'], ['onbekend', null])],
  portaal_inzage: [signal, instant, pick(['u1', 'u2'], [null])],
};

const TABLES = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];

const snapshotCase = fc.record({
  schema: fc.constantFrom<'strict' | 'loose'>('strict', 'strict', 'strict', 'loose'),
  rows: fc.record(
    Object.fromEntries(TABLES.map((table) => [table, fc.array(fc.tuple(...COLUMNS[table]), { maxLength: 6 })])) as {
      [T in (typeof TABLES)[number]]: fc.Arbitrary<SqlValue[][]>;
    },
  ),
});

type SnapshotCase = typeof snapshotCase extends fc.Arbitrary<infer T> ? T : never;

async function buildImage(test: SnapshotCase): Promise<Uint8Array> {
  const SQL = await nodeSqlJsProvider();
  const db = new SQL.Database();
  try {
    db.run('PRAGMA ignore_check_constraints = ON');
    db.run(test.schema === 'strict' ? SNAPSHOT_SCHEMA_SQL : LOOSE_SCHEMA_SQL);
    db.run(DEFAULT_META_SQL);
    for (const table of TABLES) {
      const columns = TABLE_COLUMNS[table];
      const insert = db.prepare(`INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of test.rows[table]) insert.run(row);
      insert.free();
    }
    return db.export();
  } finally {
    db.close();
  }
}

const PRESENT: SnapshotTable[] = [...REQUIRED_TABLES, ...OPTIONAL_TABLES];

async function outcome(image: Uint8Array, withScanner: boolean) {
  const SQL = await nodeSqlJsProvider();
  const db = new SQL.Database(image);
  try {
    return runFindings(db, PRESENT, withScanner ? { image } : {});
  } finally {
    db.close();
  }
}

describe('findings with the b-tree scanner', () => {
  afterEach(() => vi.restoreAllMocks());

  it('equal the SQL checks alone on random snapshots', async () => {
    const clean = vi.spyOn(FindingsScanner.prototype, 'cleanRowCount');
    await fc.assert(
      fc.asyncProperty(snapshotCase, async (test) => {
        const image = await buildImage(test);
        const [fast, sql] = [await outcome(image, true), await outcome(image, false)];
        expect(fast).toEqual(sql);
      }),
      { numRuns: 60 },
    );
    // The fast path was taken (and found tables clean) as well as declined.
    const verdicts = clean.mock.results.map((result) => result.value as number | null);
    expect(verdicts.some((value) => value !== null && value > 0)).toBe(true);
    expect(verdicts.some((value) => value === null)).toBe(true);
  }, 240_000);

  it('give the same findings and skip sets when tables are checked only when needed, in any order', async () => {
    const subsets = fc.array(fc.subarray(PRESENT, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(snapshotCase, subsets, async (test, steps) => {
        const image = await buildImage(test);
        const full = await outcome(image, true);
        const SQL = await nodeSqlJsProvider();
        const db = new SQL.Database(image);
        try {
          const checks = new SnapshotChecks(db, PRESENT, { image });
          for (const tables of steps) {
            checks.check(tables);
            for (const table of tables) {
              expect(checks.isChecked(table)).toBe(true);
              expect(checks.findingsOf([table])).toEqual(full.findings.filter((finding) => finding.table === table));
              const skipped = checks.hasRowid(table) ? checks.skippedRowsOf(table) : checks.skippedKeysOf(table);
              expect(skipped).toEqual(checks.hasRowid(table) ? full.skipped[table] : full.skippedKeys[table]);
            }
          }
          // A table nobody asked for has no skip table yet: SQL that reads it fails loudly.
          const unchecked = PRESENT.filter((table) => !checks.isChecked(table));
          for (const table of unchecked) expect(() => db.exec(`SELECT * FROM temp.skip_${table}`)).toThrow(/no such table/);
          expect(checks.complete).toBe(unchecked.length === 0);
          expect(checks.outcome()).toEqual(full);
        } finally {
          db.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 240_000);

  it('count rows before any check exactly as the checks count them', async () => {
    await fc.assert(
      fc.asyncProperty(snapshotCase, async (test) => {
        const image = await buildImage(test);
        const full = await outcome(image, true);
        const opened = await openSnapshotFromPlaintext(
          image.slice(), { sha256: '0'.repeat(64), fileSize: image.length, keyKind: 'passphrase' }, nodeSqlJsProvider, { checks: 'when-needed' },
        );
        try {
          expect(opened.rowCounts).toEqual(full.rowCounts);
          expect(opened.checksComplete).toBe(false);
        } finally {
          opened.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 240_000);

  it('report the tables one by one', async () => {
    const image = await buildImage({ schema: 'strict', rows: Object.fromEntries(TABLES.map((table) => [table, []])) as never });
    const SQL = await nodeSqlJsProvider();
    const db = new SQL.Database(image);
    const seen: string[] = [];
    runFindings(db, PRESENT, { image, onTable: (done, total, table) => seen.push(`${done}/${total} ${table}`) });
    db.close();
    expect(seen).toHaveLength(PRESENT.length);
    expect(seen[0]).toBe(`1/${PRESENT.length} meta`);
    expect(seen.at(-1)).toBe(`${PRESENT.length}/${PRESENT.length} portaal_inzage`);
  });
});
