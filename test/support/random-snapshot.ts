// Random snapshots for property tests: mostly valid rows with every kind of defect mixed
// in, in the strict schema or the loose one (no types, keys or CHECKs), as SQLite images
// built by sql.js. Shared by the scanner's and the on-demand image's property tests.
// Test-only.
import fc from 'fast-check';
import type { SqlValue } from 'sql.js';
import { nodeSqlJsProvider } from '../../shared/node/snapshot/sqljs-node';
import { SNAPSHOT_SCHEMA_SQL, TABLE_COLUMNS } from '../../shared/snapshot/schema';
import type { SnapshotTable } from '../../shared/snapshot/types';
import { DEFAULT_META_SQL, LOOSE_SCHEMA_SQL } from './snapshot';

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

export const TABLES = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];

export const snapshotCase = fc.record({
  schema: fc.constantFrom<'strict' | 'loose'>('strict', 'strict', 'strict', 'loose'),
  rows: fc.record(
    Object.fromEntries(TABLES.map((table) => [table, fc.array(fc.tuple(...COLUMNS[table]), { maxLength: 6 })])) as {
      [T in (typeof TABLES)[number]]: fc.Arbitrary<SqlValue[][]>;
    },
  ),
});

export type SnapshotCase = typeof snapshotCase extends fc.Arbitrary<infer T> ? T : never;

export async function buildImage(test: SnapshotCase): Promise<Uint8Array> {
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

