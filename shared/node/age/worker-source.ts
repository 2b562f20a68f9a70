// Node corner: JavaScript source shared by the age workers that are evaluated from text
// (payload-workers.ts, verify-worker.ts): opening one sealed STREAM chunk with node:crypto.
// The nonce is the 11-byte big-endian chunk counter and the last-chunk flag (payload.ts,
// writeStreamNonce); the tests compare the workers with the serial path. The source
// expects `createDecipheriv`, `key`, `lastIndex` and `tagBytes` in the worker's scope.
export const OPEN_CHUNK_SOURCE = `
const chunkNonce = Buffer.alloc(12);
/** The opened chunk (a fresh Buffer: wipe it after use), or null when its tag does not match. */
function openChunk(sealed, index) {
  chunkNonce.fill(0);
  let counter = index;
  for (let position = 10; position >= 0 && counter > 0; position--) {
    chunkNonce[position] = counter % 256;
    counter = Math.floor(counter / 256);
  }
  chunkNonce[11] = index === lastIndex ? 1 : 0;
  const decipher = createDecipheriv('chacha20-poly1305', key, chunkNonce, { authTagLength: tagBytes });
  decipher.setAuthTag(sealed.subarray(sealed.length - tagBytes));
  const opened = decipher.update(sealed.subarray(0, sealed.length - tagBytes));
  try {
    decipher.final();
  } catch {
    opened.fill(0);
    return null;
  }
  return opened;
}
`;
