// The facts read through the b-tree scanner (elip/facts-scan.ts, datalek/facts-scan.ts)
// equal the facts read through SQL, which stay the reference: on random snapshots with
// NULLs, values of the wrong storage class, dates and instants not strictly written,
// municipality codes of every shape, long texts that spill onto overflow pages, blobs and
// non-ASCII text; in the strict schema, one without NOT NULLs, one with a NOCASE column and
// one without the indexes. Skip sets come from the real loader, or are chosen at random (so
// rows the loader would skip are used too, and the scanner must decline them).
import fc from 'fast-check';
import type { Database, SqlValue } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { nodeSqlJsProvider } from '../node/snapshot/sqljs-node';
import { DEFAULT_META_SQL } from '../../test/support/snapshot';
import { openSnapshotFromPlaintext } from '../snapshot/open';
import { SNAPSHOT_SCHEMA_SQL, TABLE_COLUMNS } from '../snapshot/schema';
import { registerImage } from '../snapshot/table-scan';
import { tableLayout } from '../snapshot/table-layout';
import type { OpenedSnapshot, SnapshotTable } from '../snapshot/types';
import { DOELGROEPEN } from '../snapshot/vocabulary';
import { computeLoanTimelines, computePersonFacts } from './elip/facts';
import { scanLoanTimelines, scanPersonFacts } from './elip/facts-scan';
import { computeDatalekFacts } from './datalek/facts';
import { acceptDatalekRows, readDatalekRows, scanUnlawfulSignalRows } from './datalek/facts-scan';
import { computeOverrunFacts } from './boete/facts';
import { scanOverrunFacts } from './boete/facts-scan';
import type { RecordView } from '../snapshot/btree';

const LONG = 'x'.repeat(5000); // longer than a page: the record spills onto overflow pages
const BLOB = Uint8Array.of(0x57, 0x69, 0x32, 0x30, 0x31, 0x33); // the bytes of 'Wi2013'

/** Mostly a valid value, sometimes one of the odd ones. */
const pick = (valid: readonly SqlValue[], odd: readonly SqlValue[]): fc.Arbitrary<SqlValue> =>
  fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });

const PERSONS = ['P1', 'P2', 'P3', 'P4', 'P5', `P6${LONG}`, 'Pé7'];
const DATES = ['2020-01-01', '2021-06-30', '2019-03-01', '2024-02-29', '2022-05-01', '1969-12-31', '0000-01-01', '9999-12-31'];
const ODD_DATES = ['2020-02-30', '2020-13-01', '2020-1-01', '2022-05-01 10:00', 20200101, 2459000.5, '', LONG, BLOB];
const INSTANTS = ['2022-01-01T00:00:00Z', '2022-02-01T00:00:00Z', '2022-01-15T10:00:00Z', '1969-12-31T23:59:59Z', '2023-07-01T12:30:00Z'];
const ODD_INSTANTS = ['2022-01-01 00:00:00', '2022-01-01', '2022-01-01T24:00:00Z', 'gisteren', 1_640_995_200, BLOB];
const GEMEENTEN = ['GM0001', 'GM0002', 'GM0003', null];
const ODD_GEMEENTEN = ['gm0001', 'XX0002', 'GM-1', 'GM', 'G', '', 'GM 001', 'GM0001x', 'GMé1', 'éé0001', 1, 2.5, LONG, BLOB, 'GM0000000000000000001'];

const person = pick(PERSONS, [null, 'PX', 'p1', 1, BLOB]);
const date = pick(DATES, ODD_DATES);
const optionalDate = pick([...DATES, null], ODD_DATES);
const instant = pick(INSTANTS, ODD_INSTANTS);
const optionalInstant = pick([...INSTANTS, null, null], ODD_INSTANTS);
const stelsel = pick(['Wi2007', 'Wi2013', 'Wi2013', 'Wi2021'], ['wi2013', 'Wi2013 ', null, 5, LONG, BLOB]);
const gemeente = pick(GEMEENTEN, ODD_GEMEENTEN);
const signal = pick([1, 2, 3, 4, 5, 6, 7, 8], [99, null, '1', 1.5, 0, -1]);

