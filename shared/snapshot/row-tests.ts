// The data-quality rules of findings.ts as tests on one stored row (a RecordView of the
// b-tree scanner), on bytes, without building strings. Each test is conservative: it says
// "clean" only for values on which the SQL condition of the same rule is certainly false
// (exact bytes of an allowed value, a strictly written real date, …). Anything else —
// another storage class, another collation's idea of equal — counts as "maybe bad", and
// the table is then checked by the SQL of findings.ts, which has the last word.
import { dayFromCivil, isCalendarDay, SECONDS_PER_DAY } from '../dates';
import type { RecordView } from './btree';
import { ROWID_COLUMN, type TableLayout } from './table-layout';

/** A row rule in a form the scanner can evaluate (one per RowCheck of findings.ts). */
export type ScanTest =
  | { test: 'not-null'; column: string }
  | { test: 'one-of'; column: string; values: readonly (string | number)[] }
  | { test: 'date'; column: string }
  | { test: 'instant'; column: string }
  | { test: 'whole-cents'; column: string }
  | { test: 'gemeente-code'; column: string }
  /** status = 'lopend' exactly when status_datum is NULL. */
  | { test: 'lopend-without-date' }
  /** both NULL or both filled in. */
  | { test: 'both-or-neither'; first: string; second: string }
  /** a hit when `later` < `earlier` and both are valid dates (or instants). */
  | { test: 'not-before'; later: string; earlier: string; instants: boolean }
  /** a hit when an integer value is below zero. */
  | { test: 'not-negative'; column: string };

/** true: this row certainly passes the rule. */
export type RowTest = (row: RecordView) => boolean;

const encoder = new TextEncoder();

function digit(bytes: Uint8Array, at: number): number {
  const value = bytes[at]! - 48;
  return value >= 0 && value <= 9 ? value : -1000;
}

/**
 * Day number (days since 1970-01-01) of a strictly written real date 'YYYY-MM-DD' at
 * `bytes[at…at+10)`, or NaN: shared/dates.ts's rule (isCalendarDay, dayFromCivil) read
 * from bytes, so no string is built per row (row-tests.test.ts proves it equals
 * dayNumber of the text, and SQLite's `date(x) IS x`).
 */
export function dayOfDateBytes(bytes: Uint8Array, at: number): number {
  if (bytes[at + 4] !== 45 || bytes[at + 7] !== 45) return Number.NaN;
  const year = digit(bytes, at) * 1000 + digit(bytes, at + 1) * 100 + digit(bytes, at + 2) * 10 + digit(bytes, at + 3);
  const month = digit(bytes, at + 5) * 10 + digit(bytes, at + 6);
  const day = digit(bytes, at + 8) * 10 + digit(bytes, at + 9);
  return isCalendarDay(year, month, day) ? dayFromCivil(year, month, day) : Number.NaN;
}

/** Seconds since the epoch of a strict instant 'YYYY-MM-DDTHH:MM:SSZ' at `bytes[at…at+20)`, or NaN. */
export function secondsOfInstantBytes(bytes: Uint8Array, at: number): number {
  if (bytes[at + 10] !== 84 || bytes[at + 13] !== 58 || bytes[at + 16] !== 58 || bytes[at + 19] !== 90) return Number.NaN;
  const day = dayOfDateBytes(bytes, at);
  const hours = digit(bytes, at + 11) * 10 + digit(bytes, at + 12);
  const minutes = digit(bytes, at + 14) * 10 + digit(bytes, at + 15);
  const seconds = digit(bytes, at + 17) * 10 + digit(bytes, at + 18);
  if (!(hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60 && seconds >= 0 && seconds < 60)) return Number.NaN;
  return day * SECONDS_PER_DAY + hours * 3600 + minutes * 60 + seconds;
}

/** Day number of a date value of the row, or NaN when it is not a strictly written real date. */
export function dayOf(row: RecordView, index: number): number {
  if (index < 0 || row.type(index) !== 33) return Number.NaN; // text of 10 bytes
  return dayOfDateBytes(row.bytes, row.offsets[index]!);
}

