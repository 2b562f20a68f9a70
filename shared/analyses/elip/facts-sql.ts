// The ELIP facts as SQL reads them (the reference), and the builders that turn read rows
// into facts, shared with the b-tree read (facts-scan.ts): the person facts and the loan
// timelines of facts.ts, which chooses the read per session.
import type { Database } from 'sql.js';
import { forEachRow, selectRows } from '../../snapshot/sql';
import { numberOrNaN, sqlText, usableCondition } from '../common/sql';
import { yearOfDay } from '../../dates';
import { DOELGROEPEN, STELSELS, type Doelgroep } from '../../snapshot/vocabulary';

/** Code of a value outside the enumerations (such a person matches no filter). */
export const UNKNOWN_CODE = 255;
export const NO_MUNICIPALITY = -1;
export const WI2013 = 1;

export interface Municipality {
  code: string;
  naam: string;
}

export interface PersonFacts {
  /** Persons in id order, usable ones only (not skipped, municipality known or NULL). */
  count: number;
  /** Index into STELSELS, or UNKNOWN_CODE. */
  stelsel: Uint8Array;
  /** Index into DOELGROEPEN, or UNKNOWN_CODE. */
  doelgroep: Uint8Array;
  /** Day numbers; NaN for NULL, so every comparison is false as in SQL. */
  plichtStart: Float64Array;
  termijnEinde: Float64Array;
  statusDatum: Float64Array;
  /** 1 when status = 'lopend'. */
  lopend: Uint8Array;
  /** Calendar year of plicht_start (the cohort), 0 when unknown. */
  cohort: Uint16Array;
  /** Index into `municipalities`, or NO_MUNICIPALITY. */
  municipality: Int32Array;
  municipalities: Municipality[];
  /** Persons left out: skipped by the loader, or pointing at an unknown municipality. */
  personsLeftOut: number;
  /** Per person of the scan (usable or not, id order): its index among usable persons, or -1. */
  scanToPerson: Int32Array;
  /** Per person of the scan: stelsel code * 4 + doelgroep code (to align later scans). */
  scanGroup: Uint8Array;
}

/** The loan timelines of the Wi2013 persons of one target group. */
export interface LoanTimelines {
  /** Index into DOELGROEPEN. */
  doelgroep: number;
  /** Payments of person p are at [offset[p], offset[p + 1]); empty for persons of other groups. */
  offset: Int32Array;
  /** Payment day numbers, non-decreasing within a person. */
  day: Float64Array;
  /** Running sum of the person's amounts up to and including this payment (cents). */
  cumulative: Float64Array;
}

/** The usable municipalities (valid code) in code order, and their index by code number. */
export function municipalitiesOf(db: Database): { list: Municipality[]; byNumber: Int32Array } {
  const usable = usableCondition(db, 'gemeente', 'g');
  const rows = selectRows(db, `SELECT code, naam FROM gemeente g WHERE ${usable} AND code GLOB 'GM[0-9][0-9][0-9][0-9]' ORDER BY code`);
  const byNumber = new Int32Array(10_000).fill(-1);
  const list = rows.map((row, index) => {
    byNumber[Number(String(row[0]).slice(2))] = index;
    return { code: String(row[0]), naam: String(row[1]) };
  });
  return { list, byNumber };
}

const caseOf = (column: string, values: readonly string[]): string =>
  `CASE ${column} ${values.map((value, code) => `WHEN ${sqlText(value)} THEN ${code}`).join(' ')} ELSE ${values.length} END`;
const STELSEL_CASE = caseOf('i.stelsel', STELSELS);
const DOELGROEP_CASE = caseOf('i.doelgroep', DOELGROEPEN);

/**
 * The persons as they are read, one at a time in id order, into the typed arrays of
 * PersonFacts. Shared by the SQL read below and the b-tree read (facts-scan.ts), so both
 * turn the same values into the same facts.
 */
