// Per-person facts precomputed once per analysis session, so that any reference date or
// threshold is one pass over typed arrays: the person's regime, target group, dates as day
// numbers and municipality; and, per target group on first use, the loan timelines of its
// Wi2013 persons (payment days with running sums, in date order). The loan used at P is
// then a binary search in the person's running sums, which stays correct when corrections
// pull a person back under a threshold.
import type { Database } from 'sql.js';
import type { AnalysisSession } from '../../tables/session';
import { forEachRow, selectRows } from '../../snapshot/sql';
import { numberOrNaN, sqlText, usableCondition } from '../common/sql';
import { yearOfDay } from '../../dates';
import { DOELGROEPEN, STELSELS, type Doelgroep } from '../../snapshot/vocabulary';


/** Code of a value outside the enumerations (such a person matches no filter). */
export const UNKNOWN_CODE = 255;
export const NO_MUNICIPALITY = -1;
const WI2013 = 1;

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

function municipalitiesOf(db: Database): { list: Municipality[]; byNumber: Int32Array } {
  const usable = usableCondition(db, 'gemeente', 'g');
  const rows = selectRows(db, `SELECT code, naam FROM gemeente g WHERE ${usable} AND code GLOB 'GM[0-9][0-9][0-9][0-9]' ORDER BY code`);
  const byNumber = new Int32Array(10_000).fill(-1);
  const list = rows.map((row, index) => {
    byNumber[Number(String(row[0]).slice(2))] = index;
    return { code: String(row[0]), naam: String(row[1]) };
  });
  return { list, byNumber };
}

const STELSEL_CASE = "CASE i.stelsel WHEN 'Wi2007' THEN 0 WHEN 'Wi2013' THEN 1 WHEN 'Wi2021' THEN 2 ELSE 3 END";
const DOELGROEP_CASE = "CASE i.doelgroep WHEN 'asiel' THEN 0 WHEN 'gezin' THEN 1 WHEN 'overig' THEN 2 ELSE 3 END";

