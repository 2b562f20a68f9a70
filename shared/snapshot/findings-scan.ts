// The fast path of the data-quality checks: one pass of the b-tree scanner over a table
// that evaluates every rule of findings.ts on every row and counts the rows. When every
// row passes, the table is clean and SQL has nothing to add; when one row might not, the
// table's verdict is left to the SQL checks (which then report the exact findings, examples
// and skip sets, as before). So the scanner only ever has to be right about "clean", and
// its tests are conservative (row-tests.ts). References are checked against the keys of
// parent tables this pass found clean; the window of a portal view against its signal's.
import type { Database } from 'sql.js';
import { ImageFormatError, SqliteImage, type RecordView } from './btree';
import { ByteKeys, IntegerMap } from './key-sets';
import { RowProgram, secondsOf, type ParentKeys, type ScanTest, type Windows } from './row-tests';
import { ROWID_COLUMN, tableLayout, type TableLayout } from './table-layout';
import type { ScanRider } from './scan-rider';
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

export class FindingsScanner {
  private readonly image: SqliteImage;
  private riders: ReadonlyMap<SnapshotTable, ScanRider> = new Map();
  private readonly keys = new Map<SnapshotTable, ParentKeys>();
  private windows: Windows | null = null;

  private constructor(
    /** Where a table's columns are in its records (table-layout.ts), or null when SQL must read it. */
    private readonly layoutOf: (table: SnapshotTable) => TableLayout | null,
    image: SqliteImage,
    /** Which (table, column) pairs are referenced, so their keys are kept while scanning. */
    private readonly referenced: ReadonlyMap<SnapshotTable, string>,
  ) {
    this.image = image;
  }

  /** A scanner over the image, or null when the image is not one it reads (then SQL does all). */
  static create(db: Database, bytes: Uint8Array, referenced: ReadonlyMap<SnapshotTable, string>): FindingsScanner | null {
    return FindingsScanner.overLayouts((table) => tableLayout(db, table), bytes, referenced);
  }

  /**
   * A scanner that reads the layouts from `layoutOf` instead of the database: on a thread
   * that has the image but no sql.js (scan-aside.ts), with layouts the loader read.
   */
  static overLayouts(
    layoutOf: (table: SnapshotTable) => TableLayout | null, bytes: Uint8Array, referenced: ReadonlyMap<SnapshotTable, string>,
  ): FindingsScanner | null {
    try {
      return new FindingsScanner(layoutOf, new SqliteImage(bytes), referenced);
    } catch (error) {
      if (error instanceof ImageFormatError) return null;
      throw error;
    }
  }

  /** Readers that ride along the checking passes (cleanRowCount) over their tables from now on. */
  rideAlong(riders: ReadonlyMap<SnapshotTable, ScanRider>): void {
    this.riders = riders;
  }

  /**
   * A pass of its own over every row of `table` for `rider`, for a table already checked.
   * False when the scanner cannot read it (the rider is then not told `done`).
   */
  read(table: SnapshotTable, rider: ScanRider): boolean {
    const layout = this.layoutOf(table);
    if (layout === null) return false;
    try {
      this.image.scan(layout.rootPage, { withoutRowid: layout.withoutRowid }, (row) => {
        rider.row(row);
        return true;
      });
    } catch (error) {
      if (!(error instanceof ImageFormatError)) throw error;
      return false;
    }
    rider.done();
    return true;
  }

  /**
   * Reads the referenced key column of `table` without checking its rows, for the children
   * of a parent another scanner checks (scan-aside.ts). The keys are those a clean check of
   * the parent would collect, so a child's verdict against them is the verdict against that
   * parent's keys once the parent is found clean — and only then may it be used
   * (SnapshotChecks requires its parents clean). False when the keys cannot be read.
   */
  collectKeys(table: SnapshotTable): boolean {
    const keyColumn = this.referenced.get(table);
    const layout = this.layoutOf(table);
    if (keyColumn === undefined || layout === null) return false;
    const collect = this.keyCollector(keyColumn, layout);
    if (collect === null) return false;
    try {
      this.image.scan(layout.rootPage, { withoutRowid: layout.withoutRowid }, (row) => {
        collect(row);
        return true;
      });
      return true;
    } catch (error) {
      if (!(error instanceof ImageFormatError)) throw error;
      this.keys.delete(table);
      return false;
    }
  }

  /**
   * The table's row count when every row certainly passes every rule and reference, or null
   * when SQL must decide. References must point at tables this scanner found clean.
   */
  cleanRowCount(rules: ScanRules): number | null {
    const layout = this.layoutOf(rules.table);
    if (layout === null) return null;
    const program = new RowProgram(layout);
    for (const test of rules.tests) if (test === undefined || !program.addTest(test)) return null;
    for (const reference of rules.references) {
      const keys = this.keys.get(reference.parent);
      if (keys === undefined || keys.column !== reference.parentColumn || !program.addReference(reference.column, keys)) return null;
    }
    if (rules.viewWindow !== undefined && (this.windows === null || !program.addViewWindow(rules.viewWindow.column, this.windows))) return null;
    const keyColumn = this.referenced.get(rules.table);
    const collect = keyColumn === undefined ? null : this.keyCollector(keyColumn, layout);
    if (keyColumn !== undefined && collect === null) return null;
    const collectWindows = rules.table === 'portaal_signaal' ? this.windowCollector(layout) : null;
    const rider = this.riders.get(rules.table);
    let clean = true;
    let rows: number;
    try {
      rows = this.image.scan(layout.rootPage, { withoutRowid: layout.withoutRowid }, (row) => {
        if (!program.passes(row)) {
          clean = false;
          return false; // SQL decides this table: no need to read on
        }
        collect?.(row);
        collectWindows?.(row);
        rider?.row(row);
        return true;
      });
    } catch (error) {
      if (!(error instanceof ImageFormatError)) throw error;
      clean = false;
      rows = 0;
    }
    if (!clean) {
      // Keys or windows read part of the way are no parent's keys.
      this.keys.delete(rules.table);
      if (collectWindows !== null) this.windows = null;
      return null;
    }
    rider?.done();
    return rows;
  }

  private keyCollector(column: string, layout: TableLayout): ((row: RecordView) => void) | null {
    const index = layout.columns.get(column);
    if (index === undefined) return null;
    const keys: ParentKeys = { column, text: new ByteKeys(), integer: new IntegerMap() };
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
}
