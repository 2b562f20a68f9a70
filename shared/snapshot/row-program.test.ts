// The compiled RowProgram of the scanner (row-tests.ts) gives, row by row, exactly the
// verdict of the rule-by-rule tests it replaced: the reference implementation below is
// that earlier code (a closure per rule over RecordView's accessors, dates read through
// the string rules of shared/dates.ts, keys in a plain Set), run on random rows of every
// storage class — NULLs, integers of every width and sign, reals, blobs, valid and
// almost-valid dates and instants, non-ASCII text, '1' against 1 against '01' — in
// tables with and without type affinity, with references to random parent keys.
import fc from 'fast-check';
import type { SqlValue } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { nodeSqlJsProvider } from '../node/snapshot/sqljs-node';
import { dayNumber, secondsOfInstant } from '../dates';
import { SqliteImage, type RecordView } from './btree';
import { ByteKeys, IntegerMap } from './key-sets';
import { RowProgram, type ParentKeys, type ScanTest, type Windows } from './row-tests';
import { ROWID_COLUMN, tableLayout, type TableLayout } from './table-layout';

const COLUMNS = ['status', 'status_datum', 'x', 'signaal_id', 'ingezien_op'] as const;

const VALUES: SqlValue[] = [
  null, 0, 1, -1, 7, 127, -128, 300, -40_000, 2 ** 31, -(2 ** 40), 2 ** 53 - 1, 1.5, 2.0, -0.25,
  '', '1', '01', 'lopend', 'Lopend', 'voldaan', 'lopend ', 'GM0363', 'GM036x', 'gm0363', 'GM03634', 'é', 'P0000001', 'P0000002', 'P0000003',
  '2020-01-01', '2020-02-29', '2021-02-29', '2020-13-01', '2020-1-01', '0000-01-01', '9999-12-31', '2020/01/01', '2020-01-0a', '2019-12-31',
  '2022-01-01T00:00:00Z', '2022-01-15T10:00:00Z', '2021-12-31T23:59:59Z', '2022-01-01T24:00:00Z', '2022-01-01T00:60:00Z',
  '2022-01-01 00:00:00', '2022-01-01T00:00:00z', '2022-02-30T00:00:00Z', '2022-03-01T12:00:00Z',
  new Uint8Array([0x32, 0x30]), new Uint8Array([]),
];

const scanTest: fc.Arbitrary<ScanTest> = fc.oneof(
  fc.record({ test: fc.constantFrom('not-null', 'date', 'instant', 'whole-cents', 'gemeente-code', 'not-negative'), column: fc.constantFrom(...COLUMNS, 'id', 'missing') }) as fc.Arbitrary<ScanTest>,
  fc.record({
    test: fc.constant('one-of' as const),
    column: fc.constantFrom(...COLUMNS, 'id'),
    values: fc.constantFrom<(string | number)[]>(['lopend', 'voldaan'], ['1', 'é', ''], [0, 1], [1, 300, -1], [1, 'lopend'], [1.5]),
  }),
  fc.constant({ test: 'lopend-without-date' as const }),
  fc.record({ test: fc.constant('both-or-neither' as const), first: fc.constantFrom(...COLUMNS), second: fc.constantFrom(...COLUMNS) }),
  fc.record({ test: fc.constant('not-before' as const), later: fc.constantFrom(...COLUMNS), earlier: fc.constantFrom(...COLUMNS), instants: fc.boolean() }),
);

// ── the reference: the per-rule closures the program replaced ──────────────────────────

type Oracle = (row: RecordView) => boolean;
const encoder = new TextEncoder();
const day = (row: RecordView, index: number) => (index >= 0 && row.type(index) === 33 ? dayNumber(row.text(index)) : Number.NaN);
const seconds = (row: RecordView, index: number) =>
  index >= 0 && row.type(index) === 53 ? (secondsOfInstant(row.text(index)) ?? Number.NaN) : Number.NaN;

