// A read-only reader of the table b-trees of an SQLite database image held in memory,
// written against the documented file format (https://www.sqlite.org/fileformat2.html).
// It walks a table's b-tree and hands every row's record to a visitor without a crossing
// into sql.js per value: the open path uses it for the one pass per table that checks the
// rows. sql.js stays the engine for everything SQL. Anything it does not understand (an
// encoding other than UTF-8, a damaged page) is an ImageFormatError, and the caller falls
// back to SQL, which then reports the damage in its own words. An image decrypted on
// demand (on-demand-image.ts) is asked for each page before the page is read.
import { decodeView } from '../decode-view';
import { guardedBytes } from './on-demand-image';

/** The image is not one this reader handles; the caller uses SQL instead. */
export class ImageFormatError extends Error {
  constructor(detail: string) {
    super(`SQLite image not readable by the b-tree scanner: ${detail}`);
    this.name = 'ImageFormatError';
  }
}

const LEAF_TABLE = 13;
const INTERIOR_TABLE = 5;
const LEAF_INDEX = 10;
const INTERIOR_INDEX = 2;
/** Far deeper than any real b-tree (a depth of 20 holds more rows than fit in memory). */
const MAX_DEPTH = 64;

const textDecoder = new TextDecoder('utf-8');

/** Whether a serial type stores an integer (1–6, or the constants 0 and 1 as 8 and 9). */
export function isIntegerType(type: number): boolean {
  return (type >= 1 && type <= 6) || type === 8 || type === 9;
}

