// Reading a snapshot table's rows for the analyses' facts through the b-tree scanner
// (btree.ts) instead of stepping a sql.js statement per row: at national scale the crossing
// into sql.js per row and value costs more than the facts themselves. The facts builders
// (elip/facts-scan.ts, datalek/facts-scan.ts) keep their SQL as the reference and fall back
// to it whenever this reading cannot promise the same values:
//   - no image is known for the database (a test fixture built from SQL), the image is not
//     one the scanner reads (ImageFormatError), or a table's layout is not reproducible;
//   - a column compared as text has another collation than BINARY, or another affinity
//     than TEXT (then SQLite might convert or compare values otherwise than byte for byte);
//   - a row that matters holds a value outside what the builder reproduces exactly (a date
//     that is not strictly written, a REAL where SQL casts): the builder throws NeedsSql.
// The image is the one the loader handed to the data-quality checks (SnapshotChecks
// registers it): the database is opened from it and never written, so its pages are the
// database's pages.
import { decodeView } from '../decode-view';
import type { Database, SqlValue } from 'sql.js';
import { ImageFormatError, SqliteImage, type RecordView } from './btree';
import type { ScanRider } from './scan-rider';
import { quoteIdentifier as q, selectRows } from './sql';
import { ROWID_COLUMN, tableLayout, type TableLayout } from './table-layout';

/** A value or a shape of table the scanning builder does not reproduce exactly: use SQL. */
export class NeedsSql extends Error {
  constructor(reason: string) {
    super(`facts read through SQL: ${reason}`);
    this.name = 'NeedsSql';
  }
}

const images = new WeakMap<Database, Uint8Array>();

/** The image `db` was opened from and will not be written to (the loader calls this). */
export function registerImage(db: Database, image: Uint8Array): void {
  images.set(db, image);
}

/**
 * Run a scanning builder: its result, or null when it cannot promise SQL's values (no
 * image, an image the scanner does not read, NeedsSql). Other errors pass through.
 */
export function readThroughScanner<T>(db: Database, read: (image: SqliteImage) => T): T | null {
  const bytes = images.get(db);
  if (bytes === undefined) return null;
  try {
    return read(new SqliteImage(bytes));
  } catch (error) {
    if (error instanceof NeedsSql || error instanceof ImageFormatError) return null;
    throw error;
  }
}

/** A table as the scanner reads it: where each column is, and a pass over its rows. */
export class ScannedTable {
  constructor(
    private readonly image: SqliteImage,
    readonly layout: TableLayout,
  ) {}

  /** The record index of a column, or ROWID_COLUMN; NeedsSql when the table lacks it. */
  column(name: string): number {
    return columnIn(this.layout, name);
  }

  /** Visit every row in b-tree order (rowid, or primary key for WITHOUT ROWID). */
  scan(visit: (row: RecordView) => void): number {
    return this.image.scan(this.layout.rootPage, { withoutRowid: this.layout.withoutRowid }, visit);
  }
}

/** The record index of a column in a table's layout, or ROWID_COLUMN; NeedsSql when the table lacks it. */
export function columnIn(layout: TableLayout, name: string): number {
  const index = layout.columns.get(name);
  if (index === undefined) throw new NeedsSql(`${layout.table}.${name} not found`);
  return index;
}

/** A table's layout from `layoutOf` (tableLayout, or layouts another thread was given); NeedsSql when there is none. */
export function layoutFor(layoutOf: (table: string) => TableLayout | null, table: string): TableLayout {
  const layout = layoutOf(table);
  if (layout === null) throw new NeedsSql(`layout of ${table}`);
  return layout;
}

/** The table for scanning; NeedsSql when its layout cannot be reproduced exactly. */
export function scannedTable(db: Database, image: SqliteImage, table: string): ScannedTable {
  return new ScannedTable(image, layoutFor((name) => tableLayout(db, name), table));
}

/** SQLite's affinity of a declared type (https://www.sqlite.org/datatype3.html, 3.1). */
export function affinityOf(declaredType: string): 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC' {
  const type = declaredType.toUpperCase();
  if (type.includes('INT')) return 'INTEGER';
  if (type.includes('CHAR') || type.includes('CLOB') || type.includes('TEXT')) return 'TEXT';
  if (type === '' || type.includes('BLOB')) return 'BLOB';
  if (type.includes('REAL') || type.includes('FLOA') || type.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}

/** The affinity of a column of a main table. */
export function columnAffinity(db: Database, table: string, column: string): string {
  const rows = selectRows(db, 'SELECT type FROM pragma_table_info(?) WHERE lower(name) = lower(?)', [table, column]);
  if (rows.length !== 1) throw new NeedsSql(`${table}.${column} not found`);
  return affinityOf(String(rows[0]![0] ?? ''));
}

/**
 * The collating sequence SQLite uses when it compares the column with a literal, read from
 * the compiled comparison (EXPLAIN shows it as the Eq opcode's P4, 'BINARY-8'); null when
 * the program does not show one.
 */
