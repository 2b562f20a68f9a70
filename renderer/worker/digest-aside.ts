// The SHA-256 of an opened file's ciphertext, made beside the open when the host did not
// hash the bytes as it read them (the browser host). Started as soon as decryption is done,
// on a worker of its own (hash.worker.ts) that the ciphertext is transferred to, so the digest
// costs the second core instead of the core worker's time after the first figures, and no
// copy of the file is made for it. Where no worker can be started (Node, in the tests; a
// worker that fails before it takes the bytes) the bytes are hashed here, with Web Crypto,
// when the digest is first awaited — the same digest either way.
import { sha256Hex } from '../../shared/digest';

export interface DigestAside {
  /** The SHA-256 hex of the bytes; rejects when the hashing failed. */
  digest(): Promise<string>;
  /** Stop hashing (the open was refused or closed); the digest then never settles. */
  cancel(): void;
}

type HashMessage = { ready: true } | { digest: string } | { error: string };

/** Begin the digest of `bytes`; they belong to it from now on (they may be transferred). */
export function digestAside(bytes: Uint8Array<ArrayBuffer>): DigestAside {
  if (typeof Worker !== 'function') return inPlace(bytes);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return inPlace(bytes);
  }
  let fallback: DigestAside | null = null;
  const digest = new Promise<string>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<HashMessage>) => {
      const message = event.data;
      if ('ready' in message) {
        // Transferred only once the worker runs: a worker that cannot start leaves the bytes here.
        worker.postMessage({ buffer: bytes.buffer, byteOffset: bytes.byteOffset, length: bytes.length }, [bytes.buffer]);
      } else if ('digest' in message) {
        resolve(message.digest);
      } else {
        reject(new Error(`the file's SHA-256 could not be made: ${message.error}`));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      if (bytes.buffer.byteLength === 0) {
        reject(new Error(`the file's SHA-256 could not be made: ${event.message}`));
        return;
      }
      fallback = inPlace(bytes);
      fallback.digest().then(resolve, reject);
    };
  });
  digest.catch(() => undefined); // awaited by the completion; a cancelled open never asks
  return {
    digest: () => digest,
    cancel: () => {
      worker.terminate();
      fallback?.cancel();
    },
  };
}

function inPlace(bytes: Uint8Array<ArrayBuffer>): DigestAside {
  let made: Promise<string> | null = null;
  return {
    digest: () => (made ??= sha256Hex(bytes)),
    cancel: () => undefined,
  };
}
