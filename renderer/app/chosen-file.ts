// The snapshot file chosen to open, shared by the shell (menu, Recent, OS requests, the
// locked session) and the opening screen: its name, path and a way to read its (still
// encrypted) bytes afresh for each attempt. Also the demo's passphrase, which is no secret.
import type { FileBytes, HostApi } from '../../shared/ipc/contract';
import { readBlobBytes } from '../host/blob-bytes';
import { hashAhead } from '../worker/hash-ahead';

export const DEMO_PASSPHRASE = 'ketenlens-demo';

export interface ChosenFile {
  name: string;
  path: string | null;
  size: number;
  demo: boolean;
  /** Reads the (encrypted) bytes afresh: each attempt hands its buffer to the worker without copying. */
  read(): Promise<ChosenBytes>;
}

/** The bytes of one attempt, with their SHA-256 when the host hashed them as it read them. */
export interface ChosenBytes {
  /** On a plain ArrayBuffer (transferred to the worker) or, for a large file read by a cross-origin-isolated page, on shared memory (shared with it). */
  bytes: Uint8Array<ArrayBuffer | SharedArrayBuffer>;
  sha256?: string;
  /**
   * For bytes in shared memory the host did not hash: the progress of their SHA-256, begun as
   * they were read (renderer/worker/hash-ahead.ts). The worker then decrypts into the same
   * memory behind the hash and reads the digest from it.
   */
  hashing?: Int32Array;
}

/** One attempt's bytes from a host read, ready to hand to the worker (not copied); a large file's hash begins now. */
export function chosenBytes(read: FileBytes): ChosenBytes {
  const bytes = ownBytes(read.bytes);
  if (read.sha256 !== undefined) return { bytes, sha256: read.sha256 };
  const hashing = isShared(bytes) ? hashAhead(bytes) : undefined;
  return { bytes, ...(hashing !== undefined ? { hashing } : {}) };
}

function isShared(bytes: Uint8Array<ArrayBuffer | SharedArrayBuffer>): bytes is Uint8Array<SharedArrayBuffer> {
  return typeof SharedArrayBuffer === 'function' && bytes.buffer instanceof SharedArrayBuffer;
}

/** Host bytes sit on a plain ArrayBuffer (transferable as is) or on shared memory (shared as is). */
function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer | SharedArrayBuffer> {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** What to transfer with the bytes to the worker: their buffer, unless it is shared memory. */
export function transferOf(bytes: Uint8Array<ArrayBuffer | SharedArrayBuffer>): ArrayBuffer[] {
  return bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}

/** A file the host has read once: the first attempt uses those bytes, later ones read again. */
export function hostFile(host: HostApi, path: string, read: FileBytes, demo: boolean): ChosenFile {
  return readOnce({ name: read.name, path, size: read.bytes.byteLength, demo }, chosenBytes(read),
    async () => chosenBytes(await host.invoke('file:read', { path })));
}

/**
 * A file dropped on the page without a path (the browser host), read now — as a picked file
 * is — so that a large one's hash runs while the key is entered; later attempts read again.
 */
export async function droppedFile(file: File): Promise<ChosenFile> {
  const read = async () => chosenBytes({ name: file.name, bytes: await readBlobBytes(file, file.name) });
  return readOnce({ name: file.name, path: null, size: file.size, demo: false }, await read(), read);
}

/** The first attempt takes the bytes read when the file was chosen (each attempt may overwrite its bytes); later ones read again. */
function readOnce(file: Omit<ChosenFile, 'read'>, firstRead: ChosenBytes, again: () => Promise<ChosenBytes>): ChosenFile {
  let first: ChosenBytes | null = firstRead;
  return {
    ...file,
    async read() {
      if (first !== null) {
        const once = first;
        first = null;
        return once;
      }
      return again();
    },
  };
}
