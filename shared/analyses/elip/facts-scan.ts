// The ELIP facts read through the b-tree scanner (shared/snapshot/table-scan.ts) instead of
// sql.js: the same values as the SQL of facts-sql.ts, which stays the reference and the
// fallback (null from these functions). The SQL's expressions are reproduced per value:
//   - CASE stelsel/doelgroep, status = 'lopend': text equal byte for byte (the columns must
//     have TEXT affinity and the BINARY collation); a NULL status makes SQL's whole code NULL;
//   - julianday(date) - 2440587.5: the day number of a strictly written date, NaN for NULL;
//   - CAST(substr(gemeente_code, 3) AS INTEGER): the digits after two ASCII characters;
//   - the loader's skip sets as JavaScript sets (the same rows as its TEMP skip tables);
//   - ORDER BY i.id: the primary key order of inburgeraar (one column, ascending, BINARY);
//   - the payments of a person in (day, rowid) order, which is the order SQL's group_concat
//     yields once facts.ts has sorted it by day, for the query plans checked below.
// Any other value in a row that matters (a date not strictly written, a REAL amount) throws
// NeedsSql, and facts.ts reads through SQL instead.
import type { Database } from 'sql.js';
import type { RecordView } from '../../snapshot/btree';
import type { TableLayout } from '../../snapshot/table-layout';
import { ByteKeys } from '../../snapshot/key-sets';
import { dayOf } from '../../snapshot/row-tests';
import {
  columnIn, indexColumns, isBlob, NeedsSql, queryPlan, readThroughScanner, requireKeyOrder, requirePlainText, rowidOf, scannedTable, textOf, utf8, VisitingRider,
} from '../../snapshot/table-scan';
import type { OpenedSnapshot } from '../../snapshot/types';
import { DOELGROEPEN, STELSELS, type Doelgroep } from '../../snapshot/vocabulary';
import {
  LoanTimelinesBuilder, loanTimelinesSql, municipalitiesOf, personCapacity, PersonFactsBuilder, WI2013, type LoanTimelines, type PersonFacts,
} from './facts-sql';

const STELSEL_BYTES = STELSELS.map(utf8);
const DOELGROEP_BYTES = DOELGROEPEN.map(utf8);
const LOPEND = utf8('lopend');

/** SQL's `CASE column WHEN values[0] THEN 0 … ELSE values.length END` on a TEXT/BINARY column. */
function codeOf(row: RecordView, index: number, values: readonly Uint8Array[]): number {
  for (let code = 0; code < values.length; code++) if (row.textEquals(index, values[code]!)) return code;
  return values.length;
}

/** SQL's `julianday(x) - 2440587.5`: a day number, NaN for NULL; NeedsSql for anything but a strict date. */
function dayOrNaN(row: RecordView, index: number): number {
  if (row.isNull(index)) return Number.NaN;
  const day = dayOf(row, index);
  if (Number.isNaN(day)) throw new NeedsSql('a date that is not strictly written');
  return day;
}

/**
 * SQL's `CASE WHEN x IS NULL THEN -1 ELSE CAST(substr(x, 3) AS INTEGER) END` for a text of
 * two ASCII characters and up to 15 digits (an empty rest casts to 0); NeedsSql otherwise.
 */
function gemeenteNumber(row: RecordView, index: number): number {
  if (row.isNull(index)) return -1;
  if (!row.isText(index)) throw new NeedsSql('a municipality code that is not text');
  const bytes = row.bytes;
  const at = row.offsets[index]!;
  const length = row.byteLength(index);
  if ((length > 0 && bytes[at]! >= 0x80) || (length > 1 && bytes[at + 1]! >= 0x80)) throw new NeedsSql('a municipality code of other characters');
  if (length - 2 > 15) throw new NeedsSql('a long municipality code');
  let value = 0;
  for (let k = 2; k < length; k++) {
    const digit = bytes[at + k]! - 48;
    if (digit < 0 || digit > 9) throw new NeedsSql('a municipality code that is not two characters and digits');
    value = value * 10 + digit;
  }
  return value;
}

