// A Web Worker that makes the SHA-256 of a file's ciphertext on its own core. Two callers:
// - digest-aside.ts (the core worker), once a file is decrypted, when it could not be hashed
//   before: it owns the bytes it is given (transferred, not copied);
// - hash-ahead.ts (the page), as soon as a large file is read into shared memory: it then
//   says how far it has read in shared progress words (shared/hash-progress.ts), so the core
//   worker can decrypt into the same memory behind it, and leaves the digest there.
// It hashes the bytes where they are, in slices: Web Crypto's digest would first copy the
// whole file (519 MB at national scale) into memory of its own. hash-wasm's SHA-256
// (WebAssembly) runs at 2.2 × the speed of @noble/hashes' pure JavaScript here (400 against
// 186 MB/s in Node 20).
import { createSHA256 } from 'hash-wasm';
import { hexOf } from '../../shared/digest';
import { failHash, finishHash, reportHashed } from '../../shared/hash-progress';

const SLICE_BYTES = 8 * 1024 * 1024;

export interface HashJob {
  buffer: ArrayBuffer | SharedArrayBuffer;
  byteOffset: number;
  length: number;
  /** Shared progress words to report into (hash-ahead.ts); absent for digest-aside.ts. */
  progress?: Int32Array;
}

const scope = self as unknown as {
  postMessage(message: { ready: true } | { digest: string } | { error: string }): void;
  onmessage: ((event: MessageEvent<HashJob>) => void) | null;
  close(): void;
};

scope.onmessage = async (event) => {
  const { buffer, byteOffset, length, progress } = event.data;
  try {
    const bytes = new Uint8Array(buffer, byteOffset, length);
    const hash = await createSHA256();
    hash.init();
    for (let offset = 0; offset < length; offset += SLICE_BYTES) {
      const end = Math.min(length, offset + SLICE_BYTES);
      hash.update(bytes.subarray(offset, end));
      if (progress !== undefined) reportHashed(progress, end);
    }
    const digest = hash.digest('binary');
    if (progress !== undefined) finishHash(progress, digest);
    scope.postMessage({ digest: hexOf(digest) });
  } catch (error) {
    if (progress !== undefined) failHash(progress);
    scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
  scope.close();
};
scope.postMessage({ ready: true });
