// Node corner: decrypting an age payload on several worker threads at once. The age
// STREAM chunks are independent (each has its own nonce: its index and a last-chunk
// flag), so each worker opens one contiguous range of chunks straight from the file
// descriptor into its part of one shared plaintext buffer. Two cores halve both the
// cipher work and the first touch of the plaintext's fresh memory, which on a virtual
// machine costs more than the cipher (docs/performance/parallel-decryption.md).
//
// The workers only decrypt. Every refusal keeps the single-thread wording and order: a
// worker stops at its first chunk that does not open and reports its index; the smallest
// such index over all workers is the first chunk the serial loop would have refused, and
// that one chunk is opened again here with the shared openChunks, which tells truncation,
// appended data and alteration apart exactly as before.
import { readFullySync } from './file-source';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerExecArgv } from './worker-flags';
import { OPEN_CHUNK_SOURCE } from './worker-source';
import { PayloadTamperedError, TruncatedFileError } from '../../errors';
import { CHUNK_BYTES, SEALED_CHUNK_BYTES, TAG_BYTES, openChunks, type PayloadLayout } from '../../age/payload';
import type { SourceHead } from '../../age/decrypt';
import { PROGRESS_CHUNKS } from '../../age/payload';
import type { ProgressListener } from '../../age/types';
import { nodePrimitives } from './primitives';

