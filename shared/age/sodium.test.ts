// libsodium's wasm ChaCha20-Poly1305 against noble's pure-JS one: the same sealed bytes
// for any key, nonce and length, opens of each other's output, refusal of any altered
// byte, and no key or plaintext left behind in the wasm heap.
import fc from 'fast-check';
import loadLibsodium from 'libsodium';
import { describe, expect, it } from 'vitest';
import { noblePrimitives } from './noble';
import { SodiumAead, sodiumPrimitives } from './sodium';

const TAG_BYTES = 16;

function bytes(length: number, seed: number): Uint8Array {
  const result = new Uint8Array(length);
  for (let index = 0; index < length; index++) result[index] = (index * 31 + seed * 17 + (index >> 8)) & 0xff;
  return result;
}

function nobleSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const sealed = new Uint8Array(plaintext.length + TAG_BYTES);
  noblePrimitives.seal(key, nonce, plaintext, sealed);
  return sealed;
}

/** Whether `needle` occurs anywhere in `haystack`. */
function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0]!;
  for (let start = haystack.indexOf(first); start !== -1 && start + needle.length <= haystack.length; start = haystack.indexOf(first, start + 1)) {
    let index = 1;
    while (index < needle.length && haystack[start + index] === needle[index]) index++;
    if (index === needle.length) return true;
  }
  return false;
}

describe('sodiumPrimitives (libsodium wasm ChaCha20-Poly1305)', () => {
  // 0 and 1–17 bytes: around the tag length; 65536 + 16 is one full age chunk; larger ones grow the heap buffers.
  const lengths = [0, 1, 15, 16, 17, 1000, 65_535, 65_536, 65_537, 200_000];

  it.each(lengths)('seals %i bytes exactly as noble does, and opens noble output to the plaintext', async (length) => {
    const sodium = await sodiumPrimitives();
    const key = bytes(32, length);
    const nonce = bytes(12, length + 1);
    const plaintext = bytes(length, length + 2);
    const expected = nobleSeal(key, nonce, plaintext);
    const sealed = new Uint8Array(length + TAG_BYTES);
    sodium.seal(key, nonce, plaintext, sealed);
    expect(sealed).toEqual(expected);
    const opened = new Uint8Array(length);
    expect(sodium.open(key, nonce, expected, opened)).toBe(true);
    expect(opened).toEqual(plaintext);
  });

  it('agrees with noble on random keys, nonces and messages', async () => {
    const sodium = await sodiumPrimitives();
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.uint8Array({ minLength: 0, maxLength: 70_000 }),
        async (key, nonce, plaintext) => {
          const sealed = new Uint8Array(plaintext.length + TAG_BYTES);
          sodium.seal(key, nonce, plaintext, sealed);
          expect(sealed).toEqual(nobleSeal(key, nonce, plaintext));
          const opened = new Uint8Array(plaintext.length);
          expect(sodium.open(key, nonce, sealed, opened)).toBe(true);
          expect(opened).toEqual(plaintext);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses an altered byte anywhere, a wrong key, a wrong nonce and a short input, leaving the output untouched', async () => {
    const sodium = await sodiumPrimitives();
    const key = bytes(32, 1);
    const nonce = bytes(12, 2);
    const plaintext = bytes(300, 3);
    const sealed = nobleSeal(key, nonce, plaintext);
    const untouched = new Uint8Array(plaintext.length).fill(0xaa);
    for (let position = 0; position < sealed.length; position++) {
      const altered = sealed.slice();
      altered[position]! ^= 0x01;
      const into = untouched.slice();
      expect(sodium.open(key, nonce, altered, into), `byte ${position}`).toBe(false);
      expect(into).toEqual(untouched);
    }
    const otherKey = key.slice();
    otherKey[31]! ^= 0x80;
    expect(sodium.open(otherKey, nonce, sealed, new Uint8Array(plaintext.length))).toBe(false);
    const lastChunkFlag = nonce.slice();
    lastChunkFlag[11]! ^= 0x01;
    expect(sodium.open(key, lastChunkFlag, sealed, new Uint8Array(plaintext.length))).toBe(false);
    expect(sodium.open(key, nonce, sealed.subarray(0, TAG_BYTES - 1), new Uint8Array(0))).toBe(false);
    expect(sodium.open(key, nonce, sealed, new Uint8Array(plaintext.length - 1))).toBe(false);
  });

  it('leaves neither the key nor the plaintext in the wasm heap after open and seal', async () => {
    const module = await loadLibsodium();
    const aead = new SodiumAead(module);
    const key = bytes(32, 7);
    const nonce = bytes(12, 8);
    const plaintext = bytes(65_536, 9);
    const sealed = new Uint8Array(plaintext.length + TAG_BYTES);
    aead.seal(key, nonce, plaintext, sealed);
    expect(contains(module.HEAPU8, key)).toBe(false);
    expect(contains(module.HEAPU8, plaintext.subarray(0, 64))).toBe(false);
    const opened = new Uint8Array(plaintext.length);
    expect(aead.open(key, nonce, sealed, opened)).toBe(true);
    expect(opened).toEqual(plaintext);
    expect(contains(module.HEAPU8, key)).toBe(false);
    expect(contains(module.HEAPU8, plaintext.subarray(0, 64))).toBe(false);
    expect(contains(module.HEAPU8, plaintext.subarray(60_000, 60_064))).toBe(false);
  });
});
