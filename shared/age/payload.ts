// The age v1 payload: STREAM of ChaCha20-Poly1305 chunks of 64 KiB plaintext each,
// nonce = 11-byte big-endian chunk counter ‖ 1 byte last-chunk flag. The plaintext
// length follows from the payload length, so callers preallocate one output buffer
// and decrypt chunk by chunk into it (no concatenation peak).
import { PayloadTamperedError, TruncatedFileError } from '../errors';
import type { AgePrimitives } from './primitives';

export const CHUNK_BYTES = 64 * 1024;
export const TAG_BYTES = 16;
export const SEALED_CHUNK_BYTES = CHUNK_BYTES + TAG_BYTES;
export const NONCE_BYTES = 12;
/** The random nonce between header and payload that salts the payload key. */
export const PAYLOAD_NONCE_BYTES = 16;
/**
 * Chunks handled between two progress reports (4 MiB of plaintext); also the block that
 * parallel decryption splits on (a helper names the block it could not open).
 */
export const PROGRESS_CHUNKS = 64;

export interface PayloadLayout {
  plaintextLength: number;
  chunkCount: number;
}

/**
 * The plaintext length and chunk count for a sealed payload of `payloadLength` bytes
 * (without the 16-byte payload nonce). Lengths no age writer produces are truncations:
 * a last chunk of 1–16 bytes (cut inside a tag, or an empty last chunk after full ones).
 */
export function payloadLayout(payloadLength: number): PayloadLayout {
  if (payloadLength < TAG_BYTES) throw new TruncatedFileError();
  if (payloadLength === TAG_BYTES) return { plaintextLength: 0, chunkCount: 1 };
  const fullChunks = Math.floor(payloadLength / SEALED_CHUNK_BYTES);
  const rest = payloadLength % SEALED_CHUNK_BYTES;
  if (rest > 0 && rest <= TAG_BYTES) throw new TruncatedFileError();
  const chunkCount = fullChunks + (rest > 0 ? 1 : 0);
  return { plaintextLength: payloadLength - chunkCount * TAG_BYTES, chunkCount };
}

/** Writes the STREAM nonce of chunk `index` into `nonce` (12 bytes). */
export function writeStreamNonce(nonce: Uint8Array, index: number, last: boolean): void {
  nonce.fill(0);
  // Counters stay far below 2^53 (that would be a 2^69-byte file), so a double holds them.
  let counter = index;
  for (let position = 10; position >= 0 && counter > 0; position--) {
    nonce[position] = counter % 256;
    counter = Math.floor(counter / 256);
  }
  nonce[11] = last ? 1 : 0;
}

/**
 * Decrypts the whole chunks in `sealed` (chunk `firstIndex` onward) into `output` at
 * `outputOffset`. `lastIndex` is the index of the payload's final chunk.
 * When a chunk fails, it tells truncation at a chunk boundary (the chunk opens as a
 * non-final one) from alteration; appended data is reported at the chunk after the real
 * final one. All are refusals.
 */
export function openChunks(
  primitives: AgePrimitives,
  key: Uint8Array,
  sealed: Uint8Array,
  firstIndex: number,
  lastIndex: number,
  output: Uint8Array,
  outputOffset: number,
): number {
  const nonce = new Uint8Array(NONCE_BYTES);
  let read = 0;
  let written = outputOffset;
  for (let index = firstIndex; read < sealed.length; index++) {
    const length = Math.min(SEALED_CHUNK_BYTES, sealed.length - read);
    const chunk = sealed.subarray(read, read + length);
    const into = output.subarray(written, written + length - TAG_BYTES);
    const last = index === lastIndex;
    writeStreamNonce(nonce, index, last);
    if (!primitives.open(key, nonce, chunk, into)) {
      // Only for the diagnosis: a full chunk that opens with the other flag tells a cut
      // at a chunk boundary, or data appended after the real final chunk.
      if (length === SEALED_CHUNK_BYTES) {
        writeStreamNonce(nonce, index, !last);
        if (primitives.open(key, nonce, chunk, into)) {
          if (last) throw new TruncatedFileError();
          throw new PayloadTamperedError(index + 1);
        }
      }
      throw new PayloadTamperedError(index);
    }
    read += length;
    written += length - TAG_BYTES;
  }
  return written - outputOffset;
}

/**
 * Encrypts the plaintext chunks in `plaintext` (chunk `firstIndex` onward; every chunk
 * but the payload's last is a full 64 KiB) into `output` at `outputOffset`.
 * An empty plaintext with firstIndex = lastIndex = 0 gives the one empty final chunk.
 */
export function sealChunks(
  primitives: AgePrimitives,
  key: Uint8Array,
  plaintext: Uint8Array,
  firstIndex: number,
  lastIndex: number,
  output: Uint8Array,
  outputOffset: number,
): number {
  const nonce = new Uint8Array(NONCE_BYTES);
  let read = 0;
  let written = outputOffset;
  for (let index = firstIndex; index === firstIndex || read < plaintext.length; index++) {
    const chunk = plaintext.subarray(read, read + CHUNK_BYTES);
    writeStreamNonce(nonce, index, index === lastIndex);
    primitives.seal(key, nonce, chunk, output.subarray(written, written + chunk.length + TAG_BYTES));
    read += chunk.length;
    written += chunk.length + TAG_BYTES;
  }
  return written - outputOffset;
}

export function sealedPayloadLength(plaintextLength: number): number {
  return plaintextLength + Math.max(1, Math.ceil(plaintextLength / CHUNK_BYTES)) * TAG_BYTES;
}
