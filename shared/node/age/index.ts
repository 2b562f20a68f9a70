// Node corner of the age layer: decrypt a snapshot file into memory (streamed from disk,
// chunk by chunk into one preallocated plaintext buffer, hashing the file as it is
// read), decrypt or encrypt bytes, and make or read X25519 keys — all on node:crypto.
// The plaintext never touches the disk.
import { createHash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import {
  EmptyFileError,
  FileReadError,
  FileTooLargeError,
  isKetenlensError,
  TruncatedFileError,
} from '../../errors';
import { isArmored } from '../../age/armor';
import { decryptAgeWith, openHeader, PROGRESS_CHUNKS } from '../../age/decrypt';
import { encryptAgeWith } from '../../age/encrypt';
import { MAX_HEADER_BYTES, parseHeader, type ParsedHeader } from '../../age/header';
import { encodeIdentity, encodeRecipient, identityScalar } from '../../age/keys';
import { openChunks, PAYLOAD_NONCE_BYTES, payloadLayout, SEALED_CHUNK_BYTES } from '../../age/payload';
import type { AgeKey, AgeRecipients, ProgressListener } from '../../age/types';
import { nodePrimitives } from './primitives';

export { parseIdentityFile, parseRecipient } from '../../age/keys';
export { nodePrimitives } from './primitives';

export interface DecryptedFile {
  /** The plaintext, in one buffer (never written to disk). */
  plaintext: Uint8Array;
  /** SHA-256 hex of the encrypted file as read. */
  sha256: string;
  fileSize: number;
  keyKind: 'passphrase' | 'identity';
}

export interface DecryptOptions {
  onProgress?: ProgressListener;
  /** Refuse files larger than this before decrypting (bytes). */
  maxBytes?: number;
}

/** Bytes read from disk at a time while decrypting: 64 whole sealed chunks (~4 MiB). */
const READ_BLOCK_BYTES = PROGRESS_CHUNKS * SEALED_CHUNK_BYTES;
const FIRST_READ_BYTES = 64 * 1024;

function keyKindOf(key: AgeKey): DecryptedFile['keyKind'] {
  return key.kind === 'passphrase' ? 'passphrase' : 'identity';
}

function readError(path: string, error: unknown): FileReadError {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const reasons: Record<string, [string, string]> = {
    ENOENT: ['het bestand bestaat niet', 'the file does not exist'],
    EACCES: ['geen leesrechten', 'permission denied'],
    EPERM: ['geen leesrechten', 'permission denied'],
    EISDIR: ['het is een map, geen bestand', 'it is a directory, not a file'],
  };
  const [reasonNl, reasonEn] = reasons[code] ?? ['leesfout', `read error${code === '' ? '' : ` (${code})`}`];
  return new FileReadError(path, reasonNl, reasonEn, { cause: error });
}

/** Reads exactly `length` bytes at `position` into `into`; fewer means the file shrank. */
async function readExactly(handle: FileHandle, into: Uint8Array, length: number, position: number): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(into, done, length - done, position + done);
    if (bytesRead === 0) throw new TruncatedFileError();
    done += bytesRead;
  }
}

/** Reads the header and payload nonce from the start of the file, growing the read as needed. */
async function readHead(handle: FileHandle, fileSize: number): Promise<{ head: Uint8Array; header: ParsedHeader }> {
  let length = Math.min(fileSize, FIRST_READ_BYTES);
  for (;;) {
    const head = new Uint8Array(length);
    await readExactly(handle, head, length, 0);
    const header = parseHeader(head, length === fileSize);
    if (header !== null && header.length + PAYLOAD_NONCE_BYTES <= length) return { head, header };
    if (header !== null && length === fileSize) return { head, header };
    length = Math.min(fileSize, length * 4, MAX_HEADER_BYTES + FIRST_READ_BYTES);
  }
}

/**
 * Decrypts an age file from disk. Refuses files larger than `maxBytes` before reading
 * them. Binary files are streamed (read a block, decrypt it into place); armored files
 * are read whole and decoded first.
 */