/** Read the persons: one scan in id order, codes packed into one integer. */
export function computePersonFacts(db: Database): PersonFacts {
  const { list: municipalities, byNumber } = municipalitiesOf(db);
  const usablePerson = usableCondition(db, 'inburgeraar', 'i');
  const capacity = Number(selectRows(db, 'SELECT count(*) FROM inburgeraar')[0]?.[0] ?? 0);
  const stelsel = new Uint8Array(capacity);
  const doelgroep = new Uint8Array(capacity);
  const plichtStart = new Float64Array(capacity);
  const termijnEinde = new Float64Array(capacity);
  const statusDatum = new Float64Array(capacity);
  const lopend = new Uint8Array(capacity);
  const cohort = new Uint16Array(capacity);
  const municipality = new Int32Array(capacity);
  const scanToPerson = new Int32Array(capacity).fill(-1);
  const scanGroup = new Uint8Array(capacity);
  let scanned = 0;
  let count = 0;
  // Hot path: plain julianday() (the loader has already skipped rows with invalid dates),
  // because every column read through sql.js costs time.
  forEachRow(
    db,
    `SELECT (${STELSEL_CASE}) * 16 + (${DOELGROEP_CASE}) * 4 + (i.status = 'lopend') * 2 + (${usablePerson}),
            julianday(i.plicht_start) - 2440587.5, julianday(i.termijn_einde) - 2440587.5, julianday(i.status_datum) - 2440587.5,
            CASE WHEN i.gemeente_code IS NULL THEN -1 ELSE CAST(substr(i.gemeente_code, 3) AS INTEGER) END
       FROM inburgeraar i ORDER BY i.id`,
    (row) => {
      if (scanned >= capacity) return;
      const scan = scanned++;
      const codes = Number(row[0]);
      const stelselCode = codes >> 4;
      const doelgroepCode = (codes >> 2) & 3;
      scanGroup[scan] = stelselCode * 4 + doelgroepCode;
      const gemeenteNumber = Number(row[4]);
      const municipalityIndex =
        gemeenteNumber === -1 ? NO_MUNICIPALITY : gemeenteNumber >= 0 && gemeenteNumber < byNumber.length ? byNumber[gemeenteNumber]! : -1;
      if ((codes & 1) !== 1 || (gemeenteNumber !== -1 && municipalityIndex < 0)) return;
      scanToPerson[scan] = count;
      stelsel[count] = stelselCode < STELSELS.length ? stelselCode : UNKNOWN_CODE;
      doelgroep[count] = doelgroepCode < DOELGROEPEN.length ? doelgroepCode : UNKNOWN_CODE;
      const start = numberOrNaN(row[1]);
      plichtStart[count] = start;
      termijnEinde[count] = numberOrNaN(row[2]);
      statusDatum[count] = numberOrNaN(row[3]);
      lopend[count] = (codes >> 1) & 1;
      cohort[count] = Number.isNaN(start) ? 0 : yearOfDay(start);
      municipality[count] = municipalityIndex;
      count++;
    },
  );
  return {
    count,
    stelsel: stelsel.slice(0, count),
    doelgroep: doelgroep.slice(0, count),
    plichtStart: plichtStart.slice(0, count),
    termijnEinde: termijnEinde.slice(0, count),
    statusDatum: statusDatum.slice(0, count),
    lopend: lopend.slice(0, count),
    cohort: cohort.slice(0, count),
    municipality: municipality.slice(0, count),
    municipalities,
    personsLeftOut: capacity - count,
    scanToPerson: scanToPerson.slice(0, scanned),
    scanGroup: scanGroup.slice(0, scanned),
  };
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
 * The loan timelines of one target group: one scan over its Wi2013 persons in id order,
 * each bringing its payments as one group_concat text 'YYYY-MM-DD:cents,…' through the
 * index (one short string per person costs far less through sql.js than a row
 * per payment). Only Wi2013 persons get a timeline: every loan analysis is about Wi2013.
 */
export function computeLoanTimelines(db: Database, facts: PersonFacts, doelgroep: Doelgroep): LoanTimelines {
  const group = DOELGROEPEN.indexOf(doelgroep);
  const wanted = WI2013 * 4 + group;
  const usablePayment = usableCondition(db, 'lening_betaling', 'b');
  const offset = new Int32Array(facts.count + 1);
  let days = new Float64Array(1024);
  let sums = new Float64Array(1024);
  let written = 0;
  let scan = 0;
  let last = 0; // the last usable person whose offset is set
  // Reused per person: its payments as parsed, before the running sums.
  let personDays = new Float64Array(256);
  let personAmounts = new Float64Array(256);
  forEachRow(
    db,
    // No ORDER BY inside group_concat: a sorter per person costs more than it saves, and the
    // index already yields (person, datum) order; the parse below checks and sorts if not.
    `SELECT (SELECT group_concat(b.datum || ':' || CAST(b.bedrag_cent AS INTEGER), ',')
              FROM lening_betaling b WHERE b.inburgeraar_id = i.id AND ${usablePayment})
       FROM inburgeraar i WHERE i.stelsel = 'Wi2013' AND i.doelgroep = ${sqlText(doelgroep)} ORDER BY i.id`,
    (row) => {
      // The rows are the scanned persons of this group, in the same order.
      while (scan < facts.scanGroup.length && facts.scanGroup[scan] !== wanted) scan++;
      if (scan >= facts.scanGroup.length) return;
      const person = facts.scanToPerson[scan++]!;
      const text = row[0];
      if (person < 0 || typeof text !== 'string') return;
      for (let p = last + 1; p <= person; p++) offset[p] = written;
      last = person;
      // Parse 'YYYY-MM-DD:cents,…'; a payment without a valid date cannot be placed in time
      // and adds nothing.
      let n = 0;
      let sorted = true;
      let at = 0;
      while (at < text.length) {
        let end = text.indexOf(',', at);
        if (end < 0) end = text.length;
        const colon = text.indexOf(':', at);
        const day = colon === at + 10 ? dayAt(text, at) : Number.NaN;
        const amount = Number(text.slice(colon + 1, end));
        at = end + 1;
        if (Number.isNaN(day) || !Number.isFinite(amount)) continue;
        if (n === personDays.length) {
          personDays = grow(personDays);
          personAmounts = grow(personAmounts);
        }
        if (n > 0 && day < personDays[n - 1]!) sorted = false;
        personDays[n] = day;
        personAmounts[n] = amount;
        n++;
      }
      const order = sorted ? null : Array.from({ length: n }, (_, k) => k).sort((a, b) => personDays[a]! - personDays[b]!);
      let running = 0;
      for (let k = 0; k < n; k++) {
        const index = order === null ? k : order[k]!;
        running += personAmounts[index]!;
        if (written === days.length) {
          days = grow(days);
          sums = grow(sums);
        }
        days[written] = personDays[index]!;
        sums[written] = running;
        written++;
      }
      offset[person + 1] = written;
    },
  );
  for (let p = last + 1; p <= facts.count; p++) offset[p] = written;
  return { doelgroep: group, offset, day: days.slice(0, written), cumulative: sums.slice(0, written) };
}

/** The person facts of this session, computed on first use. */
export function personFacts(session: AnalysisSession): PersonFacts {
  return session.cached('elip/person-facts', () => computePersonFacts(session.snapshot.db));
}

/** The loan timelines of a target group in this session, computed on first use. */
export function loanTimelines(session: AnalysisSession, doelgroep: Doelgroep): LoanTimelines {
  return session.cached(`elip/loan-timelines/${doelgroep}`, () => computeLoanTimelines(session.snapshot.db, personFacts(session), doelgroep));
}

/** Loan used by person p at day P: the running sum of the last payment on or before P. */
export function loanUsedAt(loans: LoanTimelines, person: number, day: number): number {
  let low = loans.offset[person]!;
  let high = loans.offset[person + 1]!;
  const start = low;
  // First payment after `day`.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (loans.day[middle]! <= day) low = middle + 1;
    else high = middle;
  }
  return low === start ? 0 : loans.cumulative[low - 1]!;
}

/** Obliged at P (snapshot-v1.md): plicht_start <= P and (lopend or status_datum > P). */
export function isObligedAt(facts: PersonFacts, person: number, day: number): boolean {
  return facts.plichtStart[person]! <= day && (facts.lopend[person] === 1 || facts.statusDatum[person]! > day);
}
