// The b-tree scanner reads exactly what sql.js reads: random tables (rowid and WITHOUT
// ROWID, rowid aliases, every serial type, NULLs, values long enough to overflow onto
// other pages, several page sizes, indexes beside them) scanned from the exported image
// and compared row by row, in key order, with `SELECT * FROM t ORDER BY rowid` (or the key).
import fc from 'fast-check';
import type { Database, SqlValue } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { nodeSqlJsProvider } from '../node/snapshot/sqljs-node';
import { ImageFormatError, SqliteImage, type RecordView } from './btree';
import { ROWID_COLUMN, tableLayout } from './table-layout';

function valueOf(row: RecordView, index: number): SqlValue {
  if (index === ROWID_COLUMN) return row.rowid;
  const type = row.type(index);
  if (type === 0) return null;
  if (type === 7) return row.real(index);
  if (row.isInteger(index)) return row.integer(index);
  if (row.isText(index)) return row.text(index);
  return row.raw(index).slice();
}

/** Every row of `table` as the scanner reads it, in the table's declared column order. */
function scanned(db: Database, bytes: Uint8Array, table: string): SqlValue[][] {
  const layout = tableLayout(db, table);
  if (layout === null) throw new Error('no layout');
  const order = layout.names.map((name) => layout.columns.get(name)!);
  const rows: SqlValue[][] = [];
  new SqliteImage(bytes).scan(layout.rootPage, { withoutRowid: layout.withoutRowid }, (row) => {
    rows.push(order.map((index) => valueOf(row, index)));
  });
  return rows;
}

const INTEGERS = [0, 1, -1, 127, -128, 128, 32767, -32768, 32768, 8388607, -8388608, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 47 - 1, -(2 ** 47), 2 ** 47, 2 ** 53 - 1, -(2 ** 53)];

const value = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...INTEGERS),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ minLength: 300, maxLength: 3000 }),
  fc.uint8Array({ maxLength: 40 }),
  fc.uint8Array({ minLength: 2000, maxLength: 8000 }),
);

interface TableCase {
  kind: 'rowid' | 'alias' | 'without-rowid';
  columns: number;
  rows: SqlValue[][];
  pageSize: number;
}

const tableCase: fc.Arbitrary<TableCase> = fc
  .record({
    kind: fc.constantFrom<TableCase['kind']>('rowid', 'alias', 'without-rowid'),
    columns: fc.integer({ min: 1, max: 6 }),
    pageSize: fc.constantFrom(512, 1024, 4096, 65536),
    count: fc.integer({ min: 0, max: 80 }),
  })
  .chain(({ kind, columns, pageSize, count }) =>
    fc.array(fc.array(value, { minLength: columns, maxLength: columns }), { minLength: count, maxLength: count }).map((rows) => ({
      kind, columns, pageSize, rows,
    })),
  );

function build(SQL: Awaited<ReturnType<typeof nodeSqlJsProvider>>, test: TableCase): Uint8Array {
  const db = new SQL.Database();
  try {
    db.run(`PRAGMA page_size = ${test.pageSize}`);
    const names = Array.from({ length: test.columns }, (_, index) => `c${index}`);
    // Key columns come last in the declaration, so the WITHOUT ROWID record order differs from it.
    if (test.kind === 'alias') db.run(`CREATE TABLE t (${names.join(', ')}, k INTEGER PRIMARY KEY)`);
    else if (test.kind === 'without-rowid') db.run(`CREATE TABLE t (${names.join(', ')}, k, PRIMARY KEY (k)) WITHOUT ROWID`);
    else db.run(`CREATE TABLE t (${names.join(', ')}, k)`);
    db.run('CREATE INDEX t_first ON t (c0)');
    const insert = db.prepare(`INSERT INTO t VALUES (${[...names, 'k'].map(() => '?').join(', ')})`);
    test.rows.forEach((row, index) => {
      // Unique keys (the without-rowid key must be unique; the alias must be an integer).
      const key = test.kind === 'rowid' ? row[0] ?? null : test.kind === 'alias' ? index * 7 - 300 : `k${String(index).padStart(4, '0')}`;
      insert.run([...row, key]);
    });
    insert.free();
    return db.export();
  } finally {
    db.close();
  }
}

