// The data-quality rules of findings.ts as tests on one stored row (a RecordView of the
// b-tree scanner), on bytes, without building strings. Each test is conservative: it says
// "clean" only for values on which the SQL condition of the same rule is certainly false
// (exact bytes of an allowed value, a strictly written real date, …). Anything else —
// another storage class, another collation's idea of equal — counts as "maybe bad", and
// the table is then checked by the SQL of findings.ts, which has the last word.
//
// The rules of one table are compiled into one RowProgram: a flat list of instructions
// that one function runs per row with a switch, instead of a closure per rule (at ten
// million rows, calls through a dozen different closures cost more than the tests).
import { daysInMonth, dayFromCivil, SECONDS_PER_DAY } from '../dates';
import { integerAt, isIntegerType, type RecordView } from './btree';
import type { ByteKeys, IntegerMap } from './key-sets';
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

const encoder = new TextEncoder();

/** Digit value per byte; anything else so negative that every number built with it is below 0. */
const DIGIT = new Int32Array(256).fill(-100_000);
for (let digit = 0; digit <= 9; digit++) DIGIT[48 + digit] = digit;

/** Whether bytes[at…at+10) is a strictly written real date 'YYYY-MM-DD' (shared/dates.ts's rule). */
export function isDateAt(bytes: Uint8Array, at: number): boolean {
  if (bytes[at + 4] !== 45 || bytes[at + 7] !== 45) return false; // '-'
  const month = DIGIT[bytes[at + 5]!]! * 10 + DIGIT[bytes[at + 6]!]!;
  const day = DIGIT[bytes[at + 8]!]! * 10 + DIGIT[bytes[at + 9]!]!;
  if (month < 1 || month > 12 || day < 1) return false;
  const year = DIGIT[bytes[at]!]! * 1000 + DIGIT[bytes[at + 1]!]! * 100 + DIGIT[bytes[at + 2]!]! * 10 + DIGIT[bytes[at + 3]!]!;
  if (year < 0) return false;
  return day <= 28 || day <= daysInMonth(year, month);
}

/** Whether bytes[at…at+20) is a strict, real UTC instant 'YYYY-MM-DDTHH:MM:SSZ'. */
export function isInstantAt(bytes: Uint8Array, at: number): boolean {
  if (bytes[at + 10] !== 84 || bytes[at + 13] !== 58 || bytes[at + 16] !== 58 || bytes[at + 19] !== 90) return false; // 'T', ':', ':', 'Z'
  const hours = DIGIT[bytes[at + 11]!]! * 10 + DIGIT[bytes[at + 12]!]!;
  const minutes = DIGIT[bytes[at + 14]!]! * 10 + DIGIT[bytes[at + 15]!]!;
  const seconds = DIGIT[bytes[at + 17]!]! * 10 + DIGIT[bytes[at + 18]!]!;
  return hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60 && seconds >= 0 && seconds < 60 && isDateAt(bytes, at);
}

/** Day number of the first day of each month, by year * 12 + month - 1; filled on first use. */
let monthStarts: Int32Array | null = null;

function monthStart(year: number, month: number): number {
  if (monthStarts === null) {
    monthStarts = new Int32Array(10_000 * 12);
    for (let y = 0; y < 10_000; y++) for (let m = 1; m <= 12; m++) monthStarts[y * 12 + m - 1] = dayFromCivil(y, m, 1);
  }
  return monthStarts[year * 12 + month - 1]!;
}

/**
 * Day number (days since 1970-01-01) of a strictly written real date 'YYYY-MM-DD' at
 * `bytes[at…at+10)`, or NaN: shared/dates.ts's rule (isCalendarDay, dayFromCivil) read
 * from bytes, so no string is built per row (row-tests.test.ts proves it equals
 * dayNumber of the text, and SQLite's `date(x) IS x`).
 */
export function dayOfDateBytes(bytes: Uint8Array, at: number): number {
  if (!isDateAt(bytes, at)) return Number.NaN;
  const year = DIGIT[bytes[at]!]! * 1000 + DIGIT[bytes[at + 1]!]! * 100 + DIGIT[bytes[at + 2]!]! * 10 + DIGIT[bytes[at + 3]!]!;
  const month = DIGIT[bytes[at + 5]!]! * 10 + DIGIT[bytes[at + 6]!]!;
  const day = DIGIT[bytes[at + 8]!]! * 10 + DIGIT[bytes[at + 9]!]!;
  return monthStart(year, month) + day - 1;
}

