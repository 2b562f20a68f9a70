// Decrypting an age payload held in shared memory on two threads at once, for the hosts
// whose decryption runs in a Web Worker (the app). The STREAM chunks are independent (each
// nonce is its index and a last-chunk flag), so a helper (another worker) opens the second
// half of the chunks into the same shared plaintext while this thread opens the first: the
// cipher and the first touch of the plaintext's fresh memory, which on a virtual machine
// costs more than the cipher, are split over two cores. The Node corner's twin reads from
// a file descriptor instead (shared/node/age/payload-workers.ts).
//
// The helper only decrypts. Every refusal keeps the serial wording and order: this thread's
// range comes first, so its own refusal is the first; a helper that stops at a block it
// cannot open names that block, which is opened again here with the shared openChunks, so
// truncation, appended data and alteration are told apart exactly as in the serial loop. A
// helper that cannot start or fails leaves its range to this thread: slower, never different.
//
// In place (`InPlace`), the plaintext overwrites the file's own memory from its start: chunk
// i's plaintext (at i × 64 KiB) always lies before its ciphertext (after the header, at
// i × (64 KiB + 16)), so a thread that opens its chunks in order only overwrites ciphertext it
// has read. Each block is copied aside before it is opened, so a refused chunk is diagnosed
// on intact bytes, and put back if the block is refused. Only the helper's first chunks would
// overwrite the end of this thread's range: those few are copied before the helper starts and
// opened here, from the copy.
import { waitUntilHashed } from '../hash-progress';
import { CHUNK_BYTES, PROGRESS_CHUNKS, SEALED_CHUNK_BYTES, TAG_BYTES, openChunks, type PayloadLayout } from './payload';
import type { AgePrimitives } from './primitives';
import type { ProgressListener } from './types';

/** What a helper is given: its range of chunks, and where to write and count. */
export interface PayloadJob {
  streamKey: Uint8Array;
  /** The whole sealed payload (a view of shared memory). */
  payload: Uint8Array;
  /** First chunk of the helper's range, and the chunk after its last. */
  first: number;
  end: number;
  lastIndex: number;
  /** The whole plaintext (a view of shared memory); chunk i goes to i × 64 KiB. */
  plaintext: Uint8Array;
  /** Set when the plaintext overwrites the payload's own memory (then it starts where the file starts). */
  inPlace: InPlace | null;
  /**
   * Shared counters: [0] the chunks the helper has opened so far (for progress); [1] the
   * job's state, which the helper and this thread change only with compareExchange: the
   * helper takes an open job (claimJob), or this thread withdraws it, never both.
   */
  state: Int32Array;
}

const OPENED = 0;
const STATE = 1;
const OPEN = 0;
const TAKEN = 1;
const WITHDRAWN = 2;

/** For the helper: take the job, unless this thread has withdrawn it (then do nothing). */
export function claimJob(job: PayloadJob): boolean {
  return Atomics.compareExchange(job.state, STATE, OPEN, TAKEN) === OPEN;
}

/** For the helper: its chunks opened so far. */
export function reportOpened(job: PayloadJob, opened: number): void {
  Atomics.store(job.state, OPENED, opened);
}

/**
 * Decryption into the file's own memory. The plaintext view starts at the file's first byte,
 * so a plaintext offset is also a file offset. `hashed`, when another thread is still hashing
 * the file (shared/hash-progress.ts), holds each block back until the hash has read every
 * byte the block's plaintext overwrites.
 */
export interface InPlace {
  hashed?: Int32Array;
  /** How long to wait for a hash that makes no progress before giving up (default 30 s). */
  stallMs?: number;
}

/** The helper's answer: every chunk of its range opened, the first block it could not open, or the job was withdrawn before it took it. */
export type PayloadJobOutcome = { done: true } | { failedBlock: number } | { withdrawn: true };

/**
 * For the helper, once it has claimed the job: open its range, counting as it goes. A block
 * it cannot open is named, and this thread opens it again and refuses it in the serial
 * loop's words (in place, the block is put back first: openRange).
 */