const inburgeraar = fc.tuple(
  pick(PERSONS, ['PX', `${LONG}y`, 'é', BLOB]), stelsel, pick(['asiel', 'gezin', 'overig'], ['Asiel', null, 1]), date, optionalDate, gemeente,
  pick(['lopend', 'lopend', 'voldaan', 'ontheven', 'vervallen'], ['Lopend', null, 'klaar']), optionalDate,
);
const betaling = fc.tuple(person, date, pick([100, -50, 0, 950_000, 500_000], [12.5, 100.0, '12', '12abc', null, 2 ** 60, BLOB]));
const signaal = fc.tuple(
  pick([1, 2, 3, 4, 5, 6, 7, 8], [null]), person, gemeente, pick(['Wi2013', 'Wi2021'], ['Wi2007', null, 'wi2013', BLOB]), instant, optionalInstant,
);
const gegeven = fc.tuple(signal, pick(['naw', 'bsn', 'strafrecht'], ['onbekend', `naw${LONG}`, 'a\u001fb', 7, BLOB]));
const overrun = fc.tuple(
  pick([1, 2, 3, 4, 5, 6], [null]), person, date, optionalDate, optionalDate,
  pick(['boete', 'verlenging', 'geen_boete', null], ['Boete', 'boete ', 5, BLOB]), optionalDate, pick([34_000, null], [12.5]),
);
const inzage = fc.tuple(signal, instant, pick(['u1', 'u2', 'u3'], [null, 5, 1.5, BLOB]));

const SCHEMAS = {
  strict: SNAPSHOT_SCHEMA_SQL,
  /** NULL where the strict schema forbids it (a WITHOUT ROWID key still may not be NULL). */
  nullable: SNAPSHOT_SCHEMA_SQL.replaceAll(' NOT NULL', ''),
  /** A column compared under another collation: the scanner declines. */
  nocase: SNAPSHOT_SCHEMA_SQL.replace('stelsel       TEXT NOT NULL', 'stelsel       TEXT NOT NULL COLLATE NOCASE'),
  /** No indexes: other query plans. */
  unindexed: SNAPSHOT_SCHEMA_SQL.replace(/CREATE INDEX[^;]*;/g, ''),
} as const;

const snapshotCase = fc.record({
  schema: fc.constantFrom<keyof typeof SCHEMAS>('strict', 'strict', 'nullable', 'nullable', 'nocase', 'unindexed'),
  inburgeraar: fc.array(inburgeraar, { maxLength: 9 }),
  // Often the signal's own person's stelsel and municipality, so some signals are lawful.
  lening_betaling: fc.array(betaling, { maxLength: 25 }),
  portaal_signaal: fc.array(fc.tuple(signaal, fc.boolean()), { maxLength: 10 }),
  signaal_gegeven: fc.array(gegeven, { maxLength: 14 }),
  portaal_inzage: fc.array(inzage, { maxLength: 14 }),
  termijnoverschrijding: fc.array(overrun, { maxLength: 8 }),
  gegevenscategorie: fc.subarray(['naw', 'bsn', 'strafrecht']),
  /** Random skip sets instead of the loader's (indices into the rows). */
  chosenSkips: fc.option(fc.record({
    persons: fc.subarray(PERSONS),
    overruns: fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 3 }),
    payments: fc.array(fc.integer({ min: 1, max: 25 }), { maxLength: 5 }),
    signals: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 3 }),
    views: fc.array(fc.integer({ min: 1, max: 14 }), { maxLength: 4 }),
  }), { nil: null }),
  checks: fc.constantFrom<'all' | 'when-needed'>('all', 'when-needed'),
});

type SnapshotCase = typeof snapshotCase extends fc.Arbitrary<infer T> ? T : never;

