// SHA-256 as lowercase hex with the Web Crypto API, for the hosts without node:crypto (the
// browser host and the core worker). Web Crypto exists in browsers, workers and Node 20, so
// this module stays isomorphic; the Node corner has one node:crypto twin, shared/node/digest.ts
// (why: see there).

/** SHA-256 (hex) of the bytes. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
