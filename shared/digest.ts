// SHA-256 as lowercase hex with the Web Crypto API, for the hosts without node:crypto (the
// browser host and the core worker). Web Crypto exists in browsers, workers and Node 20, so
// this module stays isomorphic; the Node corner has one node:crypto twin, shared/node/digest.ts
// (why: see there).

/** SHA-256 (hex) of the bytes. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return hexOf(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/** Bytes as lowercase hex, the way every digest is shown and stored. */
export function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