export function columnCollation(db: Database, table: string, column: string): string | null {
  const program = selectRows(db, `EXPLAIN SELECT ${q(column)} = 'x' FROM main.${q(table)}`);
  for (const row of program) {
    if (row[1] !== 'Eq' && row[1] !== 'Ne') continue;
    const match = /^\(?([A-Za-z0-9_]+)/.exec(String(row[5] ?? ''));
    return match === null ? null : match[1]!.toUpperCase();
  }
  return null;
}

/**
 * Require that SQL compares these columns as plain text: TEXT affinity (a value is stored
 * as NULL, TEXT or BLOB and never converted when compared with text) and the BINARY
 * collation (equal means the same bytes, and order is byte order).
 */
export function requirePlainText(db: Database, table: string, columns: readonly string[]): void {
  for (const column of columns) {
    if (columnAffinity(db, table, column) !== 'TEXT') throw new NeedsSql(`${table}.${column} has no TEXT affinity`);
    if (columnCollation(db, table, column) !== 'BINARY') throw new NeedsSql(`${table}.${column} is not compared with BINARY`);
  }
}

/**
 * Require that the b-tree order of a WITHOUT ROWID table is `ORDER BY <column>`: its primary
 * key is that one column, ascending, with the column's own (BINARY) collation; so the key
 * is unique under the ORDER BY's comparison and the scan yields SQL's order.
 */
export function requireKeyOrder(db: Database, table: string, column: string): void {
  const key = selectRows(db, "SELECT name FROM pragma_index_list(?) WHERE origin = 'pk'", [table]);
  if (key.length !== 1) throw new NeedsSql(`${table} has no primary key index`);
  const columns = selectRows(db, 'SELECT lower(name), "desc", coll FROM pragma_index_xinfo(?) WHERE key = 1', [String(key[0]![0])]);
  if (columns.length !== 1 || columns[0]![0] !== column || Number(columns[0]![1]) !== 0 || String(columns[0]![2]).toUpperCase() !== 'BINARY') {
    throw new NeedsSql(`${table} is not keyed by ${column} alone, ascending, BINARY`);
  }
  requirePlainText(db, table, [column]);
}

/** The query plan of a statement, one detail line per step. */
export function queryPlan(db: Database, sql: string): string[] {
  return selectRows(db, `EXPLAIN QUERY PLAN ${sql}`).map((row) => String(row[3]));
}

/** The key columns of an index, lower case, with direction and collation. */
export function indexColumns(db: Database, index: string): { name: string | null; descending: boolean; collation: string }[] {
  return selectRows(db, 'SELECT lower(name), "desc", coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno', [index]).map((row) => ({
    name: row[0] === null ? null : String(row[0]),
    descending: Number(row[1]) !== 0,
    collation: String(row[2]).toUpperCase(),
  }));
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A text value as a string; NeedsSql when its bytes are not valid UTF-8 (sql.js would
 * decode them its own way). Through decodeView: a browser's TextDecoder refuses a view of
 * shared memory, which the image may be (and the image's own slice() is a view, not a copy).
 */
export function textOf(row: RecordView, index: number): string {
  const length = row.byteLength(index);
  const start = row.offsets[index]!;
  const bytes = row.bytes;
  let ascii = length <= 24;
  for (let k = start; k < start + length && ascii; k++) if (bytes[k]! >= 0x80) ascii = false;
  if (ascii) return row.text(index); // short ASCII: built without a decoder
  try {
    return decodeView(strictUtf8, bytes.subarray(start, start + length));
  } catch {
    throw new NeedsSql('text that is not UTF-8');
  }
}

const SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

/**
 * The value of a stored column as sql.js hands it to JavaScript (statement.get()): null,
 * a number for INTEGER and REAL, a string for TEXT, the bytes of a BLOB. NeedsSql for an
 * integer beyond 2^53, which sql.js rounds while SQL would compare it exactly.
 */
export function sqlValueOf(row: RecordView, index: number): SqlValue {
  if (index === ROWID_COLUMN) return rowidOf(row);
  const type = row.type(index);
  if (type === 0) return null;
  if (type === 7) return row.real(index);
  if (type < 12) {
    const value = row.integer(index);
    if (Math.abs(value) > SAFE_INTEGER) throw new NeedsSql('an integer beyond 2^53');
    return value;
  }
  if ((type & 1) === 1) return textOf(row, index);
  return row.raw(index).slice();
}

/** The rowid as a number; NeedsSql beyond 2^53. */
export function rowidOf(row: RecordView): number {
  if (Math.abs(row.rowid) > SAFE_INTEGER) throw new NeedsSql('a rowid beyond 2^53');
  return row.rowid;
}

/** Whether the value is stored as a BLOB (SQL never finds it equal to a text). */
export function isBlob(row: RecordView, index: number): boolean {
  const type = row.type(index);
  return type >= 12 && (type & 1) === 0;
}

/** UTF-8 bytes of a literal, for RecordView.textEquals. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * A facts builder riding the checks' passes (ScanRider): each row goes to `visit`. It is
 * `complete` only after exactly one pass read every row, with no NeedsSql from `visit` (a
 * value only SQL reads exactly) and `ready()` true when the pass began (the tables it needs
 * were read before it); otherwise the builder's rows are incomplete and it reads on its own.
 */
export class VisitingRider implements ScanRider {
  private broken = false;
  private passes = 0;
  private inPass = false;

  constructor(
    private readonly visit: (row: RecordView) => void,
    private readonly ready: () => boolean = () => true,
  ) {}

  row(row: RecordView): void {
    if (this.broken) return;
    if (!this.inPass) {
      this.inPass = true;
      if (this.passes > 0 || !this.ready()) {
        this.broken = true;
        return;
      }
    }
    try {
      this.visit(row);
    } catch (error) {
      if (!(error instanceof NeedsSql)) throw error;
      this.broken = true;
    }
  }

  done(): void {
    if (!this.inPass && !this.ready()) this.broken = true; // an empty pass, before the tables it needs
    this.inPass = false;
    this.passes++;
  }

  get complete(): boolean {
    return !this.broken && this.passes === 1;
  }
}
