// The core worker's helper for a large payload (shared/age/payload-helper.ts): a worker of
// its own (decrypt.worker.ts), started when the open begins so that its libsodium is loaded
// by the time the key is unwrapped; the job is posted at once and taken when it has loaded,
// unless the core worker, done with its own half first, has withdrawn it. Only where the
// page is cross-origin isolated (the hosts send COOP and COEP) can memory be shared with it;
// elsewhere there is no helper and the core worker decrypts alone, as before.
import { MIN_SPLIT_BYTES, type PayloadHelper, type PayloadJob, type PayloadJobOutcome } from '../../shared/age/payload-helper';
import type { DecryptWorkerMessage } from './decrypt.worker';
import { mayShareMemory } from '../host/blob-bytes';

/** A helper for `bytes`, or undefined when they are small, cannot be shared, or no worker can start. */
export function startDecryptHelper(bytes: Uint8Array): PayloadHelper | undefined {
  if (bytes.length < MIN_SPLIT_BYTES) return undefined;
  if (typeof Worker !== 'function' || !mayShareMemory() || !(bytes.buffer instanceof SharedArrayBuffer)) return undefined;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./decrypt.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return undefined;
  }
  let settle: ((outcome: PayloadJobOutcome) => void) | null = null;
  let fail: ((error: Error) => void) | null = null;
  let failure: Error | null = null;
  const stop = (error: Error) => {
    worker.terminate();
    failure ??= error;
    fail?.(failure);
  };
  worker.onmessage = (event: MessageEvent<DecryptWorkerMessage>) => {
    const message = event.data;
    if ('error' in message) {
      stop(new Error(message.error));
    } else {
      settle?.(message);
      worker.terminate();
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    stop(new Error(event.message));
  };
  return {
    run(job: PayloadJob) {
      return new Promise<PayloadJobOutcome>((resolve, reject) => {
        if (failure !== null) {
          reject(failure);
          return;
        }
        settle = resolve;
        fail = reject;
        // Queued until the worker has loaded; it takes the job only if it is still open then.
        worker.postMessage(job);
      });
    },
    cancel() {
      stop(new Error('cancelled'));
    },
  };
}
