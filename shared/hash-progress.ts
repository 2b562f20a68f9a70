// A file's SHA-256 made on one thread while another decrypts the same bytes in place: the
// shared words through which the hashing thread says how far it has read, and finally the
// digest, and through which the decrypting threads wait before they overwrite bytes it has
// not read yet (shared/age/decrypt.ts, `inPlace`). The app's browser host starts the hash
// as soon as a file is read, so by the time the key is entered it is usually done and the
// ciphertext's memory can take the plaintext: the file is in memory once, not twice.
//
// Layout (one Int32Array on a SharedArrayBuffer): [0] state, [1] the bytes hashed so far in
// units of 64 KiB (so files up to 128 TiB fit in a word), [2..9] the 32 digest bytes.

import { hexOf } from './digest';

const STATE = 0;
const HASHED_UNITS = 1;
const DIGEST = 2;
const WORDS = DIGEST + 8;
const UNIT_BYTES = 64 * 1024;

const RUNNING = 0;
const DONE = 1;
const FAILED = 2;

/** Without a report for this long, a waiting decryption gives the hash up rather than hang. */
export const HASH_STALL_MS = 30_000;
/** How often awaitDigest looks (the digest is almost always done before it is asked). */
const POLL_MS = 10;

/** New shared progress words, for a hashing thread and the threads that wait on it. */
export function createHashProgress(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(WORDS * Int32Array.BYTES_PER_ELEMENT));
}

/** Whether `value` has the shape of hash progress words (as a request from another thread carries them). */
export function isHashProgress(value: unknown): value is Int32Array {
  return value instanceof Int32Array && value.length === WORDS && value.buffer instanceof SharedArrayBuffer;
}

/** For the hashing thread: `bytes` of the file are hashed (the count only grows). */
export function reportHashed(progress: Int32Array, bytes: number): void {
  Atomics.store(progress, HASHED_UNITS, Math.floor(bytes / UNIT_BYTES));
  Atomics.notify(progress, HASHED_UNITS);
}

/** For the hashing thread: every byte is hashed; `digest` is the 32-byte SHA-256. */
export function finishHash(progress: Int32Array, digest: Uint8Array): void {
  if (digest.length !== 32) throw new Error(`a SHA-256 has 32 bytes, not ${digest.length}`);
  const view = new DataView(digest.buffer, digest.byteOffset, 32);
  for (let word = 0; word < 8; word++) progress[DIGEST + word] = view.getInt32(word * 4);
  Atomics.store(progress, STATE, DONE); // after the digest words: a reader that sees DONE sees them
  Atomics.notify(progress, STATE);
  Atomics.notify(progress, HASHED_UNITS);
}

/** For whoever sees the hashing thread fail (its owner, on an error event). */
export function failHash(progress: Int32Array): void {
  if (Atomics.compareExchange(progress, STATE, RUNNING, FAILED) !== RUNNING) return;
  Atomics.notify(progress, STATE);
  Atomics.notify(progress, HASHED_UNITS);
}

function hashFailed(): Error {
  return new Error("the file's SHA-256 could not be made");
}

function stalled(stallMs: number): Error {
  return new Error(`the file's SHA-256 made no progress for ${stallMs / 1000} s`);
}

/**
 * Blocks this thread (a worker: Atomics.wait) until bytes [0, end) of the file are hashed.
 * Throws when the hash failed, or made no progress for HASH_STALL_MS — never a hang.
 */
export function waitUntilHashed(progress: Int32Array, end: number, stallMs = HASH_STALL_MS): void {
  for (;;) {
    const state = Atomics.load(progress, STATE);
    if (state === DONE) return;
    if (state === FAILED) throw hashFailed();
    const units = Atomics.load(progress, HASHED_UNITS);
    if (units * UNIT_BYTES >= end) return;
    if (Atomics.wait(progress, HASHED_UNITS, units, stallMs) === 'timed-out'
      && Atomics.load(progress, HASHED_UNITS) === units && Atomics.load(progress, STATE) === RUNNING) {
      throw stalled(stallMs);
    }
  }
}

/** The digest (lowercase hex) once every byte is hashed, else null. */
export function hashedDigest(progress: Int32Array): string | null {
  if (Atomics.load(progress, STATE) !== DONE) return null;
  const digest = new Uint8Array(32);
  const view = new DataView(digest.buffer);
  for (let word = 0; word < 8; word++) view.setInt32(word * 4, progress[DIGEST + word]!);
  return hexOf(digest);
}

/** The digest, without blocking this thread's event loop; rejects as waitUntilHashed throws. */
export async function awaitDigest(progress: Int32Array): Promise<string> {
  let quiet = 0;
  let units = Atomics.load(progress, HASHED_UNITS);
  for (;;) {
    const digest = hashedDigest(progress);
    if (digest !== null) return digest;
    if (Atomics.load(progress, STATE) === FAILED) throw hashFailed();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const now = Atomics.load(progress, HASHED_UNITS);
    quiet = now === units ? quiet + POLL_MS : 0;
    units = now;
    if (quiet >= HASH_STALL_MS && Atomics.load(progress, STATE) === RUNNING) throw stalled(HASH_STALL_MS);
  }
}
