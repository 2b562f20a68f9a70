// The overrun facts (facts.ts, computeOverrunFacts) read through the b-tree scanner instead
// of sql.js: the same values in the same order, so the SQL stays the reference and the
// fallback (null from scanOverrunFacts). At national scale the SQL took ≈ 0.5 s for 139,000
// overruns (a join, a subquery and five date expressions per row), on the path of the
// Overzicht's first headline figure. SQL's expressions are reproduced per value:
//   - the join i.id = t.inburgeraar_id: text equal byte for byte (TEXT affinity and the
//     BINARY collation are required);
//   - usableCondition and usablePersonCondition: the loader's skip sets as JavaScript sets,
//     and the person's municipality NULL or one of the usable GM codes (read by SQL itself);
//   - sqlDay(x): NULL unless x GLOBs 'dddd-dd-dd', then julianday(x) - 2440587.5; a value
//     that GLOBs but is no real date (SQLite would read it its own way) throws NeedsSql;
//   - monthIndex(x): year * 12 + month - 1 of the same dates;
//   - indexIn(BESLUITEN, besluit): the decision's position, for text equal to one;
//   - the row order of the query plan checked below (overruns in rowid order).
// Where the checks of inburgeraar and termijnoverschrijding are still to come, the rows are
// read in the checks' own passes (OpenedSnapshot.checkReading), as the ELIP and data-leak
// facts are: ≈ 0.15 s less than the checks and the SQL read at national scale.
import type { Database } from 'sql.js';
import type { RecordView } from '../../snapshot/btree';
import { ByteKeys } from '../../snapshot/key-sets';
import { dayOf } from '../../snapshot/row-tests';
import { selectRows } from '../../snapshot/sql';
import {
  columnIn, isBlob, layoutFor, NeedsSql, queryPlan, readThroughScanner, requireKeyOrder, requirePlainText, rowidOf, ScannedTable, textOf, utf8, VisitingRider,
} from '../../snapshot/table-scan';
import { tableLayout, type TableLayout } from '../../snapshot/table-layout';
import type { OpenedSnapshot } from '../../snapshot/types';
import { BESLUITEN } from '../../snapshot/vocabulary';
import { usableCondition } from '../common/sql';
import { NO_CODE, overrunFactsSql, type OverrunFacts } from './facts-queries';

const BESLUIT_BYTES = BESLUITEN.map(utf8);
const DASH = 45;

/** Whether the value is text that GLOBs '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'. */
function globsDate(row: RecordView, index: number): boolean {
  if (row.type(index) !== 33) return false; // text of 10 bytes; any other length or class does not match
  const bytes = row.bytes;
  const at = row.offsets[index]!;
  for (let k = 0; k < 10; k++) {
    const byte = bytes[at + k]!;
    if (k === 4 || k === 7 ? byte !== DASH : byte < 48 || byte > 57) return false;
  }
  return true;
}

/** sqlDay(x) as facts.ts reads it: a day number, NaN for SQL's NULL; NeedsSql where SQLite reads a date its own way. */
function sqlDayOf(row: RecordView, index: number): number {
  if (isBlob(row, index)) throw new NeedsSql('a date stored as a blob'); // GLOB would read its bytes as text
  if (!globsDate(row, index)) return Number.NaN;
  const day = dayOf(row, index);
  if (Number.isNaN(day)) throw new NeedsSql('a date that is not a real date');
  return day;
}

/** monthIndex(x) of a value sqlDayOf read as a day (NaN stays NaN). */
function monthOf(row: RecordView, index: number, day: number): number {
  if (Number.isNaN(day)) return Number.NaN;
  const bytes = row.bytes;
  const at = row.offsets[index]!;
  const digit = (k: number): number => bytes[at + k]! - 48;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  return year * 12 + digit(5) * 10 + digit(6) - 1;
}

