// Reading a chosen file (a Blob) into memory for the open. A large file read by a page that
// is cross-origin isolated (both hosts send COOP and COEP) goes into shared memory, so the
// core worker can hand half of its payload to a second decryption worker, and the finished
// ciphertext to the digest's worker, without copying it (renderer/worker/decrypt-aside.ts).
// Elsewhere, and for small files, it is a plain ArrayBuffer, as before.
import { MIN_SPLIT_BYTES } from '../../shared/age/payload-helper';
import { FileReadError } from '../../shared/errors';

/** Whether this page (or worker) may share memory with workers. */
export function mayShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/** The file's bytes: in shared memory when large and allowed, else on a plain ArrayBuffer. */
export async function readBlobBytes(blob: Blob, name: string): Promise<Uint8Array<ArrayBuffer | SharedArrayBuffer>> {
  const changed = () => new FileReadError(name, 'het bestand veranderde tijdens het lezen', 'the file changed while it was read');
  if (blob.size < MIN_SPLIT_BYTES || !mayShareMemory()) return new Uint8Array(await blob.arrayBuffer());
  const bytes = new Uint8Array(new SharedArrayBuffer(blob.size));
  const reader = blob.stream().getReader();
  let written = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (written + value.length > bytes.length) {
      await reader.cancel();
      throw changed();
    }
    bytes.set(value, written);
    written += value.length;
  }
  if (written !== bytes.length) throw changed();
  return bytes;
}
