// A Web Worker that opens the second half of a large age payload while the core worker opens
// the first (shared/age/payload-helper.ts): both read the sealed payload from, and write the
// plaintext into, shared memory, so nothing is copied between them. It loads libsodium's
// ChaCha20-Poly1305 as soon as it starts, takes its one job (unless the core worker got there
// first) and closes.
import { sodiumPrimitives } from '../../shared/age/sodium';
import { claimJob, openJob, type PayloadJob, type PayloadJobOutcome } from '../../shared/age/payload-helper';

export type DecryptWorkerMessage = PayloadJobOutcome | { error: string };

const scope = self as unknown as {
  postMessage(message: DecryptWorkerMessage): void;
  onmessage: ((event: MessageEvent<PayloadJob>) => void) | null;
  close(): void;
};

const primitives = sodiumPrimitives();

scope.onmessage = async (event) => {
  const job = event.data;
  try {
    const sodium = await primitives;
    // Taken only once libsodium is loaded: until then the core worker may still do it itself.
    if (!claimJob(job)) {
      scope.postMessage({ withdrawn: true });
      return;
    }
    scope.postMessage(openJob(sodium, job));
  } catch (error) {
    scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
  } finally {
    job.streamKey.fill(0);
    scope.close();
  }
};

primitives.catch(() => undefined); // reported when the job awaits it
