// Node corner: the SHA-256 of a file computed on a worker thread while the main thread
// decrypts and checks it, so the hash costs no time on the critical path when a second
// core is free. The worker reads through the same file descriptor as the decrypter (the
// same file even if the path is replaced meanwhile), by position, in 4 MiB blocks.
import { Worker } from 'node:worker_threads';
import { workerExecArgv } from './worker-flags';

// Plain CommonJS, evaluated in the worker: no bundler or loader involved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { fd, size } = workerData;
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(size, 4 << 20)));
let position = 0;
try {
  while (position < size) {
    const read = readSync(fd, buffer, 0, Math.min(buffer.length, size - position), position);
    if (read === 0) throw Object.assign(new Error('the file shrank while it was read'), { code: 'ESHRANK' });
    hash.update(buffer.subarray(0, read));
    position += read;
  }
  parentPort.postMessage({ digest: hash.digest('hex') });
} catch (error) {
  parentPort.postMessage({ error: { message: String(error && error.message), code: String((error && error.code) || '') } });
}
`;

export interface BackgroundHash {
  /** SHA-256 hex of the first `size` bytes of the file; rejects with {message, code} on a read error. */
  digest: Promise<string>;
  /** Stop the worker (after a refusal elsewhere); the digest then never resolves. */
  cancel(): void;
}

export interface HashFailure {
  message: string;
  code: string;
}

/** Start hashing `size` bytes of the open file `fd` on a worker thread. Keep `fd` open until `digest` settles. */
export function hashFileInBackground(fd: number, size: number): BackgroundHash {
  // No inherited loader flags (the worker is plain CommonJS), only the profiler's (worker-flags.ts).
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { fd, size }, execArgv: workerExecArgv() });
  const digest = new Promise<string>((resolve, reject) => {
    worker.once('message', (message: { digest?: string; error?: HashFailure }) => {
      if (message.digest !== undefined) resolve(message.digest);
      else reject(message.error ?? { message: 'no digest', code: '' });
      // Not terminated after its digest: the worker ends by itself, so a CPU profile of the
      // process (node --cpu-prof) includes its thread.
    });
    worker.once('error', (error) => reject({ message: error.message, code: '' } satisfies HashFailure));
  });
  return { digest, cancel: () => void worker.terminate() };
}