/** Seconds since the epoch of a strict instant 'YYYY-MM-DDTHH:MM:SSZ' at `bytes[at…at+20)`, or NaN. */
export function secondsOfInstantBytes(bytes: Uint8Array, at: number): number {
  if (bytes[at + 10] !== 84 || bytes[at + 13] !== 58 || bytes[at + 16] !== 58 || bytes[at + 19] !== 90) return Number.NaN; // 'T', ':', ':', 'Z'
  const hours = DIGIT[bytes[at + 11]!]! * 10 + DIGIT[bytes[at + 12]!]!;
  const minutes = DIGIT[bytes[at + 14]!]! * 10 + DIGIT[bytes[at + 15]!]!;
  const seconds = DIGIT[bytes[at + 17]!]! * 10 + DIGIT[bytes[at + 18]!]!;
  if (!(hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60 && seconds >= 0 && seconds < 60)) return Number.NaN;
  return dayOfDateBytes(bytes, at) * SECONDS_PER_DAY + hours * 3600 + minutes * 60 + seconds;
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
 * Whether the value at `later` does not sort before the value at `earlier` (same length,
 * compared byte by byte, as SQL's BINARY collation compares them): for two strict dates
 * (or instants) byte order is time order.
 */
function notBeforeBytes(bytes: Uint8Array, later: number, earlier: number, length: number): boolean {
  for (let k = 0; k < length; k++) {
    const difference = bytes[later + k]! - bytes[earlier + k]!;
    if (difference !== 0) return difference > 0;
  }
  return true;
}

/** The keys of a clean parent table: text keys by their bytes, integer keys by value (value 1). */
export interface ParentKeys {
  column: string;
  text: ByteKeys;
  integer: IntegerMap;
}

/** Signal windows by signal id (seconds; end Infinity while still visible). */
export interface Windows {
  start: IntegerMap;
  end: IntegerMap;
}

// Instructions: [operation, a, b, c], with a and b record indexes (never the rowid).
const NOT_NULL = 1;
const ONE_OF_TEXT = 2; // c: text set
const ONE_OF_INTEGER = 3; // c: integer set
const DATE = 4;
const INSTANT = 5;
const WHOLE_CENTS = 6;
const GEMEENTE_CODE = 7;
const LOPEND_WITHOUT_DATE = 8; // a: status, b: status_datum
const BOTH_OR_NEITHER = 9;
const NOT_BEFORE_DATE = 10; // a: later, b: earlier
const NOT_BEFORE_INSTANT = 11;
const NOT_NEGATIVE = 12;
const REFERENCE = 13; // c: parent keys
const VIEW_IN_WINDOW = 14; // a: signal id, b: view instant
const STRIDE = 4;
/** Parent entries remembered per reference. */
const RECENT = 4;

const LOPEND = [encoder.encode('lopend')];

/** Whether the text value of serial type `type` at bytes[at…] equals one of `allowed` byte for byte. */
function textOneOf(allowed: readonly Uint8Array[], type: number, bytes: Uint8Array, at: number): boolean {
  if (type < 13 || (type & 1) === 0) return false;
  const length = (type - 13) >> 1;
  for (let candidate = 0; candidate < allowed.length; candidate++) {
    const expected = allowed[candidate]!;
    if (expected.length !== length) continue;
    let k = 0;
    while (k < length && bytes[at + k] === expected[k]) k++;
    if (k === length) return true;
  }
  return false;
}

/**
 * The rules of one table compiled for the scanner. `passes(row)` is true when the row
 * certainly passes every rule (and every reference and window added).
 */
export class RowProgram {
  private code: number[] = [];
  private instructions = new Int32Array(0);
  /**
   * Per instruction, RECENT slots: the parent key entries a reference matched last, most
   * recent first (children come grouped by parent, or cycle through a few parents).
   */
  private recent = new Int32Array(0);
  private readonly textSets: Uint8Array[][] = [];
  private readonly integerSets: Set<number>[] = [];
  private readonly parents: ParentKeys[] = [];
  private windows: Windows | null = null;

  constructor(private readonly layout: TableLayout) {}

  private emit(operation: number, a: number, b = 0, c = 0): void {
    this.code.push(operation, a, b, c);
    this.instructions = Int32Array.from(this.code);
    this.recent = new Int32Array((this.code.length / STRIDE) * RECENT).fill(-1);
  }

  /** Add one rule; false when the scanner cannot decide it for this layout (the table is then left to SQL). */
  addTest(test: ScanTest): boolean {
    const layout = this.layout;
    const at = (name: string): number | undefined => layout.columns.get(name);
    /** The record index of a column, or -1 when it is unknown or the rowid. */
    const stored = (name: string): number => {
      const index = at(name);
      return index === undefined || index === ROWID_COLUMN ? -1 : index;
    };
    /** A rule on two stored columns: one instruction with both indexes. */
    const pair = (operation: number, firstColumn: string, secondColumn: string): boolean => {
      const first = stored(firstColumn);
      const second = stored(secondColumn);
      if (first < 0 || second < 0) return false;
      this.emit(operation, first, second);
      return true;
    };
    switch (test.test) {
      case 'not-null': {
        const index = at(test.column);
        if (index === undefined) return false;
        if (index !== ROWID_COLUMN) this.emit(NOT_NULL, index); // the rowid is never NULL
        return true;
      }
      case 'one-of': {
        const index = stored(test.column);
        if (index < 0) return false;
        if (test.values.every((value) => typeof value === 'string')) {
          this.textSets.push(test.values.map((value) => encoder.encode(String(value))));
          this.emit(ONE_OF_TEXT, index, 0, this.textSets.length - 1);
          return true;
        }
        if (test.values.every((value) => typeof value === 'number' && Number.isInteger(value)) && !layout.realAffinity.has(test.column)) {
          this.integerSets.push(new Set(test.values as number[]));
          this.emit(ONE_OF_INTEGER, index, 0, this.integerSets.length - 1);
          return true;
        }
        return false;
      }
      case 'date':
      case 'instant':
      case 'gemeente-code': {
        const index = stored(test.column);
        if (index < 0) return false;
        this.emit(test.test === 'date' ? DATE : test.test === 'instant' ? INSTANT : GEMEENTE_CODE, index);
        return true;
      }
      case 'whole-cents':
      case 'not-negative': {
        const index = stored(test.column);
        // A REAL column reads stored integers back as reals: SQL would call them not whole.
        if (index < 0 || layout.realAffinity.has(test.column)) return false;
        this.emit(test.test === 'whole-cents' ? WHOLE_CENTS : NOT_NEGATIVE, index);
        return true;
      }
      case 'lopend-without-date':
        return pair(LOPEND_WITHOUT_DATE, 'status', 'status_datum');
      case 'both-or-neither':
        return pair(BOTH_OR_NEITHER, test.first, test.second);
      case 'not-before':
        return pair(test.instants ? NOT_BEFORE_INSTANT : NOT_BEFORE_DATE, test.later, test.earlier);
    }
  }

  /** A row passes when `column` is NULL or its exact value is a key of the (clean) parent. */
  addReference(column: string, keys: ParentKeys): boolean {
    const index = this.layout.columns.get(column);
    if (index === undefined || index === ROWID_COLUMN || this.layout.realAffinity.has(column)) return false;
    this.parents.push(keys);
    this.emit(REFERENCE, index, 0, this.parents.length - 1);
    return true;
  }

  /** A view passes when its signal is known and the view lies inside the signal's window. */
  addViewWindow(signalColumn: string, windows: Windows): boolean {
    const signal = this.layout.columns.get(signalColumn);
    const seen = this.layout.columns.get('ingezien_op');
    if (signal === undefined || signal === ROWID_COLUMN || seen === undefined || seen === ROWID_COLUMN) return false;
    this.windows = windows;
    this.emit(VIEW_IN_WINDOW, signal, seen);
    return true;
  }

  /** Whether the row certainly passes every rule of the program. */
  passes(row: RecordView): boolean {
    const code = this.instructions;
    const types = row.types;
    const offsets = row.offsets;
    const bytes = row.bytes;
    const count = row.count;
    for (let pc = 0; pc < code.length; pc += STRIDE) {
      const a = code[pc + 1]!;
      const typeA = a < count ? types[a]! : 0;
      switch (code[pc]) {
        case NOT_NULL:
          if (typeA === 0) return false;
          break;
        case ONE_OF_TEXT:
          if (typeA !== 0 && !textOneOf(this.textSets[code[pc + 3]!]!, typeA, bytes, offsets[a]!)) return false;
          break;
        case ONE_OF_INTEGER:
          if (typeA !== 0 && !(isIntegerType(typeA) && this.integerSets[code[pc + 3]!]!.has(integerAt(bytes, offsets[a]!, typeA)))) return false;
          break;
        case DATE:
          if (typeA !== 0 && !(typeA === 33 && isDateAt(bytes, offsets[a]!))) return false; // text of 10 bytes
          break;
        case INSTANT:
          if (typeA !== 0 && !(typeA === 53 && isInstantAt(bytes, offsets[a]!))) return false; // text of 20 bytes
          break;
        case WHOLE_CENTS:
          if (typeA !== 0 && !isIntegerType(typeA)) return false;
          break;
        case GEMEENTE_CODE:
          if (typeA !== 0 && !(typeA === 25 && isGemeenteCodeAt(bytes, offsets[a]!))) return false; // text of 6 bytes
          break;
        case LOPEND_WITHOUT_DATE: {
          // Only exact enum bytes are clean for the enum rule, so 'lopend' compares exactly here.
          const b = code[pc + 2]!;
          const typeB = b < count ? types[b]! : 0;
          if (typeA !== 0 && textOneOf(LOPEND, typeA, bytes, offsets[a]!) !== (typeB === 0)) return false;
          break;
        }
        case BOTH_OR_NEITHER: {
          const b = code[pc + 2]!;
          const typeB = b < count ? types[b]! : 0;
          if ((typeA === 0) !== (typeB === 0)) return false;
          break;
        }
        case NOT_BEFORE_DATE:
        case NOT_BEFORE_INSTANT: {
          // A hit needs later < earlier with both valid: compare first, validate only then.
          const b = code[pc + 2]!;
          const typeB = b < count ? types[b]! : 0;
          const text = code[pc] === NOT_BEFORE_DATE ? 33 : 53;
          if (typeA !== text || typeB !== text) break;
          const later = offsets[a]!;
          const earlier = offsets[b]!;
          if (notBeforeBytes(bytes, later, earlier, (text - 13) >> 1)) break;
          const valid = text === 33 ? isDateAt(bytes, later) && isDateAt(bytes, earlier) : isInstantAt(bytes, later) && isInstantAt(bytes, earlier);
          if (valid) return false;
          break;
        }
        case NOT_NEGATIVE:
          // Integers are stored big-endian in two's complement: negative when the top bit is set.
          if (typeA >= 1 && typeA <= 6 && bytes[offsets[a]!]! >= 0x80) return false;
          break;
        case REFERENCE:
          if (typeA !== 0 && !this.referenced(pc, typeA, bytes, offsets[a]!)) return false;
          break;
        case VIEW_IN_WINDOW: {
          if (!isIntegerType(typeA)) return false;
          const b = code[pc + 2]!;
          const typeB = b < count ? types[b]! : 0;
          const id = integerAt(bytes, offsets[a]!, typeA);
          // NaN (no such signal, or an invalid view time) fails both comparisons.
          const time = typeB === 53 ? secondsOfInstantBytes(bytes, offsets[b]!) : Number.NaN;
          const windows = this.windows!;
          if (!(time >= windows.start.get(id) && time < windows.end.get(id))) return false;
          break;
        }
        default:
          throw new Error(`unknown row program instruction ${code[pc]}`);
      }
    }
    return true;
  }

  /** Whether the non-NULL value of the reference at instruction `pc` is a key of its parent. */
  private referenced(pc: number, type: number, bytes: Uint8Array, at: number): boolean {
    const keys = this.parents[this.instructions[pc + 3]!]!;
    if (isIntegerType(type)) return keys.integer.get(integerAt(bytes, at, type)) === 1;
    if (type < 13 || (type & 1) === 0) return false;
    const length = (type - 13) >> 1;
    // Children mostly repeat a recent parent, or follow their parents' order: the lookup
    // tries the recent entries, then starts where the last one ended.
    const text = keys.text;
    const recent = this.recent;
    const first = (pc >> 2) * RECENT; // pc / STRIDE
    const last = recent[first]!;
    if (last >= 0 && text.entryEquals(last, bytes, at, length)) return true;
    for (let k = first + 1; k < first + RECENT; k++) {
      const entry = recent[k]!;
      if (entry >= 0 && text.entryEquals(entry, bytes, at, length)) {
        recent[k] = last;
        recent[first] = entry;
        return true;
      }
    }
    const entry = text.find(bytes, at, length, last);
    if (entry < 0) return false;
    for (let k = first + RECENT - 1; k > first; k--) recent[k] = recent[k - 1]!;
    recent[first] = entry;
    return true;
  }
}

/** Whether bytes[at…at+6) is a CBS code 'GM' and four digits. */
function isGemeenteCodeAt(bytes: Uint8Array, at: number): boolean {
  if (bytes[at] !== 71 || bytes[at + 1] !== 77) return false; // 'GM'
  for (let k = 2; k < 6; k++) {
    const byte = bytes[at + k]!;
    if (byte < 48 || byte > 57) return false;
  }
  return true;
}
