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
import type { ScanRider } from '../../snapshot/scan-rider';
import { selectValue } from '../../snapshot/sql';
import {
  columnAffinity, indexColumns, layoutFor, NeedsSql, queryPlan, readThroughScanner, requireKeyOrder, requirePlainText, rowidOf, ScannedTable, sqlValueOf, VisitingRider,
} from '../../snapshot/table-scan';
import { tableLayout, type TableLayout } from '../../snapshot/table-layout';
import type { ScanAsideRequest } from '../../snapshot/scan-aside';
import type { OpenedSnapshot, SnapshotTable } from '../../snapshot/types';
import { UNLAWFUL_SIGNALS_SQL, viewsSql } from './facts-queries';
import { DatalekRowReader, secondsOrNull } from './rows-reader';

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
    readAlongChecks(snapshot);
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
    const layoutOf = (table: string) => tableLayout(db, table);
    const reader = new DatalekRowReader(layoutFor(layoutOf, 'inburgeraar'), layoutFor(layoutOf, 'portaal_signaal'),
      // Skipped rows are passed over by the visitor before it looks at their instants.
      (rowid, person) => skippedSignals.has(rowid) || skippedPersons.has(person));
    readSignals(image, layoutOf, reader);
    return reader.signalRows;
  });
}

function scanned(image: SqliteImage, layoutOf: (table: string) => TableLayout | null, table: string): ScannedTable {
  return new ScannedTable(image, layoutFor(layoutOf, table));
}

/** The persons, the signals and (when any signal is kept) their categories, handed to `reader`. */
function readSignals(image: SqliteImage, layoutOf: (table: string) => TableLayout | null, reader: DatalekRowReader): void {
  scanned(image, layoutOf, 'inburgeraar').scan((row) => reader.person(row));
  scanned(image, layoutOf, 'portaal_signaal').scan((row) => reader.signal(row));
  if (!reader.signalsRead) return;
  const links = scanned(image, layoutOf, 'signaal_gegeven');
  links.scan(reader.linkVisitor(links.layout));
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
    const reader = new DatalekRowReader(layoutFor(layoutOf, 'inburgeraar'), layoutFor(layoutOf, 'portaal_signaal'), () => false);
    const views = scanned(image, layoutOf, 'portaal_inzage');
    const viewVisitor = reader.viewVisitor(views.layout);
    readSignals(image, layoutOf, reader);
    views.scan(viewVisitor);
    return { signals: reader.signalRows, views: reader.viewRows };
  } catch (error) {
    if (error instanceof NeedsSql || error instanceof ImageFormatError) return null;
    throw error;
  }
}

function layoutsOf(request: ScanAsideRequest): (table: string) => TableLayout | null {
  const layouts = new Map<string, TableLayout | null>();
  for (const parent of request.parents) layouts.set(parent.table, parent.layout);
  for (const job of request.jobs) layouts.set(job.rules.table, job.layout);
  return (table) => layouts.get(table) ?? null;
}

/** readDatalekRows over the image and layouts of a scan-aside request (the checked tables and their parents). */
export function readDatalekRowsAside(request: ScanAsideRequest): DatalekRows | null {
  return readDatalekRows(request.image, layoutsOf(request));
}

/**
 * On this thread, where nothing was read ahead: the rows read in the checks' passes over
 * the four tables (still to come for a table not yet checked, else a pass of its own), so
 * a snapshot opened with checks when needed reads them once instead of twice. Rows are
 * kept only when all four were read completely; otherwise the scan below reads them.
 */
function readAlongChecks(snapshot: OpenedSnapshot): void {
  if (snapshot.checkReading === undefined || readAhead.has(snapshot.db)) return;
  const along = datalekRowsAlong((table) => tableLayout(snapshot.db, table));
  if (along === null) return;
  snapshot.checkReading(RIDE_ORDER.map(([table]) => table), along.riders);
  const rows = along.rows();
  if (rows !== undefined) acceptDatalekRows(snapshot.db, rows);
}

/** The tables read, each after those it needs complete (a link or view needs the signals). */
const RIDE_ORDER: ReadonlyArray<readonly [SnapshotTable, readonly SnapshotTable[]]> = [
  ['inburgeraar', []], ['portaal_signaal', ['inburgeraar']], ['signaal_gegeven', ['portaal_signaal']], ['portaal_inzage', ['portaal_signaal']],
];

/**
 * The same rows read while the checks' passes read these tables anyway (the riders of
 * OpenedSnapshot.checkReading), instead of a second pass over 5.7 million rows. `rows()` gives
 * them when every table was read completely, once and in order, with no value only SQL
 * reads exactly; otherwise undefined, and the facts' own scan reads them. Null when a layout
 * these rows need is missing.
 */
export function datalekRowsAlong(layoutOf: (table: string) => TableLayout | null): { riders: ReadonlyMap<SnapshotTable, ScanRider>; rows(): DatalekRows | undefined } | null {
  const layouts = RIDE_ORDER.map(([table]) => layoutOf(table));
  const [persons, signals, links, views] = layouts;
  if (persons == null || signals == null || links == null || views == null) return null;
  let reader: DatalekRowReader;
  let visitors: Array<(row: RecordView) => void>;
  try {
    reader = new DatalekRowReader(persons, signals, () => false);
    visitors = [(row) => reader.person(row), (row) => reader.signal(row), reader.linkVisitor(links), reader.viewVisitor(views)];
  } catch (error) {
    if (error instanceof NeedsSql) return null;
    throw error;
  }
  const riders = new Map<SnapshotTable, VisitingRider>();
  RIDE_ORDER.forEach(([table, needs], index) => {
    riders.set(table, new VisitingRider(visitors[index]!, () => needs.every((needed) => riders.get(needed)?.complete === true)));
  });
  return {
    riders,
    rows: () => ([...riders.values()].every((rider) => rider.complete) ? { signals: reader.signalRows, views: reader.viewRows } : undefined),
  };
}