export async function decryptAgeFile(path: string, key: AgeKey, options: DecryptOptions = {}): Promise<DecryptedFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw readError(path, error);
  }
  try {
    const stats = await handle.stat().catch((error: unknown) => {
      throw readError(path, error);
    });
    if (stats.isDirectory()) throw readError(path, Object.assign(new Error('directory'), { code: 'EISDIR' }));
    const fileSize = stats.size;
    if (fileSize === 0) throw new EmptyFileError();
    if (options.maxBytes !== undefined && fileSize > options.maxBytes) throw new FileTooLargeError(fileSize, options.maxBytes);
    const probe = new Uint8Array(Math.min(fileSize, FIRST_READ_BYTES));
    await readExactly(handle, probe, probe.length, 0).catch(rethrowAsReadError(path));
    if (isArmored(probe)) {
      const whole = new Uint8Array(await handle.readFile().catch(rethrowAsReadError(path)));
      const plaintext = await decryptAgeWith(nodePrimitives, whole, key, options);
      return { plaintext, sha256: createHash('sha256').update(whole).digest('hex'), fileSize, keyKind: keyKindOf(key) };
    }
    const plaintext = await decryptStreamed(handle, fileSize, key, options, path);
    return { ...plaintext, fileSize, keyKind: keyKindOf(key) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function rethrowAsReadError(path: string): (error: unknown) => never {
  return (error: unknown) => {
    // Refusals found while reading (truncation, a malformed header) keep their own class.
    if (isKetenlensError(error)) throw error;
    throw readError(path, error);
  };
}

async function decryptStreamed(
  handle: FileHandle,
  fileSize: number,
  key: AgeKey,
  options: DecryptOptions,
  path: string,
): Promise<{ plaintext: Uint8Array; sha256: string }> {
  const hash = createHash('sha256');
  const { head, header } = await readHead(handle, fileSize).catch(rethrowAsReadError(path));
  const payloadStart = header.length + PAYLOAD_NONCE_BYTES;
  if (payloadStart > fileSize) throw new TruncatedFileError();
  const streamKey = await openHeader(nodePrimitives, header, head.subarray(header.length, payloadStart), key);
  hash.update(head.subarray(0, payloadStart));
  const layout = payloadLayout(fileSize - payloadStart);
  const plaintext = new Uint8Array(layout.plaintextLength);
  const lastIndex = layout.chunkCount - 1;
  // Two read buffers: the next block is read (in libuv's thread pool) while this one decrypts.
  const buffers = [new Uint8Array(READ_BLOCK_BYTES), new Uint8Array(READ_BLOCK_BYTES)] as const;
  const blockLength = (index: number) => Math.min(READ_BLOCK_BYTES, fileSize - payloadStart - index * SEALED_CHUNK_BYTES);
  const readBlock = (index: number, into: Uint8Array) =>
    readExactly(handle, into, blockLength(index), payloadStart + index * SEALED_CHUNK_BYTES).catch(rethrowAsReadError(path));
  let pending = readBlock(0, buffers[0]);
  let written = 0;
  for (let index = 0, turn = 0; index < layout.chunkCount; index += PROGRESS_CHUNKS, turn ^= 1) {
    await pending;
    const block = buffers[turn].subarray(0, blockLength(index));
    const nextIndex = index + PROGRESS_CHUNKS;
    if (nextIndex < layout.chunkCount) pending = readBlock(nextIndex, buffers[turn ^ 1]);
    hash.update(block);
    written += openChunks(nodePrimitives, streamKey, block, index, lastIndex, plaintext, written);
    options.onProgress?.({ phase: 'decrypt', done: written, total: layout.plaintextLength });
  }
  await pending.catch(() => undefined);
  return { plaintext, sha256: hash.digest('hex') };
}

/** Decrypts an age file (binary or armored) held in memory. */
export async function decryptAgeBytes(file: Uint8Array, key: AgeKey, options: DecryptOptions = {}): Promise<DecryptedFile> {
  const plaintext = await decryptAgeWith(nodePrimitives, file, key, options);
  const sha256 = createHash('sha256').update(file).digest('hex');
  return { plaintext, sha256, fileSize: file.length, keyKind: keyKindOf(key) };
}

export interface EncryptOptions {
  armor?: boolean;
  onProgress?: ProgressListener;
}

/** Encrypts bytes to an age file that `age -d` opens (scrypt logN 18 by default, like the age CLI). */
export function encryptAge(plaintext: Uint8Array, to: AgeRecipients, options: EncryptOptions = {}): Promise<Uint8Array> {
  return encryptAgeWith(nodePrimitives, plaintext, to, options);
}

export interface GeneratedIdentity {
  /** `AGE-SECRET-KEY-1…` */
  identity: string;
  /** `age1…` */
  recipient: string;
}

/** A fresh X25519 identity and its recipient, as age-keygen makes them. */
export function generateIdentity(): GeneratedIdentity {
  const scalar = nodePrimitives.randomBytes(32);
  return { identity: encodeIdentity(scalar), recipient: encodeRecipient(nodePrimitives.x25519Base(scalar)) };
}

/** The `age1…` recipient of an `AGE-SECRET-KEY-1…` identity, or null when it is not one. */
export function identityToRecipient(identity: string): string | null {
  const scalar = identityScalar(identity.trim());
  return scalar === null ? null : encodeRecipient(nodePrimitives.x25519Base(scalar));
}
