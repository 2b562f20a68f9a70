// The Node corner's one SHA-256 of bytes in memory: node:crypto, synchronous. The
// isomorphic shared/digest.ts (Web Crypto) is what the browser host and the worker use;
// Node keeps this one because the bytes hashed here (a whole snapshot file, an export)
// can be hundreds of megabytes and Node's Web Crypto digest copies its input first, while
// node:crypto hashes the caller's buffer in place. (hash-worker.ts streams a file through
// node:crypto instead, beside decryption; that is not a hash of bytes in memory.)
import { createHash } from 'node:crypto';

/** SHA-256 (lowercase hex) of the bytes. */
export function sha256HexSync(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