function oracle(test: ScanTest, layout: TableLayout): Oracle | null {
  const at = (name: string) => layout.columns.get(name);
  const plain = (name: string) => {
    const index = at(name);
    return index === undefined || index === ROWID_COLUMN ? undefined : index;
  };
  switch (test.test) {
    case 'not-null': {
      const index = at(test.column);
      if (index === undefined) return null;
      return index === ROWID_COLUMN ? () => true : (row) => row.type(index) !== 0;
    }
    case 'one-of': {
      const index = plain(test.column);
      if (index === undefined) return null;
      if (test.values.every((value) => typeof value === 'string')) {
        const allowed = test.values.map((value) => encoder.encode(String(value)));
        return (row) => row.type(index) === 0 || allowed.some((bytes) => row.textEquals(index, bytes));
      }
      if (test.values.every((value) => typeof value === 'number' && Number.isInteger(value)) && !layout.realAffinity.has(test.column)) {
        const allowed = new Set(test.values);
        return (row) => row.type(index) === 0 || (row.isInteger(index) && allowed.has(row.integer(index)));
      }
      return null;
    }
    case 'date': {
      const index = plain(test.column);
      return index === undefined ? null : (row) => row.type(index) === 0 || !Number.isNaN(day(row, index));
    }
    case 'instant': {
      const index = plain(test.column);
      return index === undefined ? null : (row) => row.type(index) === 0 || !Number.isNaN(seconds(row, index));
    }
    case 'whole-cents': {
      const index = plain(test.column);
      if (index === undefined || layout.realAffinity.has(test.column)) return null;
      return (row) => row.type(index) === 0 || row.isInteger(index);
    }
    case 'gemeente-code': {
      const index = plain(test.column);
      if (index === undefined) return null;
      return (row) => row.type(index) === 0 || (row.isText(index) && /^GM[0-9]{4}$/.test(row.text(index)));
    }
    case 'lopend-without-date': {
      const status = plain('status');
      const date = plain('status_datum');
      if (status === undefined || date === undefined) return null;
      return (row) => row.type(status) === 0 || row.textEquals(status, encoder.encode('lopend')) === (row.type(date) === 0);
    }
    case 'both-or-neither': {
      const first = plain(test.first);
      const second = plain(test.second);
      if (first === undefined || second === undefined) return null;
      return (row) => (row.type(first) === 0) === (row.type(second) === 0);
    }
    case 'not-before': {
      const later = plain(test.later);
      const earlier = plain(test.earlier);
      if (later === undefined || earlier === undefined) return null;
      const value = test.instants ? seconds : day;
      return (row) => !(value(row, later) < value(row, earlier));
    }
    case 'not-negative': {
      const index = plain(test.column);
      if (index === undefined || layout.realAffinity.has(test.column)) return null;
      return (row) => !(row.isInteger(index) && row.integer(index) < 0);
    }
  }
}

function referenceOracle(column: string, layout: TableLayout, text: Set<string>, integers: Set<number>): Oracle | null {
  const index = layout.columns.get(column);
  if (index === undefined || index === ROWID_COLUMN || layout.realAffinity.has(column)) return null;
  return (row) => {
    if (row.type(index) === 0) return true;
    if (row.isInteger(index)) return integers.has(row.integer(index));
    if (!row.isText(index)) return false;
    return text.has(String.fromCharCode(...row.raw(index)));
  };
}

function windowOracle(layout: TableLayout, windows: Map<number, [number, number]>): Oracle | null {
  const signal = layout.columns.get('signaal_id');
  const seen = layout.columns.get('ingezien_op');
  if (signal === undefined || signal === ROWID_COLUMN || seen === undefined || seen === ROWID_COLUMN) return null;
  return (row) => {
    if (!row.isInteger(signal)) return false;
    const window = windows.get(row.integer(signal));
    const time = seconds(row, seen);
    return window !== undefined && time >= window[0] && time < window[1];
  };
}

/** Every single rule on every column: each is compiled and compared on its own in every case. */
const EVERY_TEST: ScanTest[] = [
  ...(['not-null', 'date', 'instant', 'whole-cents', 'gemeente-code', 'not-negative'] as const).flatMap((kind) =>
    [...COLUMNS, 'id', 'missing'].map((column): ScanTest => ({ test: kind, column }))),
  ...[['lopend', 'voldaan'], ['1', 'é', ''], [0, 1], [1, 300, -1], [1, 'lopend'], [1.5]].flatMap((values) =>
    [...COLUMNS, 'id'].map((column): ScanTest => ({ test: 'one-of', column, values }))),
  { test: 'lopend-without-date' },
  ...COLUMNS.flatMap((first) => COLUMNS.map((second): ScanTest => ({ test: 'both-or-neither', first, second }))),
  ...COLUMNS.flatMap((later) =>
    COLUMNS.flatMap((earlier) => [true, false].map((instants): ScanTest => ({ test: 'not-before', later, earlier, instants })))),
];

// ── the cases ──────────────────────────────────────────────────────────────────────────

const parentKey = fc.constantFrom<string | number>('P0000001', 'P0000002', 'P0000003', '1', '01', 'é', 'lopend', '', 1, 7, 300, -1, 2 ** 31);

