// Per-person facts precomputed once per analysis session, so that any reference date or
// threshold is one pass over typed arrays: the person's regime, target group, dates as day
// numbers, municipality, and the loan timeline (payment days with running sums, in date
// order). The loan used at P is then a binary search in the person's running sums, which
// stays correct when corrections pull a person back under a threshold.
import type { Database } from 'sql.js';
import type { AnalysisSession } from '../tables/session';
import { forEachRow, numberOrNaN, selectRows, usableCondition } from './sql';
import { yearOfDay } from './calendar';

export const STELSELS = ['Wi2007', 'Wi2013', 'Wi2021'] as const;
export type Stelsel = (typeof STELSELS)[number];
export const DOELGROEPEN = ['asiel', 'gezin', 'overig'] as const;
export type DoelgroepCode = (typeof DOELGROEPEN)[number];

/** Code of a value outside the enumerations (such a person matches no filter). */
export const UNKNOWN_CODE = 255;
export const NO_MUNICIPALITY = -1;

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
  /**
   * Payments of person p are at [paymentOffset[p], paymentOffset[p + 1]). Only Wi2013
   * persons have a loan timeline (every loan analysis is about Wi2013); others have none.
   */
  paymentOffset: Int32Array;
  /** Payment day numbers, non-decreasing within a person. */
  paymentDay: Float64Array;
  /** Running sum of the person's amounts up to and including this payment (cents). */
  paymentCumulative: Float64Array;
  /** Persons left out: skipped by the loader, or pointing at an unknown municipality. */
  personsLeftOut: number;
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

/**
 * Build the facts with two scans: the persons, each Wi2013 person with the rowids of its
 * payments in date order (from the covering index, as one group_concat text, which costs
 * far less through sql.js than one row per payment), and the payment values by rowid.
 */
