// The fast path of the data-quality checks: one pass of the b-tree scanner over a table
// that evaluates every rule of findings.ts on every row and counts the rows. When every
// row passes, the table is clean and SQL has nothing to add; when one row might not, the
// table's verdict is left to the SQL checks (which then report the exact findings, examples
// and skip sets, as before). So the scanner only ever has to be right about "clean", and
// its tests are conservative (row-tests.ts). References are checked against the keys of
// parent tables this pass found clean; the window of a portal view against its signal's.
import type { Database } from 'sql.js';
import { ImageFormatError, SqliteImage, type RecordView } from './btree';
import { compileTest, secondsOf, type RowTest, type ScanTest } from './row-tests';
import { ROWID_COLUMN, tableLayout, type TableLayout } from './table-layout';
import type { SnapshotTable } from './types';

export interface ScanReference {
  column: string;
  parent: SnapshotTable;
  parentColumn: string;
}

export interface ScanRules {
  table: SnapshotTable;
  tests: readonly (ScanTest | undefined)[];
  references: readonly ScanReference[];
  /** portaal_inzage: each view lies inside its signal's window [zichtbaar_vanaf, zichtbaar_tot). */
  viewWindow?: ScanReference;
}

/** The keys of a clean parent table: text keys by their bytes (as Latin-1), integer keys by value. */
interface ParentKeys {
  column: string;
  text: ByteKeySet;
  /** Integer keys (value 1). */
  integer: IntegerMap;
}

/**
 * Numbers by integer key: a typed array while keys are small non-negative integers (as
 * INTEGER PRIMARY KEY ids are), a Map for the rest. NaN marks an absent key.
 */
export class IntegerMap {
  private dense = new Float64Array(1024).fill(Number.NaN);
  private readonly sparse = new Map<number, number>();
  private static readonly DENSE_LIMIT = 1 << 25;

  set(key: number, value: number): void {
    if (Number.isInteger(key) && key >= 0 && key < IntegerMap.DENSE_LIMIT) {
      if (key >= this.dense.length) {
        let length = this.dense.length;
        while (length <= key) length *= 2;
        const grown = new Float64Array(length).fill(Number.NaN);
        grown.set(this.dense);
        this.dense = grown;
      }
      this.dense[key] = value;
    } else {
      this.sparse.set(key, value);
    }
  }

  /** The value, or NaN when the key is absent. */
  get(key: number): number {
    if (Number.isInteger(key) && key >= 0 && key < this.dense.length) return this.dense[key]!;
    return this.sparse.get(key) ?? Number.NaN;
  }
}

/** Signal windows by signal id (seconds; end Infinity while still visible). */
interface Windows {
  start: IntegerMap;
  end: IntegerMap;
}

/**
 * A set of byte strings (text keys by their exact bytes), open addressing over one byte
 * arena: no string per key, which at 600.000 keys costs more than the scan itself.
 */
export class ByteKeySet {
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  private starts = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private count = 0;
  private slots = new Int32Array(2048).fill(-1);

  get size(): number {
    return this.count;
  }

  private static hash(bytes: Uint8Array, start: number, length: number): number {
    let hash = 0x811c9dc5;
    for (let k = start; k < start + length; k++) hash = Math.imul(hash ^ bytes[k]!, 0x01000193);
    return hash >>> 0;
  }

  private equals(entry: number, bytes: Uint8Array, start: number, length: number): boolean {
    if (this.lengths[entry] !== length) return false;
    const from = this.starts[entry]!;
    const arena = this.arena;
    for (let k = 0; k < length; k++) if (arena[from + k] !== bytes[start + k]) return false;
    return true;
  }