const programCase = fc.record({
  affinity: fc.constantFrom('', 'TEXT', 'INTEGER', 'REAL', 'NUMERIC'),
  alias: fc.boolean(),
  rows: fc.array(fc.array(fc.constantFrom(...VALUES), { minLength: COLUMNS.length, maxLength: COLUMNS.length }), { minLength: 1, maxLength: 40 }),
  tests: fc.array(scanTest, { maxLength: 6 }),
  keys: fc.array(parentKey, { maxLength: 12 }),
  sortKeys: fc.boolean(),
  reference: fc.constantFrom(...COLUMNS, 'id'),
  windows: fc.array(fc.tuple(fc.integer({ min: -1, max: 8 }), fc.constantFrom(...VALUES.filter((value) => typeof value === 'string' && value.length === 20))), { maxLength: 6 }),
});

describe('the compiled row program', () => {
  it('gives every row the verdict of the per-rule tests it replaced', async () => {
    const SQL = await nodeSqlJsProvider();
    let compared = 0;
    fc.assert(
      fc.property(programCase, (test) => {
        const db = new SQL.Database();
        try {
          const declared = COLUMNS.map((name) => `${name} ${test.affinity}`).join(', ');
          db.run(`CREATE TABLE t (id ${test.alias ? 'INTEGER PRIMARY KEY' : ''}, ${declared})`);
          const insert = db.prepare(`INSERT INTO t VALUES (?, ${COLUMNS.map(() => '?').join(', ')})`);
          test.rows.forEach((row, index) => insert.run([index + 1, ...row]));
          insert.free();
          const bytes = db.export();
          const layout = tableLayout(db, 't')!;

          const programs: [RowProgram, Oracle][] = [];
          const all = new RowProgram(layout);
          const allOracles: Oracle[] = [];
          let allDecided = true;
          for (const scan of EVERY_TEST) {
            const program = new RowProgram(layout);
            const expected = oracle(scan, layout);
            expect(program.addTest(scan)).toBe(expected !== null);
            if (expected !== null) programs.push([program, expected]);
          }
          // A few rules together in one program: a row passes when it passes each.
          for (const scan of test.tests) {
            const expected = oracle(scan, layout);
            if (expected === null || !all.addTest(scan)) allDecided = false;
            else allOracles.push(expected);
          }

          // A parent's keys, text by bytes and integers by value, in the scanner's structures.
          const keys: ParentKeys = { column: 'k', text: new ByteKeys(), integer: new IntegerMap() };
          const textKeys = new Set<string>();
          const integerKeys = new Set<number>();
          const parentTexts = test.keys.filter((key): key is string => typeof key === 'string').map((key) => encoder.encode(key));
          if (test.sortKeys) parentTexts.sort((a, b) => Buffer.compare(a, b));
          for (const key of parentTexts) {
            keys.text.add(key, 0, key.length);
            textKeys.add(String.fromCharCode(...key));
          }
          for (const key of test.keys) {
            if (typeof key !== 'number') continue;
            keys.integer.set(key, 1);
            integerKeys.add(key);
          }
          const reference = new RowProgram(layout);
          const referenceExpected = referenceOracle(test.reference, layout, textKeys, integerKeys);
          expect(reference.addReference(test.reference, keys)).toBe(referenceExpected !== null);
          if (referenceExpected !== null) programs.push([reference, referenceExpected]);

          const windows: Windows = { start: new IntegerMap(), end: new IntegerMap() };
          const windowMap = new Map<number, [number, number]>();
          for (const [id, from] of test.windows) {
            const start = secondsOfInstant(from as string) ?? Number.NaN;
            windows.start.set(id, start);
            windows.end.set(id, start + 86_400);
            windowMap.set(id, [start, start + 86_400]);
          }
          const window = new RowProgram(layout);
          const windowExpected = windowOracle(layout, windowMap);
          expect(window.addViewWindow('signaal_id', windows)).toBe(windowExpected !== null);
          if (windowExpected !== null) programs.push([window, windowExpected]);

          new SqliteImage(bytes).scan(layout.rootPage, { withoutRowid: false }, (row) => {
            for (const [program, expected] of programs) {
              expect(program.passes(row)).toBe(expected(row));
              compared++;
            }
            if (allDecided) expect(all.passes(row)).toBe(allOracles.every((expected) => expected(row)));
          });
        } finally {
          db.close();
        }
      }),
      { numRuns: 150 },
    );
    expect(compared).toBeGreaterThan(100_000);
  }, 60_000);
});