export class PersonFactsBuilder {
  private readonly stelsel: Uint8Array;
  private readonly doelgroep: Uint8Array;
  private readonly plichtStart: Float64Array;
  private readonly termijnEinde: Float64Array;
  private readonly statusDatum: Float64Array;
  private readonly lopend: Uint8Array;
  private readonly cohort: Uint16Array;
  private readonly municipality: Int32Array;
  private readonly scanToPerson: Int32Array;
  private readonly scanGroup: Uint8Array;
  private scanned = 0;
  private count = 0;

  constructor(
    private readonly capacity: number,
    private readonly byNumber: Int32Array,
  ) {
    this.stelsel = new Uint8Array(capacity);
    this.doelgroep = new Uint8Array(capacity);
    this.plichtStart = new Float64Array(capacity);
    this.termijnEinde = new Float64Array(capacity);
    this.statusDatum = new Float64Array(capacity);
    this.lopend = new Uint8Array(capacity);
    this.cohort = new Uint16Array(capacity);
    this.municipality = new Int32Array(capacity);
    this.scanToPerson = new Int32Array(capacity).fill(-1);
    this.scanGroup = new Uint8Array(capacity);
  }

  /**
   * The next person of the scan: `codes` = stelsel code * 16 + doelgroep code * 4 + lopend * 2
   * + usable (0 when SQL's expression is NULL), `gemeenteNumber` the number of its
   * municipality code (-1: none). Returns its index among the usable persons, or -1 when it
   * is left out (then its dates are not needed).
   */
  add(codes: number, gemeenteNumber: number): number {
    if (this.scanned >= this.capacity) return -1;
    const scan = this.scanned++;
    const stelselCode = codes >> 4;
    const doelgroepCode = (codes >> 2) & 3;
    this.scanGroup[scan] = stelselCode * 4 + doelgroepCode;
    const byNumber = this.byNumber;
    const municipalityIndex =
      gemeenteNumber === -1 ? NO_MUNICIPALITY : gemeenteNumber >= 0 && gemeenteNumber < byNumber.length ? byNumber[gemeenteNumber]! : -1;
    if ((codes & 1) !== 1 || (gemeenteNumber !== -1 && municipalityIndex < 0)) return -1;
    const count = this.count++;
    this.scanToPerson[scan] = count;
    this.stelsel[count] = stelselCode < STELSELS.length ? stelselCode : UNKNOWN_CODE;
    this.doelgroep[count] = doelgroepCode < DOELGROEPEN.length ? doelgroepCode : UNKNOWN_CODE;
    this.lopend[count] = (codes >> 1) & 1;
    this.municipality[count] = municipalityIndex;
    return count;
  }

  /** The dates of a usable person as day numbers (NaN for NULL). */
  setDates(person: number, start: number, termijnEinde: number, statusDatum: number): void {
    this.plichtStart[person] = start;
    this.termijnEinde[person] = termijnEinde;
    this.statusDatum[person] = statusDatum;
    this.cohort[person] = Number.isNaN(start) ? 0 : yearOfDay(start);
  }

  finish(municipalities: Municipality[]): PersonFacts {
    const count = this.count;
    return {
      count,
      stelsel: this.stelsel.slice(0, count),
      doelgroep: this.doelgroep.slice(0, count),
      plichtStart: this.plichtStart.slice(0, count),
      termijnEinde: this.termijnEinde.slice(0, count),
      statusDatum: this.statusDatum.slice(0, count),
      lopend: this.lopend.slice(0, count),
      cohort: this.cohort.slice(0, count),
      municipality: this.municipality.slice(0, count),
      municipalities,
      personsLeftOut: this.capacity - count,
      scanToPerson: this.scanToPerson.slice(0, this.scanned),
      scanGroup: this.scanGroup.slice(0, this.scanned),
    };
  }
}

