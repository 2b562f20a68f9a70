// Decrypting a whole age file held in memory, with any AgePrimitives: detect armor,
// parse the header, unwrap the file key, check the MAC, then open the STREAM payload
// chunk by chunk into one preallocated plaintext buffer.
import { EmptyFileError, FileTooLargeError, TruncatedFileError } from '../errors';
import { decodeArmor, isArmored } from './armor';
import { payloadKey, unwrapFileKey, verifyHeaderMac } from './file-key';
import { MAX_HEADER_BYTES, type ParsedHeader, parseHeader } from './header';
import type { AgePrimitives } from './primitives';
import { CHUNK_BYTES, PAYLOAD_NONCE_BYTES, PROGRESS_CHUNKS, SEALED_CHUNK_BYTES, openChunks, payloadLayout, type PayloadLayout } from './payload';
import type { AgeKey, ProgressListener } from './types';
import { canSplit, openPayloadSplit, openRange, plaintextMemory, type InPlace, type PayloadHelper } from './payload-helper';

export interface DecryptAgeOptions {
  onProgress?: ProgressListener;
  /** Refuse files larger than this many bytes before decrypting. */
  maxBytes?: number;
  /**
   * Another thread that may open the second half of a large payload held in shared memory
   * (payload-helper.ts); the plaintext is then shared memory too. Released (cancelled)
   * when the payload is open or refused, whether it was used or not.
   */
  payloadHelper?: PayloadHelper;
  /**
   * Decrypt into the file's own memory: the plaintext is then a view of the file's start, and
   * the file is in memory once instead of twice. Only for bytes nobody reads afterwards (the
   * caller owns them and has their digest, or `hashed` lets another thread finish hashing them
   * first, shared/hash-progress.ts). An armored file is decoded into memory of its own first,
   * so it is decrypted as usual.
   */
  inPlace?: InPlace;
}

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
  const helper = options.payloadHelper;
  try {
    if (file.length === 0) throw new EmptyFileError();
    if (options.maxBytes !== undefined && file.length > options.maxBytes) throw new FileTooLargeError(file.length, options.maxBytes);
    const binary = binaryAgeFile(file);
    const header = parseHeader(binary, true);
    if (header === null) throw new TruncatedFileError();
    const payloadStart = header.length + PAYLOAD_NONCE_BYTES;
    const streamKey = await openHeader(primitives, header, binary.subarray(header.length, payloadStart), key);
    const payload = binary.subarray(payloadStart);
    const layout = payloadLayout(payload.length);
    const inPlace = options.inPlace !== undefined && binary === file ? options.inPlace : null;
    if (helper !== undefined && canSplit(payload, layout)) {
      return await openPayloadSplit(primitives, streamKey, file, payload, layout, helper, options.onProgress, inPlace);
    }
    return openPayload(primitives, streamKey, file, payload, layout, options.onProgress, inPlace);
  } finally {
    // Used or not, the helper is done with once the payload is open (or refused).
    helper?.cancel();
  }
}

/** The serial loop: every chunk on this thread, into one preallocated plaintext (or, in place, the file's start). */
function openPayload(
  primitives: AgePrimitives, streamKey: Uint8Array, file: Uint8Array, payload: Uint8Array, layout: PayloadLayout,
  onProgress: ProgressListener | undefined, inPlace: InPlace | null,
): Uint8Array {
  const plaintext = plaintextMemory(file, layout, inPlace, false);
  const total = layout.plaintextLength;
  openRange(primitives, streamKey, payload, 0, layout.chunkCount, layout.chunkCount - 1, plaintext,
    (opened) => onProgress?.({ phase: 'decrypt', done: Math.min(total, opened * CHUNK_BYTES), total }), inPlace);
  return plaintext;
}

/** A file read by position: a file handle in Node, a Blob (File) in the browser. */
export interface RandomAccessSource {
  size: number;
  /**
   * Reads exactly `length` bytes at `position`, into `into` when the source can (else a
   * new array); fewer bytes than asked is a TruncatedFileError (the file shrank).
   */
  read(position: number, length: number, into: Uint8Array): Promise<Uint8Array>;
}

export interface StreamDecryptOptions extends DecryptAgeOptions {
  /**
   * Receives every byte of the file once, in order (for a hash of the file as read). It
   * must not keep `bytes` (the buffer is reused); a returned promise is awaited, which
   * lets a hasher in another thread hold the loop back when it falls behind.
   */
  onFileBytes?: (bytes: Uint8Array) => void | Promise<void>;
}

const FIRST_READ_BYTES = 64 * 1024;
/** Bytes read at a time while decrypting: PROGRESS_CHUNKS whole sealed chunks (~4 MiB). */
const READ_BLOCK_BYTES = PROGRESS_CHUNKS * SEALED_CHUNK_BYTES;

