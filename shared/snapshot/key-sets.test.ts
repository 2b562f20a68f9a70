// The scanner's key sets answer membership exactly like a plain Set of the keys, whatever
// the order the keys came in (sorted, as a WITHOUT ROWID parent gives them, or not), the
// hint a lookup starts from, duplicates, hash collisions or non-ASCII bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteKeys, hashBytes, IntegerMap } from './key-sets';

const latin1 = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

/** Short byte strings over few symbols, so keys share prefixes, collide and repeat. */
const key = fc.oneof(
  fc.uint8Array({ maxLength: 6 }).map((bytes) => bytes.map((byte) => [0, 1, 48, 49, 80, 0xc3, 0xa9, 255][byte % 8]!)),
  fc.string({ unit: 'grapheme', maxLength: 8 }).map((text) => new TextEncoder().encode(text)),
  fc.integer({ min: 0, max: 300 }).map((number) => new TextEncoder().encode(`P${String(number).padStart(7, '0')}`)),
);

describe('ByteKeys', () => {
  it('finds exactly the keys added, from any hint, sorted or not', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 200 }), fc.array(key, { maxLength: 60 }), fc.boolean(), fc.array(fc.integer({ min: -1, max: 220 }), { minLength: 1 }), (added, probes, sort, hints) => {
        const keys = sort ? [...added].sort((a, b) => Buffer.compare(a, b)) : added;
        const set = new ByteKeys();
        // Added from inside a bigger buffer, as the scanner adds them from the image.
        for (const bytes of keys) {
          const buffer = new Uint8Array(bytes.length + 7).fill(7);
          buffer.set(bytes, 3);
          set.add(buffer, 3, bytes.length);
        }
        expect(set.size).toBe(keys.length);
        const expected = new Set(keys.map(latin1));
        [...probes, ...keys].forEach((bytes, index) => {
          const buffer = new Uint8Array(bytes.length + 2);
          buffer.set(bytes, 1);
          const hint = hints[index % hints.length]!;
          const entry = set.find(buffer, 1, bytes.length, hint < keys.length ? hint : -1);
          expect(entry >= 0).toBe(expected.has(latin1(bytes)));
          if (entry >= 0) expect(set.entryEquals(entry, bytes, 0, bytes.length)).toBe(true);
          expect(set.has(buffer, 1, bytes.length)).toBe(expected.has(latin1(bytes)));
        });
      }),
      { numRuns: 400 },
    );
  });

  it('gallops forward through many sorted keys and falls back to the hash index', () => {
    const set = new ByteKeys();
    const encode = (number: number) => new TextEncoder().encode(`P${String(number).padStart(7, '0')}`);
    for (let number = 0; number < 5000; number += 2) set.add(encode(number), 0, 8);
    let hint = -1;
    for (let number = 0; number < 5000; number++) {
      const entry = set.find(encode(number), 0, 8, hint);
      expect(entry).toBe(number % 2 === 0 ? number / 2 : -1);
      if (entry >= 0) hint = entry;
    }
    // Backwards and far ahead: the hash index answers.
    expect(set.find(encode(10), 0, 8, 2000)).toBe(5);
    expect(set.find(encode(4990), 0, 8, 0)).toBe(2495);
    expect(set.find(encode(4991), 0, 8, 0)).toBe(-1);
    expect(set.find(encode(9000), 0, 8, 2499)).toBe(-1);
    // Many lookups out of order: binary searches first, then (past the budget) the hash index.
    for (let round = 0; round < 3; round++) {
      for (let number = 4999; number >= 0; number -= 3) expect(set.find(encode(number), 0, 8, 2499)).toBe(number % 2 === 0 ? number / 2 : -1);
    }
  });

  it('keys that hash alike stay apart', () => {
    // Many keys into few slots: the probe compares the stored hash, then the bytes.
    const set = new ByteKeys();
    const keys = Array.from({ length: 3000 }, (_, index) => new TextEncoder().encode(`k${(index * 7919) % 3001}`));
    for (const bytes of keys) set.add(bytes, 0, bytes.length);
    for (const bytes of keys) expect(set.find(bytes, 0, bytes.length, -1)).toBeGreaterThanOrEqual(0);
    expect(set.find(new TextEncoder().encode('k3001'), 0, 5, -1)).toBe(-1);
    expect(hashBytes(new Uint8Array([1, 2]), 0, 2)).not.toBe(hashBytes(new Uint8Array([2, 1]), 0, 2));
  });
});

describe('IntegerMap', () => {
  it('keeps values by integer key, dense or sparse', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: -(2 ** 31), max: -1 }), fc.constantFrom(-1, 2 ** 31, 2 ** 40, -(2 ** 53), 1 << 25, (1 << 25) + 1)), fc.double({ noNaN: true }))), fc.array(fc.integer({ min: -10, max: 6000 })), (entries, probes) => {
        const map = new IntegerMap();
        const expected = new Map<number, number>();
        for (const [key, value] of entries) {
          map.set(key, value);
          expected.set(key, value);
        }
        for (const key of [...probes, ...expected.keys()]) expect(Object.is(map.get(key), expected.get(key) ?? Number.NaN)).toBe(true);
        expect(Number.isNaN(map.get(0.5))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
