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

/**
 * Begin the digest of `bytes`; they belong to it from now on (they may be transferred). Bytes
 * in shared memory (a large file read by a cross-origin-isolated page) are shared with the
 * worker instead: nothing to transfer, nothing copied.
 */
export function digestAside(given: Uint8Array<ArrayBuffer | SharedArrayBuffer>): DigestAside {
  if (typeof Worker !== 'function') return inPlace(given);
  // Shared memory cannot be transferred: this reference is dropped once the digest is made,
  // or the ciphertext would live as long as the open snapshot.
  let bytes: Uint8Array<ArrayBuffer | SharedArrayBuffer> = given;
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
        worker.postMessage({ buffer: bytes.buffer, byteOffset: bytes.byteOffset, length: bytes.length }, bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : []);
      } else if ('digest' in message) {
        resolve(message.digest);
      } else {
        reject(new Error(`the file's SHA-256 could not be made: ${message.error}`));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      if (bytes.buffer instanceof ArrayBuffer && bytes.buffer.byteLength === 0) {
        reject(new Error(`the file's SHA-256 could not be made: ${event.message}`));
        return;
      }
      fallback = inPlace(bytes);
      fallback.digest().then(resolve, reject);
    };
  });
  const release = () => { bytes = new Uint8Array(0); };
  digest.then(release, release); // awaited by the completion; a cancelled open never asks
  return {
    digest: () => digest,
    cancel: () => {
      worker.terminate();
      fallback?.cancel();
      release();
    },
  };
}

function inPlace(bytes: Uint8Array<ArrayBuffer | SharedArrayBuffer>): DigestAside {
  let made: Promise<string> | null = null;
  return {
    // Web Crypto refuses a view of shared memory: such bytes are copied first.
    digest: () => (made ??= sha256Hex(isUnshared(bytes) ? bytes : bytes.slice())),
    cancel: () => undefined,
  };
}

function isUnshared(bytes: Uint8Array<ArrayBuffer | SharedArrayBuffer>): bytes is Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer;
}
