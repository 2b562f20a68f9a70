// Encrypting bytes to an age v1 file with any AgePrimitives: a fresh file key wrapped
// for the recipients, the header with its MAC, then the STREAM payload, written into
// one preallocated output (optionally armored afterwards).
import { encodeArmor } from './armor';
import { FILE_KEY_BYTES, headerMac, payloadKey, wrapFileKey } from './file-key';
import { serializeHeader, serializeHeaderWithoutMac } from './header';
import { CHUNK_BYTES, PAYLOAD_NONCE_BYTES, PROGRESS_CHUNKS, SEALED_CHUNK_BYTES, sealChunks, sealedPayloadLength } from './payload';
import type { AgePrimitives } from './primitives';
import type { AgeRecipients, ProgressListener } from './types';

export interface EncryptAgeOptions {
  /** Write the ASCII armor instead of the binary format. */
  armor?: boolean;
  onProgress?: ProgressListener;
}

export async function encryptAgeWith(
  primitives: AgePrimitives,
  plaintext: Uint8Array,
  to: AgeRecipients,
  options: EncryptAgeOptions = {},
): Promise<Uint8Array> {
  const fileKey = primitives.randomBytes(FILE_KEY_BYTES);
  const stanzas = await wrapFileKey(primitives, fileKey, to);
  const macInput = serializeHeaderWithoutMac(stanzas);
  const header = serializeHeader(macInput, headerMac(primitives, fileKey, macInput));
  const nonce = primitives.randomBytes(PAYLOAD_NONCE_BYTES);
  const key = payloadKey(primitives, fileKey, nonce);
  const payloadStart = header.length + PAYLOAD_NONCE_BYTES;
  const output = new Uint8Array(payloadStart + sealedPayloadLength(plaintext.length));
  output.set(header);
  output.set(nonce, header.length);
  const chunkCount = Math.max(1, Math.ceil(plaintext.length / CHUNK_BYTES));
  for (let index = 0; index < chunkCount; index += PROGRESS_CHUNKS) {
    const block = plaintext.subarray(index * CHUNK_BYTES, (index + PROGRESS_CHUNKS) * CHUNK_BYTES);
    sealChunks(primitives, key, block, index, chunkCount - 1, output, payloadStart + index * SEALED_CHUNK_BYTES);
    options.onProgress?.({ phase: 'encrypt', done: index * CHUNK_BYTES + block.length, total: plaintext.length });
  }
  return options.armor === true ? encodeArmor(output) : output;
}
