// Reading the data-leak facts' rows from records, one row at a time, whichever pass hands
// them over: this thread's own scans (facts-scan.ts), a read on another thread, or the
// checks' pass on that thread riding along (shared/snapshot/findings-scan.ts, ScanRider).
// Owns how each row of inburgeraar, portaal_signaal, signaal_gegeven and portaal_inzage
// becomes a value of UNLAWFUL_SIGNALS_SQL's rows or of the views read ahead; facts-scan.ts
// owns when that reading may stand for SQL's. The tables must be handed over in that order
// (persons, signals, their categories, views), each completely.
import type { SqlValue } from 'sql.js';
import type { RecordView } from '../../snapshot/btree';
import { ByteKeys, IntegerMap } from '../../snapshot/key-sets';
import { secondsOf } from '../../snapshot/row-tests';
import { columnIn, isBlob, NeedsSql, rowidOf, sqlValueOf, textOf } from '../../snapshot/table-scan';
import { ROWID_COLUMN, type TableLayout } from '../../snapshot/table-layout';
import { OPEN_END } from './facts-queries';

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
export function secondsOrNull(row: RecordView, index: number): number | null {
  if (row.isNull(index)) return null;
  const seconds = secondsOf(row, index);
  if (Number.isNaN(seconds)) throw new NeedsSql('an instant that is not strictly written');
  return seconds;
}



/**
 * UNLAWFUL_SIGNALS_SQL's rows and the views of those signals, built from the records handed
 * to `person`, then `signal`, then the visitors of `linkVisitor` and `viewVisitor`, each table
 * in b-tree order. A signal row `skipped` says so gets no instants (the visitor of the rows
 * never looks at them, so they need not be readable). NeedsSql from any of them: a value
 * only SQL reads exactly.
 */
export class DatalekRowReader {
  /** UNLAWFUL_SIGNALS_SQL's rows, in rowid order; their categories once the links are read. */
  readonly signalRows: SqlValue[][] = [];
  /** [rowid, signal id, seconds, user] of each view of a signal read, in rowid order; null at a signal id that is not an integer. */
  viewRows: SqlValue[][] | null = [];
  private readonly rowOfSignal = new IntegerMap();
  private readonly personKeys = new ByteKeys();
  private readonly stelsels = new TextColumn();
  private readonly gemeenten = new TextColumn();
  private hint = -1;
  private readonly personId: number;
  private readonly personStelsel: number;
  private readonly personGemeente: number;
  private readonly signalPerson: number;
  private readonly signalStelsel: number;
  private readonly signalGemeente: number;
  private readonly from: number;
  private readonly to: number;

  constructor(persons: TableLayout, signals: TableLayout, private readonly skipped: (rowid: number, person: string) => boolean) {
    this.personId = columnIn(persons, 'id');
    this.personStelsel = columnIn(persons, 'stelsel');
    this.personGemeente = columnIn(persons, 'gemeente_code');
    if (signals.withoutRowid || columnIn(signals, 'id') !== ROWID_COLUMN) throw new NeedsSql('portaal_signaal.id is not its rowid');
    this.signalPerson = columnIn(signals, 'inburgeraar_id');
    this.signalStelsel = columnIn(signals, 'stelsel');
    this.signalGemeente = columnIn(signals, 'gemeente_code');
    this.from = columnIn(signals, 'zichtbaar_vanaf');
    this.to = columnIn(signals, 'zichtbaar_tot');
  }

  /** A person: its id, stelsel and municipality code, numbered by value. */
  person(row: RecordView): void {
    const id = this.personId;
    if (!row.isText(id)) throw new NeedsSql('an id that is not text');
    this.personKeys.add(row.bytes, row.offsets[id]!, row.byteLength(id));
    this.stelsels.add(row, this.personStelsel);
    this.gemeenten.add(row, this.personGemeente);
  }

  /** A signal, kept when SQL's WHERE keeps it ('SCAN s', rowid order). */
  signal(row: RecordView): void {
    const personId = this.signalPerson;
    if (!row.isText(personId)) {
      if (isBlob(row, personId)) throw new NeedsSql('a person id that is a blob');
      return; // NULL joins no person
    }
    const person = this.personKeys.find(row.bytes, row.offsets[personId]!, row.byteLength(personId), this.hint);
    if (person < 0) return;
    this.hint = person;
    // s.stelsel <> i.stelsel, and i.gemeente_code IS NULL OR i.gemeente_code <> s.gemeente_code.
    const stelselDiffers = this.stelsels.isNull(person) ? null : this.stelsels.differs(person, row, this.signalStelsel);
    const gemeenteDiffers = this.gemeenten.isNull(person) ? 1 : this.gemeenten.differs(person, row, this.signalGemeente);
    if (stelselDiffers !== 1 && gemeenteDiffers !== 1) return; // false or NULL: not kept
    const causes = stelselDiffers === null || gemeenteDiffers === null ? null : stelselDiffers | (gemeenteDiffers << 1);
    const rowid = rowidOf(row);
    const personValue = textOf(row, personId);
    const unread = this.skipped(rowid, personValue);
    const start = unread ? null : secondsOrNull(row, this.from);
    const end = unread ? null : row.isNull(this.to) ? OPEN_END : secondsOrNull(row, this.to);
    this.rowOfSignal.set(rowid, this.signalRows.length);
    this.signalRows.push([rowid, rowid, causes, personValue, sqlValueOf(row, this.signalGemeente), start, end, null]);
  }

  /** Whether any signal was read (else no category needs reading). */
  get signalsRead(): boolean {
    return this.signalRows.length > 0;
  }

  /** The visitor of signaal_gegeven: each category of a signal read, in primary key order ('SEARCH g USING PRIMARY KEY'). */
  linkVisitor(links: TableLayout): (row: RecordView) => void {
    const signalId = columnIn(links, 'signaal_id');
    const category = columnIn(links, 'categorie');
    return (row) => {
      if (!row.isInteger(signalId)) return; // INTEGER affinity: a text or REAL equals no integer id
      const at = this.rowOfSignal.get(row.integer(signalId));
      if (Number.isNaN(at)) return;
      if (row.isNull(category)) return; // group_concat leaves NULL out
      if (!row.isText(category)) throw new NeedsSql('a category that is not text');
      const signalRow = this.signalRows[at]!;
      const code = textOf(row, category);
      signalRow[7] = signalRow[7] === null ? code : `${String(signalRow[7])}\u001f${code}`;
    };
  }

  /** The visitor of portaal_inzage: each view of a signal read; the views are given up at a signal id that is not an integer. */
  viewVisitor(views: TableLayout): (row: RecordView) => void {
    if (views.withoutRowid) throw new NeedsSql('portaal_inzage has no rowids');
    const signalId = columnIn(views, 'signaal_id');
    const seen = columnIn(views, 'ingezien_op');
    const user = columnIn(views, 'gebruiker');
    return (row) => {
      const rows = this.viewRows;
      if (rows === null) return;
      if (!row.isInteger(signalId)) {
        this.viewRows = null;
        return;
      }
      const signal = sqlValueOf(row, signalId) as number;
      if (Number.isNaN(this.rowOfSignal.get(signal))) return;
      rows.push([rowidOf(row), signal, secondsOrNull(row, seen), sqlValueOf(row, user)]);
    };
  }
}
