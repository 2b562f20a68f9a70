// The key sets of the b-tree scanner's reference checks (findings-scan.ts): the keys of a
// clean parent table, held without a string or an object per key, because at national
// scale (600.000 persons, 3 million references to them) building and probing them costs
// more than reading the rows. Text keys live in one byte arena, integer keys in a typed
// array while they are small (as INTEGER PRIMARY KEY ids are).

/**
 * Numbers by integer key: a typed array while keys are small non-negative integers (as
 * INTEGER PRIMARY KEY ids are), a Map for the rest. NaN marks an absent key.
 */
export class IntegerMap {
  private dense = new Float64Array(1024).fill(Number.NaN);
  private readonly sparse = new Map<number, number>();
  private static readonly DENSE_LIMIT = 1 << 25;

  set(key: number, value: number): void {
    if (Number.isInteger(key) && key >= 0 && key < IntegerMap.DENSE_LIMIT) {
      if (key >= this.dense.length) {
        let length = this.dense.length;
        while (length <= key) length *= 2;
        const grown = new Float64Array(length).fill(Number.NaN);
        grown.set(this.dense);
        this.dense = grown;
      }
      this.dense[key] = value;
    } else {
      this.sparse.set(key, value);
    }
  }

  /** The value, or NaN when the key is absent. */
  get(key: number): number {
    if (key >= 0 && key < this.dense.length && Number.isInteger(key)) return this.dense[key]!;
    return this.sparse.get(key) ?? Number.NaN;
  }
}

/** FNV-1a over bytes[start…start+length): the one hash of ByteKeys. */
export function hashBytes(bytes: Uint8Array, start: number, length: number): number {
  let hash = 0x811c9dc5;
  const end = start + length;
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ bytes[k]!, 0x01000193);
  return hash | 0;
}

/** How far ahead of the last match a lookup in sorted keys gallops before it hashes instead. */
const GALLOP_LIMIT = 16;

/**
 * The text keys of a parent table by their exact bytes: a list over one byte arena (no
 * string per key), with membership by find(). Keys are numbered in the order they were
 * added, and a lookup starts from a hint (the entry the caller matched last): children
 * are mostly stored in their parents' order, so the answer is that entry or one a little
 * ahead. While the keys were added in byte order (a TEXT PRIMARY KEY of a WITHOUT ROWID
 * table is), a lookup gallops forward from the hint, and other lookups binary-search, until
 * there have been so many (an eighth of the keys) that a hash index pays: that is built
 * then, in one go at its final size. Unsorted keys always use the hash index.
 */
export class ByteKeys {
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  private starts = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private count = 0;
  /** Whether every key so far is ≥ the one before it, in byte order. */
  private sorted = true;
  /** Binary searches over the whole range so far (they stand in for the hash index). */
  private searches = 0;
  /** Hash index: pairs [hash, entry + 1] per slot (0: empty); null until a lookup needs it. */
  private index: Int32Array | null = null;

  /** Number of keys added (a key added twice counts twice). */
  get size(): number {
    return this.count;
  }

  add(bytes: Uint8Array, start: number, length: number): void {
    if (this.count === this.starts.length) {
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
    }
    if (this.used + length > this.arena.length) {
      let size = this.arena.length * 2;
      while (this.used + length > size) size *= 2;
      const arena = new Uint8Array(size);
      arena.set(this.arena.subarray(0, this.used));
      this.arena = arena;
    }
    if (this.sorted && this.count > 0 && this.compare(this.count - 1, bytes, start, length) > 0) this.sorted = false;
    const arena = this.arena;
    const at = this.used;
    for (let k = 0; k < length; k++) arena[at + k] = bytes[start + k]!;
    this.starts[this.count] = at;
    this.lengths[this.count] = length;
    this.used += length;
    this.count++;
    this.index = null;
  }

  /** Byte order of entry `entry` against bytes[start…start+length): negative, 0 or positive. */
  private compare(entry: number, bytes: Uint8Array, start: number, length: number): number {
    const from = this.starts[entry]!;
    const entryLength = this.lengths[entry]!;
    const arena = this.arena;
    const common = entryLength < length ? entryLength : length;
    for (let k = 0; k < common; k++) {
      const difference = arena[from + k]! - bytes[start + k]!;
      if (difference !== 0) return difference;
    }
    return entryLength - length;
  }

  /** Whether entry `entry` (0 ≤ entry < size) holds exactly bytes[start…start+length). */
  entryEquals(entry: number, bytes: Uint8Array, start: number, length: number): boolean {
    if (this.lengths[entry] !== length) return false;
    const from = this.starts[entry]!;
    const arena = this.arena;
    for (let k = 0; k < length; k++) if (arena[from + k] !== bytes[start + k]) return false;
    return true;
  }

  has(bytes: Uint8Array, start: number, length: number): boolean {
    return this.find(bytes, start, length, -1) >= 0;
  }

  /**
   * The number of an entry holding exactly these bytes, or -1 when none does. `hint` is
   * an entry to try first (the last answer for the same column), or -1.
   */
  find(bytes: Uint8Array, start: number, length: number, hint: number): number {
    const count = this.count;
    let low = -1; // sorted keys: entry[low] < key, or low = -1
    if (hint >= 0 && hint < count) {
      if (this.entryEquals(hint, bytes, start, length)) return hint;
      if (this.sorted && this.compare(hint, bytes, start, length) < 0) {
        // Gallop: the first entry not below the key lies in (low, high].
        low = hint;
        let step = 1;
        let high = hint + 1;
        while (high < count && step <= GALLOP_LIMIT && this.compare(high, bytes, start, length) < 0) {
          low = high;
          step *= 2;
          high = hint + step;
        }
        if (high >= count || step <= GALLOP_LIMIT) return this.search(low, high < count ? high : count - 1, bytes, start, length);
      }
    }
    // Far ahead, behind, or without a hint: while the index would cost more than the binary
    // searches so far, sorted keys are searched; after that the hash index answers.
    if (this.sorted && count > 0 && this.index === null && this.searches < (count >> 3) + 16) {
      this.searches++;
      return this.search(low, count - 1, bytes, start, length);
    }
    return this.findHashed(bytes, start, length);
  }

  /** Binary search of sorted keys for the key in (low, high], given entry[low] < key (low may be -1). */
  private search(low: number, high: number, bytes: Uint8Array, start: number, length: number): number {
    if (this.compare(high, bytes, start, length) < 0) return -1; // beyond the last key
    while (high - low > 1) {
      const middle = (low + high) >>> 1;
      if (this.compare(middle, bytes, start, length) < 0) low = middle;
      else high = middle;
    }
    return this.entryEquals(high, bytes, start, length) ? high : -1;
  }

  private findHashed(bytes: Uint8Array, start: number, length: number): number {
    const index = this.index ?? this.buildIndex();
    const hash = hashBytes(bytes, start, length);
    const mask = (index.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = index[2 * slot + 1]! - 1;
      if (entry < 0) return -1;
      if (index[2 * slot] === hash && this.entryEquals(entry, bytes, start, length)) return entry;
    }
  }

  private buildIndex(): Int32Array {
    let slots = 1024;
    while (slots < this.count * 2) slots *= 2;
    const index = new Int32Array(2 * slots);
    const mask = slots - 1;
    for (let entry = 0; entry < this.count; entry++) {
      const hash = hashBytes(this.arena, this.starts[entry]!, this.lengths[entry]!);
      let slot = hash & mask;
      while (index[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      index[2 * slot] = hash;
      index[2 * slot + 1] = entry + 1;
    }
    this.index = index;
    return index;
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