export function computePersonFacts(db: Database): PersonFacts {
  const { list: municipalities, byNumber } = municipalitiesOf(db);
  const usablePerson = usableCondition(db, 'inburgeraar', 'i');
  const usablePayment = usableCondition(db, 'lening_betaling', 'b');
  const totalPersons = Number(selectRows(db, 'SELECT count(*) FROM inburgeraar')[0]?.[0] ?? 0);

  // 1. Persons in id order, with their payments' rowids in date order.
  const capacity = totalPersons;
  const stelsel = new Uint8Array(capacity);
  const doelgroep = new Uint8Array(capacity);
  const plichtStart = new Float64Array(capacity);
  const termijnEinde = new Float64Array(capacity);
  const statusDatum = new Float64Array(capacity);
  const lopend = new Uint8Array(capacity);
  const cohort = new Uint16Array(capacity);
  const municipality = new Int32Array(capacity);
  const orderOffset = new Int32Array(capacity + 1);
  const orderRowids: number[] = [];
  let count = 0;
  // Hot path: codes packed into one integer and plain julianday() (the loader has already
  // skipped rows with invalid dates), because every column read through sql.js costs time.
  forEachRow(
    db,
    `SELECT (CASE i.stelsel WHEN 'Wi2007' THEN 0 WHEN 'Wi2013' THEN 1 WHEN 'Wi2021' THEN 2 ELSE 3 END) * 16
          + (CASE i.doelgroep WHEN 'asiel' THEN 0 WHEN 'gezin' THEN 1 WHEN 'overig' THEN 2 ELSE 3 END) * 4
          + (i.status = 'lopend') * 2 + (${usablePerson}),
            julianday(i.plicht_start) - 2440587.5, julianday(i.termijn_einde) - 2440587.5, julianday(i.status_datum) - 2440587.5,
            CASE WHEN i.gemeente_code IS NULL THEN -1 ELSE CAST(substr(i.gemeente_code, 3) AS INTEGER) END,
            CASE WHEN i.stelsel = 'Wi2013' THEN
              (SELECT group_concat(b.rowid, ',' ORDER BY b.datum) FROM lening_betaling b WHERE b.inburgeraar_id = i.id AND ${usablePayment})
            END
       FROM inburgeraar i ORDER BY i.id`,
    (row) => {
      const codes = Number(row[0]);
      const gemeenteNumber = Number(row[4]);
      const municipalityIndex =
        gemeenteNumber === -1 ? NO_MUNICIPALITY : gemeenteNumber >= 0 && gemeenteNumber < byNumber.length ? byNumber[gemeenteNumber]! : -1;
      const usable = (codes & 1) === 1 && (gemeenteNumber === -1 || municipalityIndex >= 0);
      if (!usable) return;
      if (typeof row[5] === 'string') parseRowids(row[5], orderRowids);
      orderOffset[count + 1] = orderRowids.length;
      const stelselCode = codes >> 4;
      const doelgroepCode = (codes >> 2) & 3;
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

  // 2. Payment values by rowid, one sequential scan; then the running sums per person.
  const values = paymentValues(db);
  const written = orderRowids.length;
  const paymentOffset = orderOffset.slice(0, count + 1);
  const paymentDay = new Float64Array(written);
  const paymentCumulative = new Float64Array(written);
  for (let person = 0; person < count; person++) {
    let running = 0;
    let lastDay = Number.NEGATIVE_INFINITY;
    for (let k = paymentOffset[person]!; k < paymentOffset[person + 1]!; k++) {
      const slot = values.slotOf(orderRowids[k]!);
      const day = slot < 0 ? Number.NaN : values.day[slot]!;
      // A payment without a valid date cannot be placed in time: it adds nothing and keeps
      // the days non-decreasing for the binary search.
      if (!Number.isNaN(day)) {
        running += values.amount[slot]!;
        lastDay = day;
      }
      paymentDay[k] = lastDay;
      paymentCumulative[k] = running;
    }
  }

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
    paymentOffset,
    paymentDay,
    paymentCumulative,
    personsLeftOut: totalPersons - count,
  };
}

/** Append the integers of a comma-separated list ('12,7,-3') to `into`. */
function parseRowids(text: string, into: number[]): void {
  let value = 0;
  let sign = 1;
  for (let c = 0; c < text.length; c++) {
    const code = text.charCodeAt(c);
    if (code === 44) {
      into.push(sign * value);
      value = 0;
      sign = 1;
    } else if (code === 45) sign = -1;
    else value = value * 10 + (code - 48);
  }
  into.push(sign * value);
}

interface PaymentValues {
  day: Float64Array;
  amount: Float64Array;
  slotOf(rowid: number): number;
}

function paymentValues(db: Database): PaymentValues {
  const rowids: number[] = [];
  const days: number[] = [];
  const amounts: number[] = [];
  forEachRow(db, 'SELECT rowid, julianday(datum) - 2440587.5, bedrag_cent FROM lening_betaling', (row) => {
    rowids.push(Number(row[0]));
    days.push(numberOrNaN(row[1]));
    amounts.push(typeof row[2] === 'number' ? row[2] : 0);
  });
  const n = rowids.length;
  const maxRowid = n === 0 ? 0 : Math.max(rowids[n - 1]!, 0);
  const dense = n > 0 && rowids[0]! >= 0 && maxRowid <= 2 * n + 1024;
  if (dense) {
    // rowid → slot directly: the common case of a table filled in one go.
    const day = new Float64Array(maxRowid + 1).fill(Number.NaN);
    const amount = new Float64Array(maxRowid + 1);
    for (let k = 0; k < n; k++) {
      day[rowids[k]!] = days[k]!;
      amount[rowids[k]!] = amounts[k]!;
    }
    return { day, amount, slotOf: (rowid) => (rowid >= 0 && rowid <= maxRowid ? rowid : -1) };
  }
  // Sparse rowids: the scan is in rowid order, so a binary search finds the slot.
  const sorted = Float64Array.from(rowids);
  return {
    day: Float64Array.from(days),
    amount: Float64Array.from(amounts),
    slotOf(rowid) {
      let low = 0;
      let high = n - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const value = sorted[middle]!;
        if (value === rowid) return middle;
        if (value < rowid) low = middle + 1;
        else high = middle - 1;
      }
      return -1;
    },
  };
}

/** The facts of this session, computed on first use. */
export function personFacts(session: AnalysisSession): PersonFacts {
  return session.cached('analyses/person-facts', () => computePersonFacts(session.snapshot.db));
}

/** Loan used by person p at day P: the running sum of the last payment on or before P. */
export function loanUsedAt(facts: PersonFacts, person: number, day: number): number {
  let low = facts.paymentOffset[person]!;
  let high = facts.paymentOffset[person + 1]!;
  const start = low;
  // First payment after `day`.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (facts.paymentDay[middle]! <= day) low = middle + 1;
    else high = middle;
  }
  return low === start ? 0 : facts.paymentCumulative[low - 1]!;
}

/** Obliged at P (snapshot-v1.md): plicht_start <= P and (lopend or status_datum > P). */
export function isObligedAt(facts: PersonFacts, person: number, day: number): boolean {
  return facts.plichtStart[person]! <= day && (facts.lopend[person] === 1 || facts.statusDatum[person]! > day);
}