/** Read the persons through SQL: one scan in id order, codes packed into one integer. */
export function computePersonFacts(db: Database): PersonFacts {
  const { list: municipalities, byNumber } = municipalitiesOf(db);
  const usablePerson = usableCondition(db, 'inburgeraar', 'i');
  const builder = new PersonFactsBuilder(personCapacity(db), byNumber);
  // Hot path: plain julianday() (the loader has already skipped rows with invalid dates),
  // because every column read through sql.js costs time.
  forEachRow(
    db,
    `SELECT (${STELSEL_CASE}) * 16 + (${DOELGROEP_CASE}) * 4 + (i.status = 'lopend') * 2 + (${usablePerson}),
            julianday(i.plicht_start) - 2440587.5, julianday(i.termijn_einde) - 2440587.5, julianday(i.status_datum) - 2440587.5,
            CASE WHEN i.gemeente_code IS NULL THEN -1 ELSE CAST(substr(i.gemeente_code, 3) AS INTEGER) END
       FROM inburgeraar i ORDER BY i.id`,
    (row) => {
      const person = builder.add(Number(row[0]), Number(row[4]));
      if (person >= 0) builder.setDates(person, numberOrNaN(row[1]), numberOrNaN(row[2]), numberOrNaN(row[3]));
    },
  );
  return builder.finish(municipalities);
}

/** The number of rows of inburgeraar: the size of the scan. */
export function personCapacity(db: Database): number {
  return Number(selectRows(db, 'SELECT count(*) FROM inburgeraar')[0]?.[0] ?? 0);
}

/** Day number of 'YYYY-MM-DD' at text[from…from+10), or NaN (arithmetic: it runs per payment). */
function dayAt(text: string, from: number): number {
  let year = 0;
  let month = 0;
  let day = 0;
  for (let c = from; c < from + 4; c++) year = year * 10 + text.charCodeAt(c) - 48;
  month = (text.charCodeAt(from + 5) - 48) * 10 + text.charCodeAt(from + 6) - 48;
  day = (text.charCodeAt(from + 8) - 48) * 10 + text.charCodeAt(from + 9) - 48;
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && year >= 0)) return Number.NaN;
  // Days from civil (H. Hinnant).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function grow(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(array.length * 2);
  grown.set(array);
  return grown;
}

/**
 * The loan timelines of one target group as they are read: one row per Wi2013 person of
 * the group in id order (the rows of SQL's scan, usable or not), each with its payments.
 * Shared by the SQL read below and the b-tree read (facts-scan.ts).
 */
export class LoanTimelinesBuilder {
  private readonly offset: Int32Array;
  private days: Float64Array<ArrayBuffer>;
  private sums: Float64Array<ArrayBuffer>;
  private written = 0;
  private scan = 0;
  /** The last usable person whose offset is set. */
  private last = 0;
  /** The payments of the person being added, as read, before the running sums. */
  personDays = new Float64Array(256);
  personAmounts = new Float64Array(256);

  /** `expected`: how many payments will probably be added (the arrays grow past it if needed). */
  constructor(
    private readonly facts: PersonFacts,
    private readonly group: number,
    expected = 1024,
  ) {
    this.offset = new Int32Array(facts.count + 1);
    this.days = new Float64Array(Math.max(1, expected));
    this.sums = new Float64Array(Math.max(1, expected));
  }

  /** The usable person the next row belongs to, or -1 (left out, or past the scan). */
  nextRow(): number {
    // The rows are the scanned persons of this group, in the same order.
    const wanted = WI2013 * 4 + this.group;
    const scanGroup = this.facts.scanGroup;
    while (this.scan < scanGroup.length && scanGroup[this.scan] !== wanted) this.scan++;
    if (this.scan >= scanGroup.length) return -1;
    return this.facts.scanToPerson[this.scan++]!;
  }

  /** Room for `n` payments of the person being added. */
  reserve(n: number): void {
    while (n > this.personDays.length) {
      this.personDays = grow(this.personDays);
      this.personAmounts = grow(this.personAmounts);
    }
  }