/** Seconds of an instant value of the row, or NaN when it is not a strict, real instant. */
export function secondsOf(row: RecordView, index: number): number {
  if (index < 0 || row.type(index) !== 53) return Number.NaN; // text of 20 bytes
  return secondsOfInstantBytes(row.bytes, row.offsets[index]!);
}

/**
 * The test of one rule on this table's rows, or null when the scanner cannot decide it
 * for this layout (then the whole table is left to SQL).
 */
export function compileTest(test: ScanTest, layout: TableLayout): RowTest | null {
  const at = (name: string): number | undefined => layout.columns.get(name);
  switch (test.test) {
    case 'not-null': {
      const index = at(test.column);
      if (index === undefined) return null;
      if (index === ROWID_COLUMN) return () => true;
      return (row) => row.type(index) !== 0;
    }
    case 'one-of': {
      const index = at(test.column);
      if (index === undefined || index === ROWID_COLUMN) return null;
      if (test.values.every((value) => typeof value === 'string')) {
        const allowed = test.values.map((value) => encoder.encode(String(value)));
        return (row) => row.type(index) === 0 || allowed.some((bytes) => row.textEquals(index, bytes));
      }
      if (test.values.every((value) => typeof value === 'number' && Number.isInteger(value)) && !layout.realAffinity.has(test.column)) {
        const allowed = new Set(test.values);
        return (row) => row.type(index) === 0 || (row.isInteger(index) && allowed.has(row.integer(index)));
      }
      return null;
    }
    case 'date': {
      const index = at(test.column);
      if (index === undefined || index === ROWID_COLUMN) return null;
      return (row) => row.type(index) === 0 || !Number.isNaN(dayOf(row, index));
    }
    case 'instant': {
      const index = at(test.column);
      if (index === undefined || index === ROWID_COLUMN) return null;
      return (row) => row.type(index) === 0 || !Number.isNaN(secondsOf(row, index));
    }
    case 'whole-cents': {
      const index = at(test.column);
      // A REAL column reads stored integers back as reals: SQL would call them not whole.
      if (index === undefined || index === ROWID_COLUMN || layout.realAffinity.has(test.column)) return null;
      return (row) => row.type(index) === 0 || row.isInteger(index);
    }
    case 'gemeente-code': {
      const index = at(test.column);
      if (index === undefined || index === ROWID_COLUMN) return null;
      return (row) => {
        if (row.type(index) === 0) return true;
        if (row.type(index) !== 25) return false; // text of 6 bytes
        if (row.byteAt(index, 0) !== 71 || row.byteAt(index, 1) !== 77) return false; // 'GM'
        for (let k = 2; k < 6; k++) {
          const byte = row.byteAt(index, k);
          if (byte < 48 || byte > 57) return false;
        }
        return true;
      };
    }
    case 'lopend-without-date': {
      const status = at('status');
      const date = at('status_datum');
      if (status === undefined || date === undefined || status === ROWID_COLUMN || date === ROWID_COLUMN) return null;
      const lopend = encoder.encode('lopend');
      // Only exact enum bytes are clean for the enum rule, so 'lopend' compares exactly here.
      return (row) => row.type(status) === 0 || row.textEquals(status, lopend) === (row.type(date) === 0);
    }
    case 'both-or-neither': {
      const first = at(test.first);
      const second = at(test.second);
      if (first === undefined || second === undefined || first === ROWID_COLUMN || second === ROWID_COLUMN) return null;
      return (row) => (row.type(first) === 0) === (row.type(second) === 0);
    }
    case 'not-before': {
      const later = at(test.later);
      const earlier = at(test.earlier);
      if (later === undefined || earlier === undefined || later === ROWID_COLUMN || earlier === ROWID_COLUMN) return null;
      const value = test.instants ? secondsOf : dayOf;
      // For valid values, chronological order is the byte order SQL compares in.
      return (row) => !(value(row, later) < value(row, earlier));
    }
    case 'not-negative': {
      const index = at(test.column);
      if (index === undefined || index === ROWID_COLUMN || layout.realAffinity.has(test.column)) return null;
      return (row) => !(row.isInteger(index) && row.integer(index) < 0);
    }
  }
}