  has(bytes: Uint8Array, start: number, length: number): boolean {
    const mask = this.slots.length - 1;
    for (let slot = ByteKeySet.hash(bytes, start, length) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry < 0) return false;
      if (this.equals(entry, bytes, start, length)) return true;
    }
  }

  add(bytes: Uint8Array, start: number, length: number): void {
    if (this.has(bytes, start, length)) return;
    if ((this.count + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    if (this.count === this.starts.length) {
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
    }
    while (this.used + length > this.arena.length) {
      const arena = new Uint8Array(this.arena.length * 2);
      arena.set(this.arena);
      this.arena = arena;
    }
    this.arena.set(bytes.subarray(start, start + length), this.used);
    this.starts[this.count] = this.used;
    this.lengths[this.count] = length;
    this.used += length;
    this.place(this.count);
    this.count++;
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = ByteKeySet.hash(this.arena, this.starts[entry]!, this.lengths[entry]!) & mask;
    while (this.slots[slot]! >= 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size).fill(-1);
    for (let entry = 0; entry < this.count; entry++) this.place(entry);
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

export class FindingsScanner {
  private readonly image: SqliteImage;
  private readonly keys = new Map<SnapshotTable, ParentKeys>();
  private windows: Windows | null = null;

  private constructor(
    private readonly db: Database,
    image: SqliteImage,
    /** Which (table, column) pairs are referenced, so their keys are kept while scanning. */
    private readonly referenced: ReadonlyMap<SnapshotTable, string>,
  ) {
    this.image = image;
  }

  /** A scanner over the image, or null when the image is not one it reads (then SQL does all). */
  static create(db: Database, bytes: Uint8Array, referenced: ReadonlyMap<SnapshotTable, string>): FindingsScanner | null {
    try {
      return new FindingsScanner(db, new SqliteImage(bytes), referenced);
    } catch (error) {
      if (error instanceof ImageFormatError) return null;
      throw error;
    }
  }

  /**
   * The table's row count when every row certainly passes every rule and reference, or null
   * when SQL must decide. References must point at tables this scanner found clean.
   */
  cleanRowCount(rules: ScanRules): number | null {
    const layout = tableLayout(this.db, rules.table);
    if (layout === null) return null;
    const tests: RowTest[] = [];
    for (const test of rules.tests) {
      const compiled = test === undefined ? null : compileTest(test, layout);
      if (compiled === null) return null;
      tests.push(compiled);
    }
    for (const reference of rules.references) {
      const compiled = this.referenceTest(reference, layout);
      if (compiled === null) return null;
      tests.push(compiled);
    }
    if (rules.viewWindow !== undefined) {
      const compiled = this.windowTest(rules.viewWindow, layout);
      if (compiled === null) return null;
      tests.push(compiled);
    }
    const keyColumn = this.referenced.get(rules.table);
    const collect = keyColumn === undefined ? null : this.keyCollector(keyColumn, layout);
    if (keyColumn !== undefined && collect === null) return null;
    const collectWindows = rules.table === 'portaal_signaal' ? this.windowCollector(layout) : null;
    let clean = true;
    let rows: number;
    try {
      rows = this.image.scan(layout.rootPage, { withoutRowid: layout.withoutRowid }, (row) => {
        if (!clean) return;
        for (let t = 0; t < tests.length; t++) {
          if (!tests[t]!(row)) {
            clean = false;
            return;
          }
        }
        collect?.(row);
        collectWindows?.(row);
      });
    } catch (error) {
      if (error instanceof ImageFormatError) return null;
      throw error;
    }
    if (!clean) {
      this.keys.delete(rules.table);
      if (collectWindows !== null) this.windows = null;
      return null;
    }
    return rows;
  }

  private keyCollector(column: string, layout: TableLayout): ((row: RecordView) => void) | null {
    const index = layout.columns.get(column);
    if (index === undefined) return null;
    const keys: ParentKeys = { column, text: new ByteKeySet(), integer: new IntegerMap() };
    this.keys.set(layout.table as SnapshotTable, keys);
    if (index === ROWID_COLUMN) return (row) => keys.integer.set(row.rowid, 1);
    return (row) => {
      if (row.isText(index)) keys.text.add(row.bytes, row.offsets[index]!, row.byteLength(index));
      else if (row.isInteger(index) && !layout.realAffinity.has(column)) keys.integer.set(row.integer(index), 1);
    };
  }

  private windowCollector(layout: TableLayout): ((row: RecordView) => void) | null {
    const id = layout.columns.get('id');
    const from = layout.columns.get('zichtbaar_vanaf');
    const to = layout.columns.get('zichtbaar_tot');
    if (id !== ROWID_COLUMN || from === undefined || to === undefined) {
      this.windows = null;
      return null;
    }
    const windows: Windows = { start: new IntegerMap(), end: new IntegerMap() };
    this.windows = windows;
    return (row) => {
      windows.start.set(row.rowid, secondsOf(row, from));
      windows.end.set(row.rowid, row.type(to) === 0 ? Number.POSITIVE_INFINITY : secondsOf(row, to));
    };
  }

  /** A row passes when the column is NULL or its exact value is a key of the (clean) parent. */
  private referenceTest(reference: ScanReference, layout: TableLayout): RowTest | null {
    const keys = this.keys.get(reference.parent);
    const index = layout.columns.get(reference.column);
    if (keys === undefined || keys.column !== reference.parentColumn || index === undefined || index === ROWID_COLUMN) return null;
    if (layout.realAffinity.has(reference.column)) return null;
    // Children usually come grouped by parent: the previous row's answer is reused for the same bytes.
    let lastType = -1;
    let lastBytes = new Uint8Array(0);
    let lastFound = false;
    return (row) => {
      const type = row.type(index);
      if (type === 0) return true;
      if (row.isInteger(index)) return keys.integer.get(row.integer(index)) === 1;
      if (!row.isText(index)) return false;
      const length = row.byteLength(index);
      const start = row.offsets[index]!;
      const bytes = row.bytes;
      if (type === lastType) {
        let same = true;
        for (let k = 0; k < length; k++) {
          if (bytes[start + k] !== lastBytes[k]) {
            same = false;
            break;
          }
        }
        if (same) return lastFound;
      }
      lastType = type;
      lastBytes = bytes.slice(start, start + length);
      lastFound = keys.text.has(bytes, start, length);
      return lastFound;
    };
  }

  /** A view passes when its signal is known and the view lies inside the signal's window. */
  private windowTest(reference: ScanReference, layout: TableLayout): RowTest | null {
    const windows = this.windows;
    const signal = layout.columns.get(reference.column);
    const seen = layout.columns.get('ingezien_op');
    if (windows === null || signal === undefined || signal === ROWID_COLUMN || seen === undefined || seen === ROWID_COLUMN) return null;
    return (row) => {
      if (!row.isInteger(signal)) return false;
      const id = row.integer(signal);
      // NaN (no such signal, or an invalid view time) fails both comparisons.
      const time = secondsOf(row, seen);
      return time >= windows.start.get(id) && time < windows.end.get(id);
    };
  }
}