/** The person facts read through the scanner, or null when only SQL can promise them. */
export function scanPersonFacts(snapshot: OpenedSnapshot): PersonFacts | null {
  const db = snapshot.db;
  return readThroughScanner(db, (image) => {
    // The same checks as computePersonFacts triggers: gemeente, then inburgeraar.
    const { list: municipalities, byNumber } = municipalitiesOf(db);
    const skipped = snapshot.skippedKeys?.inburgeraar;
    if (skipped === undefined) throw new NeedsSql('inburgeraar is not skipped by key');
    requireKeyOrder(db, 'inburgeraar', 'id');
    requirePlainText(db, 'inburgeraar', ['stelsel', 'doelgroep', 'status']);
    const table = scannedTable(db, image, 'inburgeraar');
    if (!table.layout.withoutRowid) throw new NeedsSql('inburgeraar has rowids');
    const id = table.column('id');
    const stelsel = table.column('stelsel');
    const doelgroep = table.column('doelgroep');
    const status = table.column('status');
    const gemeente = table.column('gemeente_code');
    const plichtStart = table.column('plicht_start');
    const termijnEinde = table.column('termijn_einde');
    const statusDatum = table.column('status_datum');
    const checkSkipped = skipped.size > 0;
    const builder = new PersonFactsBuilder(personCapacity(db), byNumber);
    table.scan((row) => {
      let codes = 0; // a NULL status makes SQL's sum NULL, read as 0
      if (!row.isNull(status)) {
        let usable = 1;
        if (checkSkipped) {
          if (!row.isText(id)) throw new NeedsSql('an id that is not text');
          if (skipped.has(textOf(row, id))) usable = 0;
        }
        codes = codeOf(row, stelsel, STELSEL_BYTES) * 16 + codeOf(row, doelgroep, DOELGROEP_BYTES) * 4 + (row.textEquals(status, LOPEND) ? 2 : 0) + usable;
      }
      const person = builder.add(codes, (codes & 1) === 1 ? gemeenteNumber(row, gemeente) : -1);
      if (person >= 0) builder.setDates(person, dayOrNaN(row, plichtStart), dayOrNaN(row, termijnEinde), dayOrNaN(row, statusDatum));
    });
    return builder.finish(municipalities);
  });
}

/**
 * Require that SQL reaches a person's payments in (datum, rowid) or rowid order: through an
 * index on (inburgeraar_id) or (inburgeraar_id, datum ascending, BINARY), or by a plain scan.
 * Either way the payments of a person, once sorted by day (stable), are in (day, rowid) order.
 */
function requirePaymentOrder(db: Database, sql: string): void {
  const step = queryPlan(db, sql).find((detail) => / b\b/.test(detail) && /^(SEARCH|SCAN) b\b/.test(detail));
  if (step === undefined) throw new NeedsSql('no plan step for the payments');
  if (step === 'SCAN b') return;
  const match = /^SEARCH b USING (?:COVERING )?INDEX (\S+) \(inburgeraar_id=\?\)$/.exec(step);
  if (match === null) throw new NeedsSql(`payments read by ${step}`);
  const columns = indexColumns(db, match[1]!);
  const [first, second] = columns;
  const rowidNext = second !== undefined && second.name === null;
  const datumNext = second !== undefined && second.name === 'datum' && !second.descending && second.collation === 'BINARY';
  if (first?.name !== 'inburgeraar_id' || !(rowidNext || datumNext)) throw new NeedsSql(`payments read through index ${match[1]!}`);
}

/** Growable columns of the payments read, in rowid order. */
class Payments {
  entry = new Int32Array(1 << 20);
  day = new Float64Array(1 << 20);
  amount = new Float64Array(1 << 20);
  count = 0;
  /** Whether the entries so far are in order (each person's payments together, persons in key order). */
  grouped = true;

  push(entry: number, day: number, amount: number): void {
    if (this.count > 0 && entry < this.entry[this.count - 1]!) this.grouped = false;
    if (this.count === this.entry.length) {
      const length = this.entry.length * 2;
      const entries = new Int32Array(length);
      entries.set(this.entry);
      const days = new Float64Array(length);
      days.set(this.day);
      const amounts = new Float64Array(length);
      amounts.set(this.amount);
      this.entry = entries;
      this.day = days;
      this.amount = amounts;
    }
    this.entry[this.count] = entry;
    this.day[this.count] = day;
    this.amount[this.count] = amount;
    this.count++;
  }
}

/**
 * The visitor of lening_betaling's rows: the usable payments of the persons in `keys`, in
 * rowid order. A payment whose datum or amount is NULL is no part of group_concat; one SQL
 * would read otherwise than as a strict date and an integer is marked NaN and refused later
 * if it belongs to a usable person. `skipped`: the rows the loader skips, null for none.
 */
function paymentVisitor(layout: TableLayout, keys: ByteKeys, payments: Payments, skipped: ReadonlySet<number> | null): (row: RecordView) => void {
  if (layout.withoutRowid) throw new NeedsSql('lening_betaling has no rowids');
  const personId = columnIn(layout, 'inburgeraar_id');
  const datum = columnIn(layout, 'datum');
  const amount = columnIn(layout, 'bedrag_cent');
  let hint = -1;
  return (row) => {
    if (!row.isText(personId)) {
      if (isBlob(row, personId)) throw new NeedsSql('a person id that is a blob');
      return; // NULL: equal to no id
    }
    const entry = keys.find(row.bytes, row.offsets[personId]!, row.byteLength(personId), hint);
    if (entry < 0) return;
    hint = entry;
    if (skipped !== null && skipped.has(rowidOf(row))) return;
    if (row.isNull(datum) || row.isNull(amount)) return;
    payments.push(entry, dayOf(row, datum), row.isInteger(amount) ? row.integer(amount) : Number.NaN);
  };
}

