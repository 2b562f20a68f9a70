// The snapshot file chosen to open, shared by the shell (menu, Recent, OS requests, the
// locked session) and the opening screen: its name, path and a way to read its (still
// encrypted) bytes afresh for each attempt. Also the demo's passphrase, which is no secret.
import type { FileBytes, HostApi } from '../../shared/ipc/contract';

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
}

/** One attempt's bytes from a host read, ready to hand to the worker (not copied). */
export function chosenBytes(read: FileBytes): ChosenBytes {
  return { bytes: ownBytes(read.bytes), ...(read.sha256 !== undefined ? { sha256: read.sha256 } : {}) };
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
  let first: ChosenBytes | null = chosenBytes(read);
  return {
    name: read.name,
    path,
    size: read.bytes.byteLength,
    demo,
    async read() {
      if (first !== null) {
        const once = first;
        first = null;
        return once;
      }
      return chosenBytes(await host.invoke('file:read', { path }));
    },
  };
}