/** Require the plan that reads the overruns in rowid order and each one's person by its key. */
function requireOverrunPlan(db: Database): void {
  const plan = queryPlan(db, overrunFactsSql(db)).filter((detail) => /^(SCAN|SEARCH) (t|i)\b/.test(detail));
  const expected = ['SCAN t', 'SEARCH i USING PRIMARY KEY (id=?)'];
  if (plan.length !== expected.length || plan.some((detail, index) => detail !== expected[index])) throw new NeedsSql(`overruns read by ${plan.join('; ')}`);
}

/**
 * The overrun facts from the records handed to `person` (inburgeraar, in key order) and then
 * `overrun` (termijnoverschrijding, in rowid order), whichever pass hands them over.
 */
class OverrunReader {
  private readonly keys = new ByteKeys();
  private usable = new Uint8Array(1 << 16);
  private persons = 0;
  private municipalityHint = -1;
  private personHint = -1;
  private readonly columns: [number[], number[], number[], number[], number[], number[]] = [[], [], [], [], [], []];
  private readonly id: number;
  private readonly gemeente: number;
  private readonly personId: number;
  private readonly termijnEinde: number;
  private readonly aankondiging: number;
  private readonly afspraak: number;
  private readonly besluitOp: number;
  private readonly besluit: number;

  constructor(
    persons: TableLayout,
    overruns: TableLayout,
    /** usablePersonCondition's municipalities, by their bytes. */
    private readonly municipalities: ByteKeys,
    /** The loader's skip sets; empty while the checks that make them are still reading. */
    private readonly skippedPersons: ReadonlySet<string>,
    private readonly skippedOverruns: ReadonlySet<number>,
  ) {
    if (!persons.withoutRowid) throw new NeedsSql('inburgeraar has rowids');
    if (overruns.withoutRowid) throw new NeedsSql('termijnoverschrijding has no rowids');
    this.id = columnIn(persons, 'id');
    this.gemeente = columnIn(persons, 'gemeente_code');
    this.personId = columnIn(overruns, 'inburgeraar_id');
    this.termijnEinde = columnIn(overruns, 'termijn_einde');
    this.aankondiging = columnIn(overruns, 'aankondiging_op');
    this.afspraak = columnIn(overruns, 'afspraak_op');
    this.besluitOp = columnIn(overruns, 'besluit_op');
    this.besluit = columnIn(overruns, 'besluit');
  }

  /** A person: its key, and whether usablePersonCondition holds for it. */
  person(row: RecordView): void {
    const { id, gemeente } = this;
    if (!row.isText(id)) throw new NeedsSql('an id that is not text');
    this.keys.add(row.bytes, row.offsets[id]!, row.byteLength(id));
    let ok = this.skippedPersons.size === 0 || !this.skippedPersons.has(textOf(row, id));
    if (ok && !row.isNull(gemeente)) {
      if (!row.isText(gemeente)) throw new NeedsSql('a municipality code that is not text');
      const found = this.municipalities.find(row.bytes, row.offsets[gemeente]!, row.byteLength(gemeente), this.municipalityHint);
      if (found >= 0) this.municipalityHint = found;
      ok = found >= 0;
    }
    if (this.persons === this.usable.length) {
      const grown = new Uint8Array(this.usable.length * 2);
      grown.set(this.usable);
      this.usable = grown;
    }
    this.usable[this.persons++] = ok ? 1 : 0;
  }