/**
 * The payments read in the check's own pass over lening_betaling, when that check is still
 * to come and finds the table certainly clean (so no row is skipped): the table is then read
 * once instead of twice. Undefined otherwise, and the table is read on its own.
 */
function paymentsAlongCheck(snapshot: OpenedSnapshot, layout: TableLayout, keys: ByteKeys): Payments | undefined {
  if (snapshot.checkReading === undefined) return undefined;
  const payments = new Payments();
  let visit: (row: RecordView) => void;
  try {
    visit = paymentVisitor(layout, keys, payments, null);
  } catch (error) {
    if (error instanceof NeedsSql) return undefined;
    throw error;
  }
  const rider = new VisitingRider(visit);
  snapshot.checkReading(['lening_betaling'], new Map([['lening_betaling', rider]]));
  // A pass over a table already checked reads its skipped rows too: taken only when there are none.
  return rider.complete && snapshot.skipped.lening_betaling?.size === 0 ? payments : undefined;
}

/** The loan timelines of a target group read through the scanner, or null when only SQL can promise them. */
export function scanLoanTimelines(snapshot: OpenedSnapshot, facts: PersonFacts, doelgroep: Doelgroep): LoanTimelines | null {
  const db = snapshot.db;
  return readThroughScanner(db, (image) => {
    requireKeyOrder(db, 'inburgeraar', 'id');
    requirePlainText(db, 'inburgeraar', ['stelsel', 'doelgroep']);
    requirePlainText(db, 'lening_betaling', ['inburgeraar_id']);

    // SQL's rows: the persons with stelsel = 'Wi2013' AND doelgroep = X, in id order.
    const group = DOELGROEPEN.indexOf(doelgroep);
    const persons = scannedTable(db, image, 'inburgeraar');
    const id = persons.column('id');
    const stelsel = persons.column('stelsel');
    const doelgroepColumn = persons.column('doelgroep');
    const keys = new ByteKeys();
    persons.scan((row) => {
      if (!row.textEquals(stelsel, STELSEL_BYTES[WI2013]!) || !row.textEquals(doelgroepColumn, DOELGROEP_BYTES[group]!)) return;
      if (!row.isText(id)) throw new NeedsSql('an id that is not text');
      keys.add(row.bytes, row.offsets[id]!, row.byteLength(id));
    });

    // Their usable payments in rowid order, read in lening_betaling's check where it can be.
    const table = scannedTable(db, image, 'lening_betaling');
    const along = paymentsAlongCheck(snapshot, table.layout, keys);
    const sql = loanTimelinesSql(db, doelgroep); // checks lening_betaling, as the SQL read does
    const skipped = snapshot.skipped.lening_betaling;
    if (skipped === undefined) throw new NeedsSql('lening_betaling is not skipped by rowid');
    requirePaymentOrder(db, sql);
    let payments = along;
    if (payments === undefined) {
      payments = new Payments();
      table.scan(paymentVisitor(table.layout, keys, payments, skipped.size > 0 ? skipped : null));
    }

    // Per person in SQL's row order, each in rowid order: payments are mostly stored person
    // after person; otherwise a stable counting sort groups them.
    const starts = new Int32Array(keys.size + 1);
    for (let k = 0; k < payments.count; k++) starts[payments.entry[k]! + 1]!++;
    for (let entry = 0; entry < keys.size; entry++) starts[entry + 1]! += starts[entry]!;
    let order: Int32Array | null = null;
    if (!payments.grouped) {
      order = new Int32Array(payments.count);
      const next = starts.slice(0, keys.size);
      for (let k = 0; k < payments.count; k++) order[next[payments.entry[k]!]!++] = k;
    }
    const builder = new LoanTimelinesBuilder(facts, group, payments.count);
    for (let entry = 0; entry < keys.size; entry++) {
      const person = builder.nextRow();
      const from = starts[entry]!;
      const n = starts[entry + 1]! - from;
      if (person < 0 || n === 0) continue; // no payments: SQL's group_concat is NULL
      builder.reserve(n);
      for (let k = 0; k < n; k++) {
        const payment = order === null ? from + k : order[from + k]!;
        const day = payments.day[payment]!;
        const value = payments.amount[payment]!;
        if (Number.isNaN(day) || Number.isNaN(value)) throw new NeedsSql('a payment SQL reads otherwise');
        builder.personDays[k] = day;
        builder.personAmounts[k] = value;
      }
      builder.addPerson(person, n);
    }
    return builder.finish();
  });
}