export function openJob(primitives: AgePrimitives, job: PayloadJob): PayloadJobOutcome {
  let block = job.first;
  try {
    openRange(primitives, job.streamKey, job.payload, job.first, job.end, job.lastIndex, job.plaintext, (opened) => {
      block = job.first + opened;
      reportOpened(job, opened);
    }, job.inPlace);
    return { done: true };
  } catch {
    return { failedBlock: block };
  }
}

/** Another thread that opens a range of chunks; rejects when it cannot (it never started, it crashed). */
export interface PayloadHelper {
  run(job: PayloadJob): Promise<PayloadJobOutcome>;
  /** Stop it: this thread's range was refused, or the helper is no longer needed. */
  cancel(): void;
}

/** Below this many chunks (8 MiB) a second thread costs more than it saves (as in Node: payload-workers.ts). */
export const MIN_SPLIT_CHUNKS = 2 * PROGRESS_CHUNKS;

/** The smallest file worth splitting, in bytes (a host reads such a file into shared memory). */
export const MIN_SPLIT_BYTES = MIN_SPLIT_CHUNKS * SEALED_CHUNK_BYTES;

/** Whether a payload can be split with a helper: large, and in memory the helper can see. */
export function canSplit(payload: Uint8Array, layout: PayloadLayout): boolean {
  return layout.chunkCount >= MIN_SPLIT_CHUNKS
    && typeof SharedArrayBuffer === 'function'
    && payload.buffer instanceof SharedArrayBuffer;
}

/**
 * Opens chunks first…end of `payload` into `plaintext`, in blocks of PROGRESS_CHUNKS; `after`
 * runs after each block with the chunks opened so far. Throws the serial loop's refusal.
 * In place, each block is opened from a copy, and put back when it is refused.
 */
export function openRange(
  primitives: AgePrimitives, streamKey: Uint8Array, payload: Uint8Array, first: number, end: number,
  lastIndex: number, plaintext: Uint8Array, after: (opened: number) => void, inPlace: InPlace | null = null,
): void {
  const scratch = inPlace === null ? null : new Uint8Array(Math.min(PROGRESS_CHUNKS * SEALED_CHUNK_BYTES, Math.max(0, payload.length - first * SEALED_CHUNK_BYTES)));
  for (let index = first; index < end; index += PROGRESS_CHUNKS) {
    const stop = Math.min(end, index + PROGRESS_CHUNKS);
    const block = payload.subarray(index * SEALED_CHUNK_BYTES, Math.min(payload.length, stop * SEALED_CHUNK_BYTES));
    if (scratch === null || inPlace === null) {
      openChunks(primitives, streamKey, block, index, lastIndex, plaintext, index * CHUNK_BYTES);
    } else {
      const sealed = scratch.subarray(0, block.length);
      sealed.set(block);
      mayOverwrite(inPlace, Math.min(plaintext.length, stop * CHUNK_BYTES));
      try {
        openChunks(primitives, streamKey, sealed, index, lastIndex, plaintext, index * CHUNK_BYTES);
      } catch (error) {
        block.set(sealed); // whoever diagnoses this block again reads it as it was
        throw error;
      }
    }
    after(stop - first);
  }
}

/** Waits until the file's bytes before `end` may be overwritten (the hash has read them). */
function mayOverwrite(inPlace: InPlace, end: number): void {
  if (inPlace.hashed !== undefined) waitUntilHashed(inPlace.hashed, end, inPlace.stallMs);
}

/**
 * In place, the helper's range starts this many chunks after the middle: its first plaintext
 * chunk must not overwrite ciphertext of this thread's range, which ends `payloadStart` plus
 * 16 bytes a chunk beyond the middle's plaintext offset.
 */
export function chunksLent(payloadStart: number, middle: number): number {
  return Math.ceil((payloadStart + middle * TAG_BYTES) / CHUNK_BYTES);
}

/**
 * Where the plaintext goes: in place, the file's own memory from its start; else fresh memory,
 * shared when a helper writes into it too.
 */