  /**
   * The first `n` payments in personDays/personAmounts belong to `person` (a usable person
   * of a row that has payments): sorted by day (stable, so equal days keep their order),
   * they become its timeline with running sums.
   */
  addPerson(person: number, n: number): void {
    for (let p = this.last + 1; p <= person; p++) this.offset[p] = this.written;
    this.last = person;
    const personDays = this.personDays;
    const personAmounts = this.personAmounts;
    let sorted = true;
    for (let k = 1; k < n && sorted; k++) if (personDays[k]! < personDays[k - 1]!) sorted = false;
    const order = sorted ? null : Array.from({ length: n }, (_, k) => k).sort((a, b) => personDays[a]! - personDays[b]!);
    let running = 0;
    for (let k = 0; k < n; k++) {
      const index = order === null ? k : order[k]!;
      running += personAmounts[index]!;
      if (this.written === this.days.length) {
        this.days = grow(this.days);
        this.sums = grow(this.sums);
      }
      this.days[this.written] = personDays[index]!;
      this.sums[this.written] = running;
      this.written++;
    }
    this.offset[person + 1] = this.written;
  }

  finish(): LoanTimelines {
    for (let p = this.last + 1; p <= this.facts.count; p++) this.offset[p] = this.written;
    // Arrays of the exact length (no copy when they are full).
    const exact = (array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => (array.length === this.written ? array : array.slice(0, this.written));
    return { doelgroep: this.group, offset: this.offset, day: exact(this.days), cumulative: exact(this.sums) };
  }
}

/**
 * The loan timelines of one target group through SQL: one scan over its Wi2013 persons in
 * id order, each bringing its payments as one group_concat text 'YYYY-MM-DD:cents,…'
 * through the index (one short string per person costs far less through sql.js than a row
 * per payment). Only Wi2013 persons get a timeline: every loan analysis is about Wi2013.
 */
export function computeLoanTimelines(db: Database, facts: PersonFacts, doelgroep: Doelgroep): LoanTimelines {
  const builder = new LoanTimelinesBuilder(facts, DOELGROEPEN.indexOf(doelgroep));
  forEachRow(db, loanTimelinesSql(db, doelgroep), (row) => {
    const person = builder.nextRow();
    const text = row[0];
    if (person < 0 || typeof text !== 'string') return;
    // Parse 'YYYY-MM-DD:cents,…'; a payment without a valid date cannot be placed in time
    // and adds nothing.
    let n = 0;
    let at = 0;
    while (at < text.length) {
      let end = text.indexOf(',', at);
      if (end < 0) end = text.length;
      const colon = text.indexOf(':', at);
      const day = colon === at + 10 ? dayAt(text, at) : Number.NaN;
      const amount = Number(text.slice(colon + 1, end));
      at = end + 1;
      if (Number.isNaN(day) || !Number.isFinite(amount)) continue;
      builder.reserve(n + 1);
      builder.personDays[n] = day;
      builder.personAmounts[n] = amount;
      n++;
    }
    builder.addPerson(person, n);
  });
  return builder.finish();
}

/** The SQL of the loan timelines (also read for its query plan by facts-scan.ts). */
export function loanTimelinesSql(db: Database, doelgroep: Doelgroep): string {
  const usablePayment = usableCondition(db, 'lening_betaling', 'b');
  // No ORDER BY inside group_concat: a sorter per person costs more than it saves, and the
  // index already yields (person, datum) order; the parse checks and sorts if not.
  return `SELECT (SELECT group_concat(b.datum || ':' || CAST(b.bedrag_cent AS INTEGER), ',')
              FROM lening_betaling b WHERE b.inburgeraar_id = i.id AND ${usablePayment})
       FROM inburgeraar i WHERE i.stelsel = 'Wi2013' AND i.doelgroep = ${sqlText(doelgroep)} ORDER BY i.id`;
}