describe('the b-tree scanner', () => {
  it('reads every row exactly as sql.js does', async () => {
    const SQL = await nodeSqlJsProvider();
    fc.assert(
      fc.property(tableCase, (test) => {
        const bytes = build(SQL, test);
        const db = new SQL.Database(bytes);
        try {
          const order = test.kind === 'without-rowid' ? 'k' : 'rowid';
          const expected = db.exec(`SELECT * FROM t ORDER BY ${order}`)[0]?.values ?? [];
          expect(scanned(db, bytes, 't')).toEqual(expected);
        } finally {
          db.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('stops where the visitor returns false', async () => {
    const SQL = await nodeSqlJsProvider();
    for (const kind of ['rowid', 'without-rowid'] as const) {
      // Small pages and long values: the rows span many pages and interior cells.
      const bytes = build(SQL, { kind, columns: 2, pageSize: 512, rows: Array.from({ length: 300 }, (_, i) => [i, 'x'.repeat(i % 90)]) });
      const db = new SQL.Database(bytes);
      const layout = tableLayout(db, 't')!;
      db.close();
      const image = new SqliteImage(bytes);
      let seen = 0;
      expect(image.scan(layout.rootPage, { withoutRowid: layout.withoutRowid }, () => ++seen < 137)).toBe(137);
      expect(seen).toBe(137);
      expect(image.scan(layout.rootPage, { withoutRowid: layout.withoutRowid }, () => undefined)).toBe(300);
    }
  });

  it('reads a table whose later columns were added after rows were written (NULL default)', async () => {
    const SQL = await nodeSqlJsProvider();
    const db = new SQL.Database();
    db.run("CREATE TABLE t (a, b); INSERT INTO t VALUES (1, 'x'); ALTER TABLE t ADD COLUMN c; INSERT INTO t VALUES (2, 'y', 3.5);");
    const bytes = db.export();
    const reopened = new SQL.Database(bytes);
    expect(scanned(reopened, bytes, 't')).toEqual([[1, 'x', null], [2, 'y', 3.5]]);
    // A default other than NULL is not in the old records: the scanner declines such a table.
    reopened.run("CREATE TABLE u (a); ALTER TABLE u ADD COLUMN b DEFAULT 'z'");
    expect(tableLayout(reopened, 'u')).toBeNull();
    reopened.close();
    db.close();
  });

  it('does not take an INTEGER PRIMARY KEY DESC for a rowid alias', async () => {
    const SQL = await nodeSqlJsProvider();
    const db = new SQL.Database();
    db.run('CREATE TABLE t (k INTEGER PRIMARY KEY DESC, v); INSERT INTO t VALUES (5, 1), (9, 2);');
    const bytes = db.export();
    const reopened = new SQL.Database(bytes);
    expect(tableLayout(reopened, 't')!.columns.get('k')).toBe(0);
    expect(scanned(reopened, bytes, 't')).toEqual(reopened.exec('SELECT * FROM t NOT INDEXED')[0]!.values);
    reopened.close();
    db.close();
  });

  it('refuses damaged pages with ImageFormatError instead of looping or reading past the image', async () => {
    const SQL = await nodeSqlJsProvider();
    const bytes = build(SQL, { kind: 'rowid', columns: 2, pageSize: 512, rows: Array.from({ length: 200 }, (_, i) => [i, 'x'.repeat(i % 50)]) });
    const db = new SQL.Database(bytes);
    const layout = tableLayout(db, 't')!;
    db.close();
    fc.assert(
      fc.property(fc.integer({ min: 100, max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 }), (position, byte) => {
        const damaged = bytes.slice();
        damaged[position] = byte;
        try {
          new SqliteImage(damaged).scan(layout.rootPage, { withoutRowid: false }, () => undefined);
        } catch (error) {
          expect(error).toBeInstanceOf(ImageFormatError);
        }
      }),
      { numRuns: 300 },
    );
    // A truncated image: pages beyond its end are refused.
    expect(() => new SqliteImage(bytes.subarray(0, 1024)).scan(layout.rootPage, { withoutRowid: false }, () => undefined)).toThrow(ImageFormatError);
  });
});