export function plaintextMemory(file: Uint8Array, layout: PayloadLayout, inPlace: InPlace | null, shared: boolean): Uint8Array {
  if (inPlace !== null) return new Uint8Array(file.buffer, file.byteOffset, layout.plaintextLength);
  return shared ? new Uint8Array(new SharedArrayBuffer(layout.plaintextLength)) : new Uint8Array(layout.plaintextLength);
}

/**
 * The payload of `file` decrypted by this thread and a helper into one shared plaintext. The
 * caller checked canSplit, and cancels the helper when this returns or throws. Progress counts
 * both threads' chunks.
 */
export async function openPayloadSplit(
  primitives: AgePrimitives, streamKey: Uint8Array, file: Uint8Array, payload: Uint8Array, layout: PayloadLayout,
  helper: PayloadHelper, onProgress?: ProgressListener, inPlace: InPlace | null = null,
): Promise<Uint8Array> {
  const plaintext = plaintextMemory(file, layout, inPlace, true);
  const lastIndex = layout.chunkCount - 1;
  const middle = Math.ceil(layout.chunkCount / 2 / PROGRESS_CHUNKS) * PROGRESS_CHUNKS;
  // In place, the chunks between the middle and the helper's first are copied now, before the
  // helper can overwrite their ciphertext, and opened here after this thread's own range.
  const helperFirst = inPlace === null ? middle : middle + chunksLent(payload.byteOffset - file.byteOffset, middle);
  if (helperFirst >= layout.chunkCount) {
    // A header so large that nothing would be left for the helper: one thread, in order.
    const serialReport = (opened: number) => onProgress?.({ phase: 'decrypt', done: Math.min(layout.plaintextLength, opened * CHUNK_BYTES), total: layout.plaintextLength });
    openRange(primitives, streamKey, payload, 0, layout.chunkCount, lastIndex, plaintext, serialReport, inPlace);
    return plaintext;
  }
  const lent = helperFirst > middle ? payload.slice(middle * SEALED_CHUNK_BYTES, helperFirst * SEALED_CHUNK_BYTES) : null;
  const state = new Int32Array(new SharedArrayBuffer(8));
  const total = layout.plaintextLength;
  const report = (own: number) => onProgress?.({ phase: 'decrypt', done: Math.min(total, (own + Atomics.load(state, OPENED)) * CHUNK_BYTES), total });
  const job: PayloadJob = { streamKey, payload, first: helperFirst, end: layout.chunkCount, lastIndex, plaintext, state, inPlace };
  const helped = helper.run(job)
    .then((outcome): PayloadJobOutcome | null => outcome, () => null);
  openRange(primitives, streamKey, payload, 0, middle, lastIndex, plaintext, report, inPlace);
  // A helper that has not taken its job yet (still loading, or never started) loses it:
  // this thread opens that range itself rather than wait.
  const withdrawn = Atomics.compareExchange(job.state, STATE, OPEN, WITHDRAWN) === OPEN;
  if (withdrawn) helper.cancel();
  if (lent !== null && inPlace !== null) {
    mayOverwrite(inPlace, helperFirst * CHUNK_BYTES);
    openChunks(primitives, streamKey, lent, middle, lastIndex, plaintext, middle * CHUNK_BYTES);
    report(helperFirst);
  }
  const outcome = withdrawn ? null : await helped;
  // A helper that did not run leaves its whole range here; one that stopped, from the block it
  // named (which then refuses as in the serial loop, or, if it opens after all, goes on).
  const resumeAt = outcome === null || 'withdrawn' in outcome ? helperFirst : 'failedBlock' in outcome ? outcome.failedBlock : null;
  if (resumeAt !== null) {
    openRange(primitives, streamKey, payload, resumeAt, layout.chunkCount, lastIndex, plaintext, (own) => report(helperFirst + own), inPlace);
  }
  onProgress?.({ phase: 'decrypt', done: total, total });
  return plaintext;
}
