// The rows of the data-leak facts' two big queries (facts.ts: the unlawful signals, their
// views) read through the b-tree scanner (shared/snapshot/table-scan.ts) instead of sql.js:
// the same rows with the same values in the same order, handed to the same visitors, so
// facts.ts's SQL stays the reference and the fallback (null from these functions). SQL's
// expressions are reproduced per value:
//   - the join i.id = s.inburgeraar_id and the comparisons <> of stelsel and gemeente_code:
//     text equal byte for byte (TEXT affinity and the BINARY collation are required), with
//     SQL's NULLs (a NULL in the cause bits makes them NULL, read as 0);
//   - unixepoch(instant): the seconds of a strictly written instant, NULL for NULL;
//   - group_concat(g.categorie, char(31)) per signal in primary key order of signaal_gegeven;
//   - the row order of the query plans checked below (signals in rowid order; views in
//     rowid order, or by signaal_id then rowid when SQL reads them through its index).
// Any other value in a row that matters throws NeedsSql, and facts.ts reads through SQL.
// The app reads the same rows ahead on the worker that has just checked these tables
// (readDatalekRows, acceptDatalekRows): the reading needs only the image and the layouts,
// and the requirements on the database are checked here when the rows are taken.
import type { Database, SqlValue } from 'sql.js';
import { ImageFormatError, SqliteImage, type RecordView } from '../../snapshot/btree';
import { ByteKeys, IntegerMap } from '../../snapshot/key-sets';
import { secondsOf } from '../../snapshot/row-tests';
import { selectValue } from '../../snapshot/sql';
import {
  columnAffinity, indexColumns, isBlob, NeedsSql, queryPlan, readThroughScanner, requireKeyOrder, requirePlainText, rowidOf, ScannedTable, sqlValueOf, textOf,
} from '../../snapshot/table-scan';
import { ROWID_COLUMN, tableLayout, type TableLayout } from '../../snapshot/table-layout';
import type { ScanAsideRequest } from '../../snapshot/scan-aside';
import type { OpenedSnapshot } from '../../snapshot/types';
import { OPEN_END, UNLAWFUL_SIGNALS_SQL, viewsSql } from './facts-queries';

/**
 * One text column of the persons, by person: each value's bytes copied into one arena (no
 * string per person), so a signal's value is compared with its person's byte for byte.
 */
class TextColumn {
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  private starts = new Int32Array(1 << 16);
  /** Length of each value, -1 for NULL. */
  private lengths = new Int32Array(1 << 16);
  private count = 0;

  add(row: RecordView, index: number): void {
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts, this.starts.length * 2);
      this.lengths = grown(this.lengths, this.lengths.length * 2);
    }
    if (row.isNull(index)) {
      this.lengths[this.count++] = -1;
      return;
    }
    if (!row.isText(index)) throw new NeedsSql('a value that is not text'); // TEXT affinity: a BLOB
    const length = row.byteLength(index);
    if (this.used + length > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, this.used + length));
      arena.set(this.arena.subarray(0, this.used));
      this.arena = arena;
    }
    const from = row.offsets[index]!;
    const bytes = row.bytes;
    for (let k = 0; k < length; k++) this.arena[this.used + k] = bytes[from + k]!;
    this.starts[this.count] = this.used;
    this.lengths[this.count++] = length;
    this.used += length;
  }

  /** Whether the entry is NULL. */
  isNull(entry: number): boolean {
    return this.lengths[entry] === -1;
  }

  /** SQL's `entry's value <> row's value` for a non-NULL entry: null when the row's is NULL. */
  differs(entry: number, row: RecordView, index: number): 0 | 1 | null {
    if (row.isNull(index)) return null;
    if (!row.isText(index)) throw new NeedsSql('a value that is not text');
    const length = this.lengths[entry]!;
    if (row.byteLength(index) !== length) return 1;
    const from = this.starts[entry]!;
    const at = row.offsets[index]!;
    const bytes = row.bytes;
    for (let k = 0; k < length; k++) if (this.arena[from + k] !== bytes[at + k]) return 1;
    return 0;
  }
}

function grown(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const copy = new Int32Array(length);
  copy.set(array);
  return copy;
}

/** SQL's unixepoch(x) of an instant column: seconds, null for NULL; NeedsSql otherwise. */
function secondsOrNull(row: RecordView, index: number): number | null {
  if (row.isNull(index)) return null;
  const seconds = secondsOf(row, index);
  if (Number.isNaN(seconds)) throw new NeedsSql('an instant that is not strictly written');
  return seconds;
}