/** The integer of serial type `type` stored at bytes[at…], as a double (NaN for other types). */
export function integerAt(b: Uint8Array, at: number, type: number): number {
  switch (type) {
    case 8:
      return 0;
    case 9:
      return 1;
    case 1:
      return (b[at]! << 24) >> 24;
    case 2:
      return (((b[at]! << 8) | b[at + 1]!) << 16) >> 16;
    case 3:
      return (((b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!) << 8) >> 8;
    case 4:
      return (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
    case 5: {
      const high = (((b[at]! << 8) | b[at + 1]!) << 16) >> 16;
      const low = ((b[at + 2]! << 24) | (b[at + 3]! << 16) | (b[at + 4]! << 8) | b[at + 5]!) >>> 0;
      return high * 4294967296 + low;
    }
    case 6: {
      const high = (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
      const low = ((b[at + 4]! << 24) | (b[at + 5]! << 16) | (b[at + 6]! << 8) | b[at + 7]!) >>> 0;
      return high * 4294967296 + low;
    }
    default:
      return Number.NaN;
  }
}

/**
 * One row as stored: the record's serial types and where each value starts. Values are
 * read on demand, so a check that only compares bytes never builds a string.
 */
export class RecordView {
  /** The bytes holding the record (the image itself, or a scratch copy when it overflowed). */
  bytes: Uint8Array = new Uint8Array(0);
  /** The rowid (rowid tables only; 0 in WITHOUT ROWID tables). */
  rowid = 0;
  /** Number of values in this record (may be fewer than the table's columns, see ALTER TABLE ADD COLUMN). */
  count = 0;
  /** Serial type of each value. */
  readonly types: Int32Array;
  /** Offset of each value in `bytes`. */
  readonly offsets: Int32Array;

  constructor(capacity = 64) {
    this.types = new Int32Array(capacity);
    this.offsets = new Int32Array(capacity);
  }

  /** Serial type of value `i`, 0 (NULL) beyond the end of the record. */
  type(i: number): number {
    return i < this.count ? this.types[i]! : 0;
  }

  isNull(i: number): boolean {
    return this.type(i) === 0;
  }

  isInteger(i: number): boolean {
    return isIntegerType(this.type(i));
  }

  isText(i: number): boolean {
    const type = this.type(i);
    return type >= 13 && (type & 1) === 1;
  }

  /** Length in bytes of a text or blob value. */
  byteLength(i: number): number {
    const type = this.type(i);
    return type >= 12 ? (type - 12) >> 1 : 0;
  }

  /** Value of an integer (serial types 1–6, 8, 9) as a double, the way sql.js returns it. */
  integer(i: number): number {
    return integerAt(this.bytes, this.offsets[i]!, this.type(i));
  }

  /** Value of a REAL (serial type 7). */
  real(i: number): number {
    const at = this.offsets[i]!;
    return new DataView(this.bytes.buffer, this.bytes.byteOffset + at, 8).getFloat64(0, false);
  }

  /** Any number (integer or REAL), else NaN. */
  number(i: number): number {
    const type = this.type(i);
    return type === 7 ? this.real(i) : this.isInteger(i) ? this.integer(i) : Number.NaN;
  }

  /** A text value as a string (ASCII without a decoder call). */
  text(i: number): string {
    const length = this.byteLength(i);
    const start = this.offsets[i]!;
    const b = this.bytes;
    if (length <= 24) {
      let ascii = '';
      for (let k = start; k < start + length; k++) {
        const code = b[k]!;
        if (code >= 0x80) return decodeView(textDecoder, b.subarray(start, start + length));
        ascii += String.fromCharCode(code);
      }
      return ascii;
    }
    return decodeView(textDecoder, b.subarray(start, start + length));
  }

  /** The raw bytes of a text or blob value (a view, valid until the visitor returns). */
  raw(i: number): Uint8Array {
    const start = this.offsets[i]!;
    return this.bytes.subarray(start, start + this.byteLength(i));
  }

  /** Whether value `i` is a text equal, byte for byte, to `expected` (UTF-8). */
  textEquals(i: number, expected: Uint8Array): boolean {
    const type = this.type(i);
    if (type < 13 || (type & 1) === 0 || (type - 13) >> 1 !== expected.length) return false;
    const b = this.bytes;
    const start = this.offsets[i]!;
    for (let k = 0; k < expected.length; k++) if (b[start + k] !== expected[k]) return false;
    return true;
  }

  /** Byte `k` of a text or blob value. */
  byteAt(i: number, k: number): number {
    return this.bytes[this.offsets[i]! + k]!;
  }
}

/** Content length of serial types 0–11 (-1: reserved); 12 and up are (type - 12) >> 1. */
const SMALL_LENGTHS = Int8Array.of(0, 1, 2, 3, 4, 6, 8, 8, 0, 0, -1, -1);

export interface ScanOptions {
  /** WITHOUT ROWID tables are stored as index b-trees. */
  withoutRowid: boolean;
}

/** A parsed SQLite image: page geometry and b-tree walking. */
export class SqliteImage {
  readonly bytes: Uint8Array;
  readonly pageSize: number;
  /** Usable bytes per page (page size minus the reserved space at the end of each page). */
  readonly usable: number;
  readonly pageCount: number;
  /** Makes a page readable first, for an image decrypted on demand; null for a plain image. */
  private readonly ensure: ((start: number, end: number) => void) | null;
  private scratch = new Uint8Array(64 * 1024);
  /** Position after the last varint read (readVarint's second result). */
  private varintEnd = 0;
  /** Most payload bytes a cell keeps on its page (table and index b-trees), and the least. */
  private readonly maxLocalTable: number;
  private readonly maxLocalIndex: number;
  private readonly minLocal: number;

  constructor(image: Uint8Array) {
    const { bytes, ensure } = guardedBytes(image);
    this.ensure = ensure;
    if (bytes.length < 100) throw new ImageFormatError('shorter than its header');
    ensure?.(0, 100);
    const header = (at: number) => bytes[at]!;
    const rawPageSize = (header(16) << 8) | header(17);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) throw new ImageFormatError('bad page size');
    const encoding = ((header(56) << 24) | (header(57) << 16) | (header(58) << 8) | header(59)) >>> 0;
    if (encoding !== 0 && encoding !== 1) throw new ImageFormatError('text encoding is not UTF-8');
    this.bytes = bytes;
    this.pageSize = pageSize;
    this.usable = pageSize - header(20);
    if (this.usable < 480) throw new ImageFormatError('too much reserved space');
    this.pageCount = Math.floor(bytes.length / pageSize);
    this.maxLocalTable = this.usable - 35;
    this.maxLocalIndex = Math.floor(((this.usable - 12) * 64) / 255) - 23;
    this.minLocal = Math.floor(((this.usable - 12) * 32) / 255) - 23;
  }

  private readVarint(at: number): number {
    const b = this.bytes;
    const first = b[at];
    // Most payload sizes fit in one byte; the loop below handles the rest.
    if (first !== undefined && first < 0x80) {
      this.varintEnd = at + 1;
      return first;
    }
    let value = 0;
    for (let k = 0; k < 8; k++) {
      const byte = b[at + k];
      if (byte === undefined) throw new ImageFormatError('varint beyond the image');
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) {
        this.varintEnd = at + k + 1;
        return value;
      }
    }
    const last = b[at + 8];
    if (last === undefined) throw new ImageFormatError('varint beyond the image');
    this.varintEnd = at + 9;
    // Nine bytes: a 64-bit two's complement value (negative or huge rowids); exact in BigInt.
    let big = 0n;
    for (let k = 0; k < 8; k++) big = (big << 7n) | BigInt(b[at + k]! & 0x7f);
    return Number(BigInt.asIntN(64, (big << 8n) | BigInt(last)));
  }

  private pageStart(page: number): number {
    if (!Number.isInteger(page) || page < 1 || page > this.pageCount) throw new ImageFormatError(`page ${page} outside the image`);
    const start = (page - 1) * this.pageSize;
    this.ensure?.(start, start + this.pageSize);
    return start;
  }

  /**
   * Visit every row of the table whose b-tree starts at `rootPage`, in key order (rowid,
   * or primary key for WITHOUT ROWID). The RecordView is reused: read values in the visitor.
   * A visitor that returns false stops the scan. Returns the number of rows visited.
   */
  scan(rootPage: number, options: ScanOptions, visit: (row: RecordView) => boolean | void): number {
    const row = new RecordView();
    let rows = 0;
    let stopped = false;
    let pagesLeft = this.pageCount;
    const index = options.withoutRowid;
    const leafType = index ? LEAF_INDEX : LEAF_TABLE;
    const interiorType = index ? INTERIOR_INDEX : INTERIOR_TABLE;
    const b = this.bytes;
    const walk = (page: number, depth: number): void => {
      if (depth > MAX_DEPTH || --pagesLeft < 0) throw new ImageFormatError('b-tree too deep or cyclic');
      const start = this.pageStart(page);
      const headerAt = start + (page === 1 ? 100 : 0);
      const type = b[headerAt]!;
      const cells = (b[headerAt + 3]! << 8) | b[headerAt + 4]!;
      const pageEnd = start + this.usable;
      if (type === leafType) {
        const pointers = headerAt + 8;
        for (let c = 0; c < cells; c++) {
          const cell = start + ((b[pointers + 2 * c]! << 8) | b[pointers + 2 * c + 1]!);
          if (cell >= pageEnd) throw new ImageFormatError('cell outside its page');
          const payloadSize = this.readVarint(cell);
          let at = this.varintEnd;
          if (!index) {
            row.rowid = this.readVarint(at);
            at = this.varintEnd;
          }
          this.record(row, at, payloadSize, pageEnd, index);
          rows++;
          if (visit(row) === false) {
            stopped = true;
            return;
          }
        }
        return;
      }
      if (type !== interiorType) throw new ImageFormatError(`page ${page} is not a page of this b-tree`);
      const pointers = headerAt + 12;
      for (let c = 0; c < cells; c++) {
        const cell = start + ((b[pointers + 2 * c]! << 8) | b[pointers + 2 * c + 1]!);
        if (cell + 4 > pageEnd) throw new ImageFormatError('cell outside its page');
        const child = ((b[cell]! << 24) | (b[cell + 1]! << 16) | (b[cell + 2]! << 8) | b[cell + 3]!) >>> 0;
        walk(child, depth + 1);
        if (stopped) return;
        if (index) {
          // Interior cells of an index b-tree hold a row of their own, between the children.
          const payloadSize = this.readVarint(cell + 4);
          this.record(row, this.varintEnd, payloadSize, pageEnd, true);
          rows++;
          if (visit(row) === false) {
            stopped = true;
            return;
          }
        }
      }
      const right = ((b[headerAt + 8]! << 24) | (b[headerAt + 9]! << 16) | (b[headerAt + 10]! << 8) | b[headerAt + 11]!) >>> 0;
      walk(right, depth + 1);
    };
    walk(rootPage, 0);
    return rows;
  }

  /** Point `row` at the record of a cell, gathering overflow pages into scratch when needed. */
  private record(row: RecordView, payloadAt: number, payloadSize: number, pageEnd: number, index: boolean): void {
    const maxLocal = index ? this.maxLocalIndex : this.maxLocalTable;
    let bytes = this.bytes;
    let base = payloadAt;
    if (payloadSize > maxLocal) {
      bytes = this.gatherOverflow(payloadAt, payloadSize, pageEnd, maxLocal);
      base = 0;
    } else if (payloadAt + payloadSize > pageEnd) {
      throw new ImageFormatError('payload outside its page');
    }
    // The record header: its size, then one serial type per value. Header sizes and serial
    // types of short values are one-byte varints: read inline, the rest by readVarintIn.
    let headerSize = bytes[base];
    let at = base + 1;
    if (headerSize === undefined) throw new ImageFormatError('varint beyond the record');
    if (headerSize >= 0x80) {
      headerSize = readVarintIn(bytes, base);
      at = varintEndIn;
    }
    const headerEnd = base + headerSize;
    let dataAt = headerEnd;
    let count = 0;
    const end = base + payloadSize;
    if (headerEnd > end) throw new ImageFormatError('record header beyond its record');
    const types = row.types;
    const offsets = row.offsets;
    const capacity = types.length;
    while (at < headerEnd) {
      if (count === capacity) throw new ImageFormatError('more columns than the scanner reads');
      let serialType = bytes[at]!;
      if (serialType < 0x80) {
        at++;
      } else {
        serialType = readVarintIn(bytes, at);
        at = varintEndIn;
      }
      let length: number;
      if (serialType >= 12) {
        length = (serialType - 12) >> 1;
      } else {
        length = SMALL_LENGTHS[serialType]!;
        if (length < 0) throw new ImageFormatError('reserved serial type');
      }
      types[count] = serialType;
      offsets[count] = dataAt;
      dataAt += length;
      count++;
    }
    if (dataAt > end) throw new ImageFormatError('record values beyond its record');
    row.bytes = bytes;
    row.count = count;
  }

  /** A payload that spilled onto overflow pages, gathered into the scratch buffer. */
  private gatherOverflow(payloadAt: number, payloadSize: number, pageEnd: number, maxLocal: number): Uint8Array {
    const usable = this.usable;
    const minLocal = this.minLocal;
    const k = minLocal + ((payloadSize - minLocal) % (usable - 4));
    const local = k <= maxLocal ? k : minLocal;
    if (payloadAt + local + 4 > pageEnd) throw new ImageFormatError('payload outside its page');
    if (this.scratch.length < payloadSize) this.scratch = new Uint8Array(Math.max(payloadSize, this.scratch.length * 2));
    const scratch = this.scratch;
    const b = this.bytes;
    scratch.set(b.subarray(payloadAt, payloadAt + local), 0);
    let next = ((b[payloadAt + local]! << 24) | (b[payloadAt + local + 1]! << 16) | (b[payloadAt + local + 2]! << 8) | b[payloadAt + local + 3]!) >>> 0;
    let filled = local;
    let hops = 0;
    while (filled < payloadSize) {
      if (++hops > this.pageCount) throw new ImageFormatError('overflow chain cyclic');
      const start = this.pageStart(next);
      const take = Math.min(usable - 4, payloadSize - filled);
      scratch.set(b.subarray(start + 4, start + 4 + take), filled);
      filled += take;
      next = ((b[start]! << 24) | (b[start + 1]! << 16) | (b[start + 2]! << 8) | b[start + 3]!) >>> 0;
    }
    return scratch;
  }
}

let varintEndIn = 0;

/** A varint inside a record header (at most 9 bytes; serial types and header sizes are small). */
function readVarintIn(bytes: Uint8Array, at: number): number {
  let value = 0;
  for (let k = 0; k < 9; k++) {
    const byte = bytes[at + k];
    if (byte === undefined) throw new ImageFormatError('varint beyond the record');
    if (k === 8) {
      varintEndIn = at + 9;
      return value * 256 + byte;
    }
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) {
      varintEndIn = at + k + 1;
      return value;
    }
  }
  return value;
}
