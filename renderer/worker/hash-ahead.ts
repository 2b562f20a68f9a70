// The SHA-256 of a large file, begun by the page as soon as the file is read into shared
// memory (the browser host), on a worker of its own (hash.worker.ts), while the person enters
// the key. It reports how far it has read in shared progress words (shared/hash-progress.ts),
// which go to the core worker with the bytes: the core worker then decrypts into the file's own
// memory, each block only once the hash has read it (shared/age/decrypt.ts, `inPlace`), and
// reads the digest from the same words. So the ciphertext and the plaintext are never in
// memory side by side, and the digest costs no core while the first figures are computed.
// Where no worker can start, there is nothing to hand on: the core worker decrypts into
// memory of its own and hashes afterwards (digest-aside.ts), as before.
import { createHashProgress, failHash } from '../../shared/hash-progress';
import type { HashJob } from './hash.worker';

/** Hashing workers still running: held here so nothing collects one before it is done. */
const running = new Set<Worker>();

/** Begin hashing `bytes` (shared memory) now; the progress words to hand on, or undefined when no worker could start. */
export function hashAhead(bytes: Uint8Array<SharedArrayBuffer>): Int32Array | undefined {
  if (typeof Worker !== 'function') return undefined;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return undefined;
  }
  const progress = createHashProgress();
  const stop = () => {
    running.delete(worker);
    worker.terminate();
  };
  running.add(worker);
  worker.onmessage = (event: MessageEvent<{ ready: true } | { digest: string } | { error: string }>) => {
    if ('ready' in event.data) return;
    if ('error' in event.data) failHash(progress);
    stop();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failHash(progress);
    stop();
  };
  // Queued until the worker has loaded; shared memory is not transferred, so nothing is lost if it never does.
  worker.postMessage({ buffer: bytes.buffer, byteOffset: bytes.byteOffset, length: bytes.length, progress } satisfies HashJob);
  return progress;
}