/** Require a plan that reads the signals in rowid order, each person and its categories by primary key. */
function requireSignalPlan(db: Database): void {
  const plan = queryPlan(db, UNLAWFUL_SIGNALS_SQL).filter((detail) => !detail.startsWith('CORRELATED SCALAR SUBQUERY'));
  const expected = ['SCAN s', 'SEARCH i USING PRIMARY KEY (id=?)', 'SEARCH g USING PRIMARY KEY (signaal_id=?)'];
  if (plan.length !== expected.length || plan.some((detail, index) => detail !== expected[index])) throw new NeedsSql(`signals read by ${plan.join('; ')}`);
  const key = indexColumns(db, String(selectValue(db, "SELECT name FROM pragma_index_list('signaal_gegeven') WHERE origin = 'pk'")));
  const [first, second] = key;
  if (key.length !== 2 || first?.name !== 'signaal_id' || first.descending || second?.name !== 'categorie' || second.descending || second.collation !== 'BINARY') {
    throw new NeedsSql('signaal_gegeven is not keyed by (signaal_id, categorie)');
  }
  if (columnAffinity(db, 'signaal_gegeven', 'signaal_id') !== 'INTEGER') throw new NeedsSql('signaal_gegeven.signaal_id has no INTEGER affinity');
}

/**
 * The rows of UNLAWFUL_SIGNALS_SQL read through the scanner, in SQL's order, or null when
 * only SQL can promise them. The loader's skip sets are read here as facts.ts reads them.
 * Rows read ahead on another thread (acceptDatalekRows) are taken instead of a scan: they
 * were read from the same image with the same layouts, and the requirements are checked
 * here all the same.
 */
export function scanUnlawfulSignalRows(snapshot: OpenedSnapshot): SqlValue[][] | null {
  const db = snapshot.db;
  return readThroughScanner(db, (image) => {
    const skippedSignals = snapshot.skipped.portaal_signaal;
    const skippedPersons = snapshot.skippedKeys?.inburgeraar;
    if (skippedSignals === undefined || skippedPersons === undefined) throw new NeedsSql('skip sets of other shapes');
    requireKeyOrder(db, 'inburgeraar', 'id');
    requirePlainText(db, 'inburgeraar', ['stelsel', 'gemeente_code']);
    requirePlainText(db, 'portaal_signaal', ['inburgeraar_id', 'stelsel', 'gemeente_code']);
    requireSignalPlan(db);
    const ahead = readAhead.get(db);
    if (ahead?.signals !== undefined) {
      const rows = ahead.signals;
      delete ahead.signals; // read once per session (facts.ts caches the facts)
      return rows;
    }
    const tables = signalTables(image, (table) => tableLayout(db, table));
    // Skipped rows are passed over by the visitor before it looks at their instants.
    return readSignalRows(tables, (rowid, person) => skippedSignals.has(rowid) || skippedPersons.has(person)).rows;
  });
}

interface SignalTables {
  persons: ScannedTable;
  signals: ScannedTable;
  links: ScannedTable;
}

function scanned(image: SqliteImage, layoutOf: (table: string) => TableLayout | null, table: string): ScannedTable {
  const layout = layoutOf(table);
  if (layout === null) throw new NeedsSql(`layout of ${table}`);
  return new ScannedTable(image, layout);
}

function signalTables(image: SqliteImage, layoutOf: (table: string) => TableLayout | null): SignalTables {
  return { persons: scanned(image, layoutOf, 'inburgeraar'), signals: scanned(image, layoutOf, 'portaal_signaal'), links: scanned(image, layoutOf, 'signaal_gegeven') };
}

/**
 * UNLAWFUL_SIGNALS_SQL's rows from the image alone, and the row of each signal id. A row
 * `skipped` says so gets no instants (they are never looked at, so need not be readable).
 */