// Plain CommonJS, evaluated in the worker: no bundler or loader involved (as the hash
// worker); a chunk is opened by worker-source.ts's openChunk.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readSync } = require('node:fs');
const { createDecipheriv } = require('node:crypto');
const { fd, payloadStart, payloadLength, first, end, lastIndex, key, plaintext, chunkBytes, tagBytes, blockChunks } = workerData;
const sealedBytes = chunkBytes + tagBytes;
const output = new Uint8Array(plaintext);
const block = Buffer.allocUnsafe(Math.min(blockChunks * sealedBytes, payloadLength));
${OPEN_CHUNK_SOURCE}
function decryptRange() {
  for (let index = first; index < end; ) {
    const count = Math.min(blockChunks, end - index);
    const start = index * sealedBytes;
    const length = Math.min(count * sealedBytes, payloadLength - start);
    for (let done = 0; done < length; ) {
      const read = readSync(fd, block, done, length - done, payloadStart + start + done);
      if (read === 0) return { shrank: true };
      done += read;
    }
    let written = 0;
    for (let offset = 0; offset < length; offset += sealedBytes, index++) {
      const sealed = block.subarray(offset, Math.min(offset + sealedBytes, length));
      const opened = openChunk(sealed, index);
      if (opened === null) return { failed: index };
      output.set(opened, index * chunkBytes);
      opened.fill(0);
      written += opened.length;
    }
    parentPort.postMessage({ progress: written });
  }
  return { done: true };
}
let outcome;
try {
  outcome = decryptRange();
} catch (error) {
  outcome = { error: { message: String(error && error.message), code: String((error && error.code) || '') } };
}
key.fill(0);
parentPort.postMessage(outcome);
`;

type WorkerOutcome =
  | { done: true }
  | { failed: number }
  | { shrank: true }
  | { error: { message: string; code: string } };

type WorkerMessage = WorkerOutcome | { progress: number };

/** Below this many chunks (8 MiB) starting workers costs more than it saves. */
export const MIN_PARALLEL_CHUNKS = 2 * PROGRESS_CHUNKS;
/** More threads than this gain little: the machine's memory bandwidth is shared. */
const MAX_THREADS = 4;

/** How many threads to decrypt a payload of `layout` on; 1 means: decrypt in this thread. */
export function payloadThreads(layout: PayloadLayout, cores: number = availableParallelism()): number {
  if (layout.chunkCount < MIN_PARALLEL_CHUNKS) return 1;
  return Math.max(1, Math.min(cores, MAX_THREADS, Math.floor(layout.chunkCount / PROGRESS_CHUNKS)));
}

/** Chunk ranges [first, end) for `threads` workers, on PROGRESS_CHUNKS boundaries. */
export function chunkRanges(chunkCount: number, threads: number): Array<[number, number]> {
  const blocks = Math.ceil(chunkCount / PROGRESS_CHUNKS);
  const ranges: Array<[number, number]> = [];
  for (let thread = 0; thread < threads; thread++) {
    const first = Math.min(chunkCount, Math.round((blocks * thread) / threads) * PROGRESS_CHUNKS);
    const end = Math.min(chunkCount, Math.round((blocks * (thread + 1)) / threads) * PROGRESS_CHUNKS);
    if (end > first) ranges.push([first, end]);
  }
  return ranges;
}

export interface PayloadWorkersInput {
  /** An open descriptor of the file; it must stay open until the promise settles. */
  fd: number;
  fileSize: number;
  head: Extract<SourceHead, { kind: 'binary' }>;
  threads: number;
  onProgress?: ProgressListener;
  /** How a failed read is reported (the caller's FileReadError with the path). */
  readFailure: (error: { message: string; code: string }) => Error;
}

/**
 * Decrypts the payload on `threads` workers into one shared buffer and returns it. The
 * buffer is a SharedArrayBuffer view; it is wiped when the payload is refused.
 */
export async function decryptPayloadOnWorkers(input: PayloadWorkersInput): Promise<Uint8Array> {
  const { fd, fileSize, head, onProgress } = input;
  const { payloadStart, streamKey, layout } = head;
  const payloadLength = fileSize - payloadStart;
  const plaintext = new Uint8Array(new SharedArrayBuffer(layout.plaintextLength));
  const lastIndex = layout.chunkCount - 1;
  let done = 0;
  const outcomes = await Promise.all(
    chunkRanges(layout.chunkCount, input.threads).map(
      ([first, end]) =>
        new Promise<WorkerOutcome>((resolve) => {
          const worker = new Worker(WORKER_SOURCE, {
            eval: true,
            // No inherited loader flags (the worker is plain CommonJS), only the profiler's (worker-flags.ts).
            execArgv: workerExecArgv(),
            workerData: {
              fd,
              payloadStart,
              payloadLength,
              first,
              end,
              lastIndex,
              key: streamKey,
              plaintext: plaintext.buffer,
              chunkBytes: CHUNK_BYTES,
              tagBytes: TAG_BYTES,
              blockChunks: PROGRESS_CHUNKS,
            },
          });
          worker.on('message', (message: WorkerMessage) => {
            if ('progress' in message) {
              done += message.progress;
              onProgress?.({ phase: 'decrypt', done, total: layout.plaintextLength });
              return;
            }
            // Not terminated: the worker ends by itself after its outcome, so a CPU profile
            // (node --cpu-prof) of the process includes its thread.
            resolve(message);
          });
          worker.once('error', (error) => resolve({ error: { message: error.message, code: '' } }));
          // A worker that ends without an outcome (killed, out of memory) must not leave the open waiting.
          worker.once('exit', (exitCode) => resolve({ error: { message: `decryption thread stopped (exit code ${exitCode})`, code: '' } }));
        }),
    ),
  );
  const refusal = refusalOf(outcomes, input, lastIndex);
  if (refusal !== null) {
    plaintext.fill(0);
    throw refusal;
  }
  return plaintext;
}

/** The error the serial loop would have thrown, or null when every range opened. */
function refusalOf(outcomes: WorkerOutcome[], input: PayloadWorkersInput, lastIndex: number): Error | null {
  // Ranges are in order, so the first range that did not finish holds the first refusal.
  for (const outcome of outcomes) {
    if ('done' in outcome) continue;
    if ('shrank' in outcome) return new TruncatedFileError();
    if ('error' in outcome) return input.readFailure(outcome.error);
    return diagnoseChunk(input, outcome.failed, lastIndex);
  }
  return null;
}

/**
 * Opens the refused chunk again with the shared openChunks for its exact refusal (also
 * for the verification of a file decrypted on demand, on-demand.ts).
 */
export function diagnoseChunk(input: Pick<PayloadWorkersInput, 'fd' | 'fileSize' | 'head' | 'readFailure'>, index: number, lastIndex: number): Error {
  const { payloadStart, streamKey } = input.head;
  const start = payloadStart + index * SEALED_CHUNK_BYTES;
  const sealed = new Uint8Array(Math.min(SEALED_CHUNK_BYTES, input.fileSize - start));
  try {
    if (!readFullySync(input.fd, sealed, start)) return new TruncatedFileError();
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    return input.readFailure({ message: error instanceof Error ? error.message : String(error), code });
  }
  try {
    openChunks(nodePrimitives, streamKey, sealed, index, lastIndex, new Uint8Array(sealed.length), 0);
  } catch (error) {
    if (error instanceof Error) return error;
  }
  // The chunk opened this time: the file changed while it was read.
  return new PayloadTamperedError(index);
}