/** Reads the header and payload nonce from the start of the file, growing the read as needed. */
async function readHead(source: RandomAccessSource): Promise<{ head: Uint8Array; header: ParsedHeader }> {
  let length = Math.min(source.size, FIRST_READ_BYTES);
  for (;;) {
    const head = await source.read(0, length, new Uint8Array(length));
    const complete = length === source.size;
    const header = parseHeader(head, complete);
    if (header !== null && (complete || header.length + PAYLOAD_NONCE_BYTES <= length)) return { head, header };
    length = Math.min(source.size, length * 4, MAX_HEADER_BYTES + FIRST_READ_BYTES);
  }
}

/** A file's start, read and checked: armored files whole, binary ones up to the payload. */
export type SourceHead =
  | { kind: 'armored'; file: Uint8Array }
  | { kind: 'binary'; payloadStart: number; streamKey: Uint8Array; layout: PayloadLayout };

/**
 * Reads and checks the start of an age file read by position: the size limits, then the
 * header (the key unwrapped, the MAC checked) and the payload key. Armored files are read
 * whole (they are rare). Every refusal of the header happens here, before any payload
 * byte is read, so each way of decrypting the payload (in this thread or on workers)
 * starts from the same checked state.
 */
export async function openSourceHead(
  primitives: AgePrimitives,
  source: RandomAccessSource,
  key: AgeKey,
  options: StreamDecryptOptions = {},
): Promise<SourceHead> {
  const { size } = source;
  if (size === 0) throw new EmptyFileError();
  if (options.maxBytes !== undefined && size > options.maxBytes) throw new FileTooLargeError(size, options.maxBytes);
  const probeLength = Math.min(size, FIRST_READ_BYTES);
  if (isArmored(await source.read(0, probeLength, new Uint8Array(probeLength)))) {
    const whole = await source.read(0, size, new Uint8Array(size));
    await options.onFileBytes?.(whole);
    return { kind: 'armored', file: whole };
  }
  const { head, header } = await readHead(source);
  const payloadStart = header.length + PAYLOAD_NONCE_BYTES;
  const streamKey = await openHeader(primitives, header, head.subarray(header.length, Math.min(payloadStart, head.length)), key);
  await options.onFileBytes?.(head.subarray(0, payloadStart));
  return { kind: 'binary', payloadStart, streamKey, layout: payloadLayout(size - payloadStart) };
}

/**
 * Decrypts the payload of a binary age file read by position, in this thread: never holds
 * the whole ciphertext, only two read blocks (the next is read while this one decrypts)
 * and the preallocated plaintext.
 */
export async function decryptSourcePayload(
  primitives: AgePrimitives,
  source: RandomAccessSource,
  head: Extract<SourceHead, { kind: 'binary' }>,
  options: StreamDecryptOptions = {},
): Promise<Uint8Array> {
  const { size } = source;
  const { payloadStart, streamKey, layout } = head;
  const plaintext = new Uint8Array(layout.plaintextLength);
  const lastIndex = layout.chunkCount - 1;
  const buffers = [new Uint8Array(Math.min(READ_BLOCK_BYTES, size)), new Uint8Array(Math.min(READ_BLOCK_BYTES, size))] as const;
  const blockLength = (index: number) => Math.min(READ_BLOCK_BYTES, size - payloadStart - index * SEALED_CHUNK_BYTES);
  const readBlock = (index: number, into: Uint8Array) =>
    source.read(payloadStart + index * SEALED_CHUNK_BYTES, blockLength(index), into.subarray(0, blockLength(index)));
  let pending = readBlock(0, buffers[0]);
  let written = 0;
  try {
    for (let index = 0, turn = 0; index < layout.chunkCount; index += PROGRESS_CHUNKS, turn ^= 1) {
      const block = await pending;
      const nextIndex = index + PROGRESS_CHUNKS;
      if (nextIndex < layout.chunkCount) pending = readBlock(nextIndex, buffers[turn ^ 1]);
      const hashed = options.onFileBytes?.(block);
      written += openChunks(primitives, streamKey, block, index, lastIndex, plaintext, written);
      options.onProgress?.({ phase: 'decrypt', done: written, total: layout.plaintextLength });
      await hashed;
    }
  } finally {
    // A read still in flight after a refusal must not surface as an unhandled rejection.
    pending.catch(() => undefined);
  }
  return plaintext;
}

/**
 * Decrypts an age file read by position (openSourceHead, then decryptSourcePayload).
 * Armored files are read whole and decoded first (they are rare).
 */
export async function decryptAgeSource(
  primitives: AgePrimitives,
  source: RandomAccessSource,
  key: AgeKey,
  options: StreamDecryptOptions = {},
): Promise<Uint8Array> {
  const head = await openSourceHead(primitives, source, key, options);
  if (head.kind === 'armored') return decryptAgeWith(primitives, head.file, key, options);
  return decryptSourcePayload(primitives, source, head, options);
}

/** A Blob (a File in the browser) as a RandomAccessSource. */
export function blobSource(blob: Blob): RandomAccessSource {
  return {
    size: blob.size,
    async read(position, length) {
      const bytes = new Uint8Array(await blob.slice(position, position + length).arrayBuffer());
      if (bytes.length !== length) throw new TruncatedFileError();
      return bytes;
    },
  };
}