function readSignalRows(tables: SignalTables, skipped: (rowid: number, person: string) => boolean): { rows: SqlValue[][]; rowOfSignal: IntegerMap } {
  // The persons: id → their stelsel and municipality code, numbered by value.
  const persons = tables.persons;
  const id = persons.column('id');
  const personStelsel = persons.column('stelsel');
  const personGemeente = persons.column('gemeente_code');
  const personKeys = new ByteKeys();
  const stelsels = new TextColumn();
  const gemeenten = new TextColumn();
  persons.scan((row) => {
    if (!row.isText(id)) throw new NeedsSql('an id that is not text');
    personKeys.add(row.bytes, row.offsets[id]!, row.byteLength(id));
    stelsels.add(row, personStelsel);
    gemeenten.add(row, personGemeente);
  });

  // The signals that SQL's WHERE keeps, in rowid order ('SCAN s').
  const signals = tables.signals;
  if (signals.layout.withoutRowid || signals.column('id') !== ROWID_COLUMN) throw new NeedsSql('portaal_signaal.id is not its rowid');
  const personId = signals.column('inburgeraar_id');
  const stelsel = signals.column('stelsel');
  const gemeente = signals.column('gemeente_code');
  const from = signals.column('zichtbaar_vanaf');
  const to = signals.column('zichtbaar_tot');
  const rows: SqlValue[][] = [];
  const rowOfSignal = new IntegerMap();
  let hint = -1;
  signals.scan((row) => {
    if (!row.isText(personId)) {
      if (isBlob(row, personId)) throw new NeedsSql('a person id that is a blob');
      return; // NULL joins no person
    }
    const person = personKeys.find(row.bytes, row.offsets[personId]!, row.byteLength(personId), hint);
    if (person < 0) return;
    hint = person;
    // s.stelsel <> i.stelsel, and i.gemeente_code IS NULL OR i.gemeente_code <> s.gemeente_code.
    const stelselDiffers = stelsels.isNull(person) ? null : stelsels.differs(person, row, stelsel);
    const gemeenteDiffers = gemeenten.isNull(person) ? 1 : gemeenten.differs(person, row, gemeente);
    if (stelselDiffers !== 1 && gemeenteDiffers !== 1) return; // false or NULL: not kept
    const causes = stelselDiffers === null || gemeenteDiffers === null ? null : stelselDiffers | (gemeenteDiffers << 1);
    const rowid = rowidOf(row);
    const personValue = textOf(row, personId);
    const unread = skipped(rowid, personValue);
    const start = unread ? null : secondsOrNull(row, from);
    const end = unread ? null : row.isNull(to) ? OPEN_END : secondsOrNull(row, to);
    rowOfSignal.set(rowid, rows.length);
    rows.push([rowid, rowid, causes, personValue, sqlValueOf(row, gemeente), start, end, null]);
  });

  // Their categories, in primary key order of signaal_gegeven ('SEARCH g USING PRIMARY KEY').
  if (rows.length > 0) {
    const links = tables.links;
    const signalId = links.column('signaal_id');
    const category = links.column('categorie');
    links.scan((row) => {
      if (!row.isInteger(signalId)) return; // INTEGER affinity: a text or REAL equals no integer id
      const at = rowOfSignal.get(row.integer(signalId));
      if (Number.isNaN(at)) return;
      if (row.isNull(category)) return; // group_concat leaves NULL out
      if (!row.isText(category)) throw new NeedsSql('a category that is not text');
      const signalRow = rows[at]!;
      const code = textOf(row, category);
      signalRow[7] = signalRow[7] === null ? code : `${String(signalRow[7])}\u001f${code}`;
    });
  }
  return { rows, rowOfSignal };
}

/**
 * The rows of viewsSql(selective) read through the scanner, in SQL's order, or null when
 * only SQL can promise them. Rows the visitor passes over unread (a view of no unlawful
 * signal: `position` < 0) are left out.
 */
export function scanViewRows(snapshot: OpenedSnapshot, selective: boolean, position: (signalId: number) => number): SqlValue[][] | null {
  const db = snapshot.db;
  return readThroughScanner(db, (image) => {
    const skipped = snapshot.skipped.portaal_inzage;
    if (skipped === undefined) throw new NeedsSql('portaal_inzage is not skipped by rowid');
    if (columnAffinity(db, 'portaal_inzage', 'signaal_id') !== 'INTEGER') throw new NeedsSql('portaal_inzage.signaal_id has no INTEGER affinity');
    const plan = queryPlan(db, viewsSql(selective));
    let bySignal = false;
    if (plan[0] !== 'SCAN portaal_inzage') {
      const match = /^SEARCH portaal_inzage USING (?:COVERING )?INDEX (\S+) \(signaal_id=\?\)$/.exec(plan[0] ?? '');
      if (!selective || match === null || indexColumns(db, match[1]!)[0]?.name !== 'signaal_id') throw new NeedsSql(`views read by ${plan.join('; ')}`);
      bySignal = true; // the IN list's values in ascending order, each value's views in rowid order
    }
    const rows = viewsReadAhead(db, position) ?? readViewRows(scanned(image, (table) => tableLayout(db, table), 'portaal_inzage'), selective, position, skipped);
    if (!bySignal) return rows;
    const order = rows.map((_, index) => index).sort((a, b) => (rows[a]![1] as number) - (rows[b]![1] as number) || a - b);
    return order.map((index) => rows[index]!);
  });
}

