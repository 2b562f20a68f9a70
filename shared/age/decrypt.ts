// Decrypting a whole age file held in memory, with any AgePrimitives: detect armor,
// parse the header, unwrap the file key, check the MAC, then open the STREAM payload
// chunk by chunk into one preallocated plaintext buffer.
import { EmptyFileError, FileTooLargeError, TruncatedFileError } from '../errors';
import { decodeArmor, isArmored } from './armor';
import { payloadKey, unwrapFileKey, verifyHeaderMac } from './file-key';
import { type ParsedHeader, parseHeader } from './header';
import type { AgePrimitives } from './primitives';
import { PAYLOAD_NONCE_BYTES, SEALED_CHUNK_BYTES, openChunks, payloadLayout } from './payload';
import type { AgeKey, ProgressListener } from './types';

export interface DecryptAgeOptions {
  onProgress?: ProgressListener;
  /** Refuse files larger than this many bytes before decrypting. */
  maxBytes?: number;
}

/** Chunks decrypted between two progress reports (4 MiB of plaintext). */
export const PROGRESS_CHUNKS = 64;

/** The binary age file: armored input is decoded first (an extra copy; armor is rare). */
export function binaryAgeFile(file: Uint8Array): Uint8Array {
  if (file.length === 0) throw new EmptyFileError();
  return isArmored(file) ? decodeArmor(file) : file;
}

/** Checks the header and derives the payload key; `payloadNonce` follows the header. */
export async function openHeader(
  primitives: AgePrimitives,
  header: ParsedHeader,
  payloadNonce: Uint8Array,
  key: AgeKey,
): Promise<Uint8Array> {
  const fileKey = await unwrapFileKey(primitives, header.stanzas, key);
  verifyHeaderMac(primitives, fileKey, header);
  if (payloadNonce.length !== PAYLOAD_NONCE_BYTES) throw new TruncatedFileError();
  return payloadKey(primitives, fileKey, payloadNonce);
}

/** Decrypts a complete age file (binary or armored) in memory. */
export async function decryptAgeWith(
  primitives: AgePrimitives,
  file: Uint8Array,
  key: AgeKey,
  options: DecryptAgeOptions = {},
): Promise<Uint8Array> {
  if (file.length === 0) throw new EmptyFileError();
  if (options.maxBytes !== undefined && file.length > options.maxBytes) throw new FileTooLargeError(file.length, options.maxBytes);
  const binary = binaryAgeFile(file);
  const header = parseHeader(binary, true);
  if (header === null) throw new TruncatedFileError();
  const payloadStart = header.length + PAYLOAD_NONCE_BYTES;
  const streamKey = await openHeader(primitives, header, binary.subarray(header.length, payloadStart), key);
  const payload = binary.subarray(payloadStart);
  const layout = payloadLayout(payload.length);
  const plaintext = new Uint8Array(layout.plaintextLength);
  const lastIndex = layout.chunkCount - 1;
  const step = PROGRESS_CHUNKS * SEALED_CHUNK_BYTES;
  let written = 0;
  for (let index = 0; index < layout.chunkCount; index += PROGRESS_CHUNKS) {
    const block = payload.subarray(index * SEALED_CHUNK_BYTES, index * SEALED_CHUNK_BYTES + step);
    written += openChunks(primitives, streamKey, block, index, lastIndex, plaintext, written);
    options.onProgress?.({ phase: 'decrypt', done: written, total: layout.plaintextLength });
  }
  return plaintext;
}
