// Node corner: the whole-file check of a snapshot decrypted on demand (on-demand.ts). A
// worker thread reads the file once, by position, through the same descriptor: it makes
// the file's SHA-256 and authenticates every age STREAM chunk (decrypting into a small
// buffer it throws away), so a file altered, cut or extended anywhere is refused even
// where the command never reads. The main thread meanwhile decrypts only what it reads.
//
// The outcome can be awaited, or waited for synchronously (`waitNow`): a command that is
// building its table in one synchronous stretch reads the digest for the table's
// provenance without giving up the thread. The worker posts its outcome on a port the main
// thread never listens to and then raises a flag in shared memory; `waitNow` sleeps on the
// flag (Atomics.wait) and takes the message with receiveMessageOnPort. It never hangs: the
// worker counts its progress in the same shared memory, and a worker that makes none for
// STALL_MS is given up with an error.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { workerExecArgv } from './worker-flags';
import { OPEN_CHUNK_SOURCE } from './worker-source';

// Plain CommonJS, evaluated in the worker: no bundler or loader involved (as the hash and
// payload workers); a chunk is opened by worker-source.ts's openChunk.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readSync } = require('node:fs');
const { createHash, createDecipheriv } = require('node:crypto');
const { fd, size, payloadStart, lastIndex, key, chunkBytes, tagBytes, blockChunks, port, state } = workerData;
const flags = new Int32Array(state);
const sealedBytes = chunkBytes + tagBytes;
const hash = createHash('sha256');
const block = Buffer.allocUnsafe(Math.max(1, Math.min(size, Math.max(payloadStart, blockChunks * sealedBytes))));
function readFully(length, position) {
  for (let done = 0; done < length; ) {
    const read = readSync(fd, block, done, length - done, position + done);
    if (read === 0) return false;
    done += read;
  }
  return true;
}
${OPEN_CHUNK_SOURCE}
function opens(sealed, index) {
  try {
    const opened = openChunk(sealed, index);
    if (opened === null) return false;
    opened.fill(0);
    return true;
  } catch {
    return false; // a chunk too short for its tag: the diagnosis on the main thread names it
  }
}
function verify() {
  if (!readFully(payloadStart, 0)) return { shrank: true };
  hash.update(block.subarray(0, payloadStart));
  const payloadLength = size - payloadStart;
  for (let index = 0; index <= lastIndex; ) {
    const start = index * sealedBytes;
    const length = Math.min(blockChunks * sealedBytes, payloadLength - start);
    if (!readFully(length, payloadStart + start)) return { shrank: true };
    hash.update(block.subarray(0, length));
    for (let offset = 0; offset < length; offset += sealedBytes, index++) {
      if (!opens(block.subarray(offset, Math.min(offset + sealedBytes, length)), index)) return { failed: index };
    }
    Atomics.add(flags, 1, 1);
  }
  return { digest: hash.digest('hex') };
}
let outcome;
try {
  outcome = verify();
} catch (error) {
  outcome = { error: { message: String(error && error.message), code: String((error && error.code) || '') } };
}
key.fill(0);
port.postMessage(outcome);
parentPort.postMessage(outcome);
Atomics.store(flags, 0, 1);
Atomics.notify(flags, 0);
`;

export type VerifyOutcome =
  | { digest: string }
  | { failed: number }
  | { shrank: true }
  | { error: { message: string; code: string } };

export interface VerifyInput {
  fd: number;
  size: number;
  payloadStart: number;
  lastIndex: number;
  /** The payload key; the worker gets a copy and wipes it when done. */
  streamKey: Uint8Array;
  chunkBytes: number;
  tagBytes: number;
  /** Chunks per read (and per step of progress). */
  blockChunks: number;
}

export interface BackgroundVerification {
  outcome: Promise<VerifyOutcome>;
  /** The outcome, waiting for it on this thread if it is not there yet. */
  waitNow(): VerifyOutcome;
  cancel(): void;
}

/** How long a worker may go without progress before the wait gives up on it. */
export const STALL_MS = 30_000;

export function verifyFileInBackground(input: VerifyInput, stallMs = STALL_MS): BackgroundVerification {
  const state = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: workerExecArgv(),
    workerData: {
      fd: input.fd,
      size: input.size,
      payloadStart: input.payloadStart,
      lastIndex: input.lastIndex,
      key: Uint8Array.from(input.streamKey),
      chunkBytes: input.chunkBytes,
      tagBytes: input.tagBytes,
      blockChunks: input.blockChunks,
      port: port2,
      state: state.buffer,
    },
    transferList: [port2],
  });
  let known: VerifyOutcome | null = null;
  const outcome = new Promise<VerifyOutcome>((resolve) => {
    worker.once('message', (message: VerifyOutcome) => {
      known ??= message;
      resolve(known);
      port1.close();
    });
    const stopped = (message: string): void => {
      known ??= { error: { message, code: '' } };
      resolve(known);
      port1.close();
    };
    worker.once('error', (error) => stopped(error.message));
    // A worker that ends without an outcome (killed, out of memory) must not leave anyone waiting.
    worker.once('exit', (exitCode) => stopped(`verification thread stopped (exit code ${exitCode})`));
  });
  return {
    outcome,
    waitNow(): VerifyOutcome {
      if (known !== null) return known;
      let progress = Atomics.load(state, 1);
      let since = Date.now();
      while (Atomics.load(state, 0) === 0) {
        Atomics.wait(state, 0, 0, 200);
        const now = Atomics.load(state, 1);
        if (now !== progress) {
          progress = now;
          since = Date.now();
        } else if (Date.now() - since > stallMs) {
          known = { error: { message: `the verification thread made no progress for ${stallMs / 1000} s`, code: '' } };
          void worker.terminate();
          return known;
        }
      }
      const received = receiveMessageOnPort(port1);
      // The port's message is the worker's outcome; if the event loop already delivered the
      // other copy, `known` holds it.
      known ??= (received?.message as VerifyOutcome | undefined) ?? { error: { message: 'no outcome from the verification thread', code: '' } };
      return known;
    },
    cancel: () => void worker.terminate(),
  };
}