  /** An overrun, kept when SQL's join and WHERE keep it. */
  overrun(row: RecordView): void {
    const personId = this.personId;
    if (!row.isText(personId)) {
      if (isBlob(row, personId)) throw new NeedsSql('a person id that is a blob');
      return; // NULL joins no person
    }
    const person = this.keys.find(row.bytes, row.offsets[personId]!, row.byteLength(personId), this.personHint);
    if (person < 0) return;
    this.personHint = person;
    if (this.usable[person] !== 1 || (this.skippedOverruns.size > 0 && this.skippedOverruns.has(rowidOf(row)))) return;
    const [ends, months, announced, appointments, decided, decisions] = this.columns;
    const end = sqlDayOf(row, this.termijnEinde);
    ends.push(end);
    months.push(monthOf(row, this.termijnEinde, end));
    announced.push(sqlDayOf(row, this.aankondiging));
    appointments.push(sqlDayOf(row, this.afspraak));
    decided.push(sqlDayOf(row, this.besluitOp));
    let code = NO_CODE;
    for (let k = 0; k < BESLUIT_BYTES.length && code === NO_CODE; k++) if (row.textEquals(this.besluit, BESLUIT_BYTES[k]!)) code = k;
    decisions.push(code);
  }

  facts(): OverrunFacts {
    const [ends, months, announced, appointments, decided, decisions] = this.columns;
    return {
      count: ends.length,
      termijnEinde: Float64Array.from(ends),
      month: Float64Array.from(months),
      aankondiging: Float64Array.from(announced),
      afspraak: Float64Array.from(appointments),
      besluitOp: Float64Array.from(decided),
      besluit: Uint8Array.from(decisions),
    };
  }
}


/**
 * The overrun facts read through the scanner, or null when only SQL can promise them. Where
 * the checks of inburgeraar and termijnoverschrijding are still to come, the facts are read
 * in their passes (OpenedSnapshot.checkReading); they are kept when both passes read every
 * row and nothing is skipped, and read again with the skip sets otherwise.
 */
export function scanOverrunFacts(snapshot: OpenedSnapshot): OverrunFacts | null {
  const db = snapshot.db;
  return readThroughScanner(db, (image) => {
    requireKeyOrder(db, 'inburgeraar', 'id');
    requirePlainText(db, 'inburgeraar', ['gemeente_code']);
    requirePlainText(db, 'termijnoverschrijding', ['inburgeraar_id']);
    requirePlainText(db, 'gemeente', ['code']);
    const persons = layoutFor((table) => tableLayout(db, table), 'inburgeraar');
    const overruns = layoutFor((table) => tableLayout(db, table), 'termijnoverschrijding');
    // usablePersonCondition's municipalities, read by its own SQL (a few hundred rows; it checks gemeente).
    const municipalities = new ByteKeys();
    for (const [code] of selectRows(db, `SELECT g.code FROM gemeente g WHERE ${usableCondition(db, 'gemeente', 'g')} AND g.code GLOB 'GM[0-9][0-9][0-9][0-9]'`)) {
      if (typeof code !== 'string') continue; // a blob equals no text
      const bytes = utf8(code);
      municipalities.add(bytes, 0, bytes.length);
    }
    const none = new Set<never>();
    const along = new OverrunReader(persons, overruns, municipalities, none, none);
    const personRider = new VisitingRider((row) => along.person(row));
    const overrunRider = new VisitingRider((row) => along.overrun(row), () => personRider.complete);
    snapshot.checkReading?.(['inburgeraar', 'termijnoverschrijding'], new Map([['inburgeraar', personRider], ['termijnoverschrijding', overrunRider]]));

    // The same checks as the SQL read triggers: termijnoverschrijding, inburgeraar, gemeente.
    const skippedOverruns = snapshot.skipped.termijnoverschrijding;
    const skippedPersons = snapshot.skippedKeys?.inburgeraar;
    if (skippedOverruns === undefined || skippedPersons === undefined) throw new NeedsSql('skip sets of other shapes');
    requireOverrunPlan(db);
    if (personRider.complete && overrunRider.complete && skippedPersons.size === 0 && skippedOverruns.size === 0) return along.facts();
    const reader = new OverrunReader(persons, overruns, municipalities, skippedPersons, skippedOverruns);
    new ScannedTable(image, persons).scan((row) => reader.person(row));
    new ScannedTable(image, overruns).scan((row) => reader.overrun(row));
    return reader.facts();
  });
}