/**
 * The views read ahead, of the signals at a position: the same rows in the same order as
 * readViewRows gives in either mode, since every view read ahead has an integer signal id
 * (Number() of it is the id itself, and IN finds it). Skipped views are passed over by the
 * visitor before it looks at their moment.
 */
function viewsReadAhead(db: Database, position: (signalId: number) => number): SqlValue[][] | null {
  const ahead = readAhead.get(db);
  if (ahead?.views === undefined || ahead.views === null) return null;
  const views = ahead.views;
  delete ahead.views;
  return views.filter((row) => position(row[1] as number) >= 0);
}

/** viewsSql's rows in rowid order, of the signals at a position; skipped ones without a moment. */
function readViewRows(views: ScannedTable, selective: boolean, position: (signalId: number) => number, skipped: ReadonlySet<number>): SqlValue[][] {
  if (views.layout.withoutRowid) throw new NeedsSql('portaal_inzage has no rowids');
  const signalId = views.column('signaal_id');
  const seen = views.column('ingezien_op');
  const user = views.column('gebruiker');
  const rows: SqlValue[][] = [];
  views.scan((row) => {
    let signal: number;
    if (selective) {
      // SQL's IN: an integer equal to an unlawful signal's id (a REAL or text is none).
      if (!row.isInteger(signalId)) return;
      signal = sqlValueOf(row, signalId) as number;
    } else {
      signal = Number(sqlValueOf(row, signalId));
    }
    if (position(signal) < 0) return;
    const rowid = rowidOf(row);
    const time = skipped.has(rowid) ? null : secondsOrNull(row, seen);
    rows.push([rowid, signal, time, sqlValueOf(row, user)]);
  });
  return rows;
}

/**
 * The rows the data-leak facts read, read ahead on another thread over the same image while
 * this one computes other figures (renderer/worker/scan.worker.ts). `signals` are
 * UNLAWFUL_SIGNALS_SQL's rows with every instant read; `views` every view of one of those
 * signals, [rowid, signal id, seconds, user] in rowid order, or null when a view's signal id
 * is not an integer (then the modes of viewsSql differ, and this thread reads them itself).
 */
export interface DatalekRows {
  signals?: SqlValue[][];
  views?: SqlValue[][] | null;
}

const readAhead = new WeakMap<Database, DatalekRows>();

/** Rows read ahead from the image `db` was opened from, to be taken by the next facts. */
export function acceptDatalekRows(db: Database, rows: DatalekRows): void {
  readAhead.set(db, { ...rows });
}

/**
 * What another thread runs: the rows from the image and the layouts the main thread read
 * (so the same rows as its own scan would read), or null where only SQL or this thread can
 * give them. Nothing here depends on the checks' skip sets: a skipped row's values are never
 * looked at, so reading them all gives the visitor the same rows.
 */
export function readDatalekRows(bytes: Uint8Array, layoutOf: (table: string) => TableLayout | null): DatalekRows | null {
  try {
    const image = new SqliteImage(bytes);
    const { rows, rowOfSignal } = readSignalRows(signalTables(image, layoutOf), () => false);
    return { signals: rows, views: readViewsOfSignals(scanned(image, layoutOf, 'portaal_inzage'), rowOfSignal) };
  } catch (error) {
    if (error instanceof NeedsSql || error instanceof ImageFormatError) return null;
    throw error;
  }
}

/** Every view of the signals read, in rowid order; null at a signal id that is not an integer. */
function readViewsOfSignals(views: ScannedTable, rowOfSignal: IntegerMap): SqlValue[][] | null {
  if (views.layout.withoutRowid) throw new NeedsSql('portaal_inzage has no rowids');
  const signalId = views.column('signaal_id');
  const seen = views.column('ingezien_op');
  const user = views.column('gebruiker');
  const rows: SqlValue[][] = [];
  let integers = true;
  views.scan((row) => {
    if (!integers) return;
    if (!row.isInteger(signalId)) {
      integers = false;
      return;
    }
    const signal = sqlValueOf(row, signalId) as number;
    if (Number.isNaN(rowOfSignal.get(signal))) return;
    rows.push([rowidOf(row), signal, secondsOrNull(row, seen), sqlValueOf(row, user)]);
  });
  return integers ? rows : null;
}

/** readDatalekRows over the image and layouts of a scan-aside request (the checked tables and their parents). */
export function readDatalekRowsAside(request: ScanAsideRequest): DatalekRows | null {
  const layouts = new Map<string, TableLayout | null>();
  for (const parent of request.parents) layouts.set(parent.table, parent.layout);
  for (const job of request.jobs) layouts.set(job.rules.table, job.layout);
  return readDatalekRows(request.image, (table) => layouts.get(table) ?? null);
}