function insertRows(db: Database, table: string, rows: readonly SqlValue[][]): void {
  const columns = TABLE_COLUMNS[table as SnapshotTable];
  const insert = db.prepare(`INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  for (const row of rows) insert.run(row);
  insert.free();
}

async function buildImage(test: SnapshotCase): Promise<Uint8Array> {
  const SQL = await nodeSqlJsProvider();
  const db = new SQL.Database();
  try {
    db.run('PRAGMA ignore_check_constraints = ON');
    db.run(SCHEMAS[test.schema]);
    db.run(DEFAULT_META_SQL);
    insertRows(db, 'gemeente', [['GM0001', 'Eerste', null], ['GM0002', 'Tweede', null], ['XX0002', 'Vreemd', null]]);
    insertRows(db, 'gegevenscategorie', test.gegevenscategorie.map((code) => [code, code, code === 'strafrecht' ? 1 : 0]));
    insertRows(db, 'inburgeraar', test.inburgeraar);
    insertRows(db, 'lening_betaling', test.lening_betaling);
    // A signal that copies its person's stelsel and municipality is lawful.
    const personRow = new Map(test.inburgeraar.map((row) => [row[0], row]));
    insertRows(db, 'portaal_signaal', test.portaal_signaal.map(([row, lawful]) => {
      const own = personRow.get(row[1]);
      return lawful && own !== undefined ? [row[0], row[1], own[5] ?? null, own[1] ?? null, row[4], row[5]] : row;
    }));
    insertRows(db, 'signaal_gegeven', test.signaal_gegeven);
    insertRows(db, 'portaal_inzage', test.portaal_inzage);
    insertRows(db, 'termijnoverschrijding', test.termijnoverschrijding);
    return db.export();
  } finally {
    db.close();
  }
}

/** The snapshot as the loader opens it (its skip sets), or with randomly chosen skip sets. */
async function openCase(test: SnapshotCase, image: Uint8Array): Promise<OpenedSnapshot> {
  const provider = nodeSqlJsProvider;
  if (test.chosenSkips === null) {
    return openSnapshotFromPlaintext(image, { sha256: '0'.repeat(64), fileSize: image.length, keyKind: 'passphrase' }, provider, { checks: test.checks });
  }
  // A loader that skips what the test chose, with TEMP tables and JavaScript sets that agree.
  const SQL = await provider();
  const db = new SQL.Database(image);
  const chosen = test.chosenSkips;
  const skipped: Partial<Record<SnapshotTable, ReadonlySet<number>>> = {};
  const skippedKeys: Partial<Record<SnapshotTable, ReadonlySet<string>>> = {};
  const keys = { gemeente: 'code', inburgeraar: 'id', gegevenscategorie: 'code', signaal_gegeven: 'signaal_id, categorie' } as const;
  for (const [table, key] of Object.entries(keys)) {
    db.run(`CREATE TEMP TABLE skip_${table} (${key}, PRIMARY KEY (${key})) WITHOUT ROWID`);
    skippedKeys[table as SnapshotTable] = new Set();
  }
  const insertKey = db.prepare('INSERT OR IGNORE INTO temp.skip_inburgeraar VALUES (?)');
  for (const id of chosen.persons) insertKey.run([id]);
  insertKey.free();
  skippedKeys.inburgeraar = new Set(chosen.persons);
  const rowids = { lening_betaling: chosen.payments, portaal_signaal: chosen.signals, portaal_inzage: chosen.views, termijnoverschrijding: chosen.overruns } as const;
  for (const table of ['lening_betaling', 'portaal_signaal', 'portaal_inzage', 'termijnoverschrijding'] as const) {
    db.run(`CREATE TEMP TABLE skip_${table} (rid INTEGER PRIMARY KEY)`);
    for (const rowid of rowids[table]) db.run(`INSERT OR IGNORE INTO temp.skip_${table} VALUES (${rowid})`);
    skipped[table] = new Set(rowids[table]);
  }
  registerImage(db, image);
  return {
    db, meta: { schema_version: '1', peildatum: '2023-09-15', bron: 'DUO', gemeente_jaar: '2023' }, sha256: '0'.repeat(64), digested: Promise.resolve('0'.repeat(64)), fileSize: 0,
    keyKind: 'passphrase', rowCounts: {}, optionalTables: { dwangbevel: true, incident: true, kennisgeving: true, ind_levering: true }, findings: [],
    skipped, skippedKeys, ensureChecked: () => undefined, findingsOf: () => [], checksComplete: true, close: () => db.close(),
  };
}

describe('facts read through the b-tree scanner', () => {
  it('are tested on the schema variants meant', () => {
    expect(SCHEMAS.nocase).not.toBe(SCHEMAS.strict);
    expect(SCHEMAS.unindexed).not.toContain('CREATE INDEX');
  });

  it('equal the facts read through SQL on random snapshots', async () => {
    const taken = { persons: 0, loans: 0, signals: 0, declined: 0, aheadSignals: 0, aheadViews: 0, aheadViewsDeclined: 0, aheadDeclined: 0, paymentsAlong: 0, overruns: 0, overrunsAlong: 0 };
    await fc.assert(
      fc.asyncProperty(snapshotCase, async (test) => {
        const image = await buildImage(test);
        const snapshot = await openCase(test, image);
        const checkReading = snapshot.checkReading?.bind(snapshot);
        if (checkReading !== undefined) {
          // Count the loan payments read in lening_betaling's check (scanLoanTimelines rides it).
          snapshot.checkReading = (tables, riders) => {
            const counted = new Map([...riders].map(([table, rider]) => [table, {
              row: (row: RecordView) => rider.row(row),
              done: () => {
                if (table === 'lening_betaling') taken.paymentsAlong++;
                if (table === 'termijnoverschrijding') taken.overrunsAlong++;
                rider.done();
              },
            }]));
            checkReading(tables, counted);
          };
        }
        try {
          const reference = computePersonFacts(snapshot.db);
          const scanned = scanPersonFacts(snapshot);
          if (scanned === null) taken.declined++;
          else {
            taken.persons++;
            expect(scanned).toEqual(reference);
          }
          for (const doelgroep of DOELGROEPEN) {
            const loans = scanLoanTimelines(snapshot, reference, doelgroep);
            if (loans === null) taken.declined++;
            else {
              if (loans.day.length > 0) taken.loans++;
              expect(loans).toEqual(computeLoanTimelines(snapshot.db, reference, doelgroep));
            }
          }
          const overruns = scanOverrunFacts(snapshot);
          if (overruns === null) taken.declined++;
          else if (overruns.count > 0) taken.overruns++;
          if (overruns !== null) expect(overruns).toEqual(computeOverrunFacts(snapshot.db));
          const rows = scanUnlawfulSignalRows(snapshot);
          if (rows !== null && rows.length > 0) taken.signals++;
          const datalekReference = computeDatalekFacts(snapshot, { sqlOnly: true });
          expect(computeDatalekFacts(snapshot)).toEqual(datalekReference);
          // The same rows read ahead from the image alone (the app's scan worker), whatever the skip sets.
          const ahead = readDatalekRows(image, (table) => tableLayout(snapshot.db, table));
          if (ahead === null) taken.aheadDeclined++;
          else {
            if ((ahead.signals?.length ?? 0) > 0) taken.aheadSignals++;
            if (ahead.views === null) taken.aheadViewsDeclined++;
            else if ((ahead.views?.length ?? 0) > 0) taken.aheadViews++;
            acceptDatalekRows(snapshot.db, ahead);
            expect(computeDatalekFacts(snapshot)).toEqual(datalekReference);
          }
        } finally {
          snapshot.close();
        }
      }),
      { numRuns: Number(process.env.FACTS_RUNS ?? 300) },
    );
    // Each scanner was used on rows, and declined too.
    expect(taken.persons).toBeGreaterThan(5);
    expect(taken.loans).toBeGreaterThan(3);
    expect(taken.signals).toBeGreaterThan(3);
    expect(taken.declined).toBeGreaterThan(3);
    expect(taken.aheadSignals).toBeGreaterThan(3);
    expect(taken.paymentsAlong).toBeGreaterThan(10);
    expect(taken.overruns).toBeGreaterThan(10);
    expect(taken.overrunsAlong).toBeGreaterThan(10);
    expect(taken.aheadViews).toBeGreaterThan(3);
    expect(taken.aheadViewsDeclined).toBeGreaterThan(3);
    expect(taken.aheadDeclined).toBeGreaterThan(3);
  }, 300_000);

  it('keep the order SQL gives the views of few unlawful signals, which SQL reads through its index', async () => {
    // Ten signals, two unlawful (3 and 7: another municipality), so the views are read by
    // signaal_id IN (…); stored as 7, 3, 7, 3 they come in as 3, 3, 7, 7 from the index.
    const test: SnapshotCase = {
      schema: 'strict', inburgeraar: [['P1', 'Wi2013', 'asiel', '2020-01-01', null, 'GM0001', 'lopend', null]], lening_betaling: [],
      portaal_signaal: Array.from({ length: 10 }, (_, index) => [
        [index + 1, 'P1', index === 2 || index === 6 ? 'GM0002' : 'GM0001', 'Wi2013', '2022-01-01T00:00:00Z', null], false,
      ] as [[SqlValue, SqlValue, SqlValue, SqlValue, SqlValue, SqlValue], boolean]),
      signaal_gegeven: [], gegevenscategorie: [], termijnoverschrijding: [], chosenSkips: null, checks: 'all',
      portaal_inzage: [[7, '2022-02-01T00:00:00Z', 'u1'], [3, '2022-02-01T00:00:00Z', 'u2'], [7, '2022-01-15T10:00:00Z', 'u3'], [3, '2021-12-31T23:59:59Z', 'u1']],
    };
    const snapshot = await openCase(test, await buildImage(test));
    try {
      const facts = computeDatalekFacts(snapshot);
      expect(facts.userNames).toEqual(['u2', 'u1', 'u3']);
      expect(facts).toEqual(computeDatalekFacts(snapshot, { sqlOnly: true }));
      // Read ahead, the views come in rowid order (7, 3, 7, 3) and are put in the index's order here.
      const ahead = readDatalekRows(snapshot.db.export(), (table) => tableLayout(snapshot.db, table));
      expect(ahead?.views?.map((row) => row[1])).toEqual([7, 3, 7, 3]);
      acceptDatalekRows(snapshot.db, ahead!);
      expect(computeDatalekFacts(snapshot)).toEqual(facts);
    } finally {
      snapshot.close();
    }
  });

  it('take the rows read ahead once, instead of reading the tables again', async () => {
    const test: SnapshotCase = {
      schema: 'strict', inburgeraar: [['P1', 'Wi2013', 'asiel', '2020-01-01', null, 'GM0001', 'lopend', null]], lening_betaling: [],
      portaal_signaal: [[[1, 'P1', 'GM0002', 'Wi2013', '2022-01-01T00:00:00Z', null], false], [[2, 'P1', 'GM0002', 'Wi2013', '2022-01-01T00:00:00Z', null], false]],
      signaal_gegeven: [], gegevenscategorie: [], termijnoverschrijding: [], chosenSkips: null, checks: 'all',
      portaal_inzage: [[1, '2022-02-01T00:00:00Z', 'u1'], [2, '2022-02-01T00:00:00Z', 'u2']],
    };
    const image = await buildImage(test);
    const snapshot = await openCase(test, image);
    try {
      const ahead = readDatalekRows(image, (table) => tableLayout(snapshot.db, table))!;
      expect(ahead.signals?.map((row) => row[0])).toEqual([1, 2]);
      expect(ahead.views?.map((row) => row.slice(0, 2))).toEqual([[1, 1], [2, 2]]);
      // Rows handed over are what the facts read: only signal 1 and its view, here.
      acceptDatalekRows(snapshot.db, { signals: ahead.signals!.slice(0, 1), views: ahead.views!.slice(0, 1) });
      const fromAhead = computeDatalekFacts(snapshot);
      expect([fromAhead.signalCount, fromAhead.windowViewTime.length, fromAhead.userNames]).toEqual([1, 1, ['u1']]);
      // Taken once: the next facts read the tables.
      const read = computeDatalekFacts(snapshot);
      expect([read.signalCount, read.userNames]).toEqual([2, ['u1', 'u2']]);
      // Without a table's layout nothing is read ahead (this thread then reads through SQL or its own scan).
      expect(readDatalekRows(image, (table) => (table === 'portaal_inzage' ? null : tableLayout(snapshot.db, table)))).toBeNull();
    } finally {
      snapshot.close();
    }
  });
});
