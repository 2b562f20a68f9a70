// An SQLite image whose bytes are decrypted when they are first read. A command that
// builds one table reads a few of the thirteen tables and none of the indexes, often a
// third of the image; decrypting and holding only that saves the cipher work and, above
// all, the first touch of fresh memory for the rest (docs/PERFORMANCE.md, "Decryption on
// demand"). Isomorphic: the host supplies `fill`, which decrypts a range in place. The
// image asks for whole blocks of 4 KiB (the memory page, and SQLite's default page): a
// table's pages lie scattered among other tables' pages when a producer wrote the tables
// row by row side by side, and only the blocks read are then given memory.
//
// Every reader reaches the bytes through one of two doors, and both are guarded:
//   - sql.js: its in-memory file system copies each read out of the file's contents with
//     `contents.subarray(from, to)`; the image stores itself as those contents (slice()
//     shares, as every ImageBytes does), so subarray() is where a read is intercepted;
//   - the b-tree scanner (btree.ts): it asks `ensure` for every page before reading it.
// Anything else must call `ensure` first; `plain()` is a view without the guard, for
// readers that have.

import { ImageBytes } from './image-bytes';

/** Decrypts bytes [start, end) of the image into place (start on a block boundary). */
export type RangeFill = (start: number, end: number) => void;

/** The unit of decryption and of readiness: a memory page, and a whole number of cipher blocks. */
export const BLOCK_BYTES = 4096;

interface Demand {
  /** 1 per block already decrypted. */
  readonly ready: Uint8Array;
  readonly fill: RangeFill;
  /** Byte offset of the whole image in its buffer. */
  readonly origin: number;
  /** Length of the whole image. */
  readonly length: number;
  /** Blocks decrypted so far (for tests and the benchmark). */
  filled: number;
}

const demands = new WeakMap<OnDemandImage, Demand>();

export class OnDemandImage extends ImageBytes {
  // Other typed-array methods that make a new array (map, filter, …) make plain ones.
  static get [Symbol.species](): Uint8ArrayConstructor {
    return Uint8Array;
  }

  /** An image of `length` bytes at the start of `buffer` (still undecrypted), decrypted by `fill` as it is read. */
  static create(buffer: ArrayBuffer, length: number, fill: RangeFill): OnDemandImage {
    const image = new OnDemandImage(buffer, 0, length);
    demands.set(image, { ready: new Uint8Array(Math.ceil(length / BLOCK_BYTES)), fill, origin: 0, length, filled: 0 });
    return image;
  }

  private demand(): Demand {
    const demand = demands.get(this);
    if (demand === undefined) throw new Error('Ketenlens: an OnDemandImage made without create().');
    return demand;
  }

  /** Make bytes [start, end) of this view readable (decrypting the blocks not yet decrypted). */
  override ensure(start: number, end: number): void {
    if (end <= start) return;
    const demand = this.demand();
    const offset = this.byteOffset - demand.origin;
    const ready = demand.ready;
    const last = Math.ceil((offset + end) / BLOCK_BYTES);
    for (let block = Math.floor((offset + start) / BLOCK_BYTES); block < last; block++) {
      if (ready[block] === 1) continue;
      let runEnd = block + 1;
      while (runEnd < last && ready[runEnd] === 0) runEnd++;
      demand.fill(block * BLOCK_BYTES, Math.min(runEnd * BLOCK_BYTES, demand.length));
      ready.fill(1, block, runEnd);
      demand.filled += runEnd - block;
      block = runEnd - 1;
    }
  }

  /** A view of the bytes that is decrypted first (sql.js's reads come here). */
  override subarray(start?: number, end?: number): Uint8Array<ArrayBufferLike> {
    const [from, to] = clampRange(this.length, start, end);
    this.ensure(from, to);
    return new Uint8Array(this.buffer, this.byteOffset + from, to - from);
  }

  /** A view that shares the bytes and the guard (sql.js keeps `slice()` as the file's contents). */
  override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
    const [from, to] = clampRange(this.length, start, end);
    const view = new OnDemandImage(this.buffer, this.byteOffset + from, to - from);
    demands.set(view, this.demand());
    return view as Uint8Array<ArrayBufferLike> as Uint8Array<ArrayBuffer>;
  }

  /** The bytes without the guard: for a reader that calls `ensure` itself. */
  plain(): Uint8Array<ArrayBufferLike> {
    return new Uint8Array(this.buffer, this.byteOffset, this.length);
  }

  /** Blocks decrypted so far, and in all. */
  get decryptedBlocks(): { decrypted: number; total: number } {
    const demand = this.demand();
    return { decrypted: demand.filled, total: demand.ready.length };
  }

  /** Zero every decrypted block (never-touched memory stays untouched) and forget them. */
  override wipe(): void {
    const demand = this.demand();
    const whole = new Uint8Array(this.buffer, demand.origin, demand.length);
    for (let block = 0; block < demand.ready.length; block++) {
      if (demand.ready[block] === 1) whole.fill(0, block * BLOCK_BYTES, Math.min(demand.length, (block + 1) * BLOCK_BYTES));
    }
    // Read after the wipe, a block would be decrypted again: a closed snapshot reads zeros instead.
    demand.ready.fill(1);
  }
}

/** The [from, to) of subarray()/slice() arguments, the way typed arrays read them. */
function clampRange(length: number, start = 0, end = length): [number, number] {
  const from = start < 0 ? Math.max(length + start, 0) : Math.min(start, length);
  const to = end < 0 ? Math.max(length + end, 0) : Math.min(end, length);
  return [from, Math.max(from, to)];
}

/** The bytes a reader may index directly after calling `ensure`, and the guard if there is one. */
export function guardedBytes(bytes: Uint8Array): { bytes: Uint8Array; ensure: ((start: number, end: number) => void) | null } {
  if (!(bytes instanceof OnDemandImage)) return { bytes, ensure: null };
  return { bytes: bytes.plain(), ensure: (start, end) => bytes.ensure(start, end) };
}
