// Node corner of the age layer: decrypt a snapshot file into memory (streamed from disk,
// chunk by chunk into one preallocated plaintext buffer, while a worker thread hashes
// the file), decrypt or encrypt bytes, and make or read X25519 keys — all on node:crypto.
// The plaintext never touches the disk.
import { sha256HexSync } from '../digest';
import type { FileHandle } from 'node:fs/promises';
import { TruncatedFileError } from '../../errors';
import { decryptAgeWith, decryptSourcePayload, openSourceHead } from '../../age/decrypt';
import { encryptAgeWith } from '../../age/encrypt';
import { encodeIdentity, encodeRecipient, identityScalar } from '../../age/keys';
import { keyKindOf, type AgeKey, type AgeRecipients, type ProgressListener } from '../../age/types';
import { nodePrimitives } from './primitives';
import { fileSource, openSizedFile, readError } from './file-source';
import { hashFileInBackground, type BackgroundHash, type HashFailure } from './hash-worker';
import { decryptPayloadOnWorkers, payloadThreads } from './payload-workers';

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
  /** Threads to decrypt the payload on; default from the machine's cores (payloadThreads). */
  threads?: number;
}

export interface DecryptedFileHashing extends Omit<DecryptedFile, 'sha256'> {
  /** SHA-256 hex of the encrypted file, computed on a worker thread; settles after the plaintext. */
  sha256: Promise<string>;
}

/**
 * Decrypts an age file from disk while a worker thread hashes it (the hash never slows the
 * decryption when a second core is free; callers await it when they need it, e.g. after
 * checking the snapshot). Refuses files larger than `maxBytes` before reading them. Binary
 * files are streamed (read a ~4 MiB block while the previous one decrypts into place);
 * armored files are read whole first. The file stays open until the hash is done.
 */
export async function decryptAgeFileHashingAside(path: string, key: AgeKey, options: DecryptOptions = {}): Promise<DecryptedFileHashing> {
  const { handle, size } = await openSizedFile(path, options.maxBytes);
  let hashing: BackgroundHash | null = null;
  try {
    hashing = hashFileInBackground(handle.fd, size);
    const sha256 = hashing.digest.then(
      (digest) => digest,
      (failure: HashFailure) => {
        throw failure.code === 'ESHRANK' ? new TruncatedFileError() : readError(path, Object.assign(new Error(failure.message), { code: failure.code }));
      },
    );
    // Until a caller awaits it, a failed hash must not surface as an unhandled rejection.
    sha256.catch(() => undefined);
    const plaintext = await decryptFromHandle(handle, size, path, key, options);
    // Both readers share the descriptor: it closes when the hash is done too (it may finish first or last).
    const opened = handle;
    void sha256.then(
      () => opened.close(),
      () => opened.close(),
    ).catch(() => undefined);
    return { plaintext, sha256, fileSize: size, keyKind: keyKindOf(key) };
  } catch (error) {
    hashing?.cancel();
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Decrypts the open file: the header in this thread, then the payload on worker threads
 * when the file is large enough and the machine has a second core, else in this thread.
 */
async function decryptFromHandle(handle: FileHandle, size: number, path: string, key: AgeKey, options: DecryptOptions): Promise<Uint8Array> {
  const source = fileSource(handle, size, path);
  const head = await openSourceHead(nodePrimitives, source, key, options);
  if (head.kind === 'armored') return decryptAgeWith(nodePrimitives, head.file, key, options);
  const threads = options.threads ?? payloadThreads(head.layout);
  if (threads <= 1) return decryptSourcePayload(nodePrimitives, source, head, options);
  return decryptPayloadOnWorkers({
    fd: handle.fd,
    fileSize: size,
    head,
    threads,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    readFailure: (failure) => readError(path, Object.assign(new Error(failure.message), { code: failure.code })),
  });
}

/** Decrypts an age file from disk, with the SHA-256 of the file (hashed on a worker thread meanwhile). */
export async function decryptAgeFile(path: string, key: AgeKey, options: DecryptOptions = {}): Promise<DecryptedFile> {
  const { sha256, ...decrypted } = await decryptAgeFileHashingAside(path, key, options);
  try {
    return { ...decrypted, sha256: await sha256 };
  } catch (error) {
    decrypted.plaintext.fill(0);
    throw error;
  }
}

/** Decrypts an age file (binary or armored) held in memory. */
export async function decryptAgeBytes(file: Uint8Array, key: AgeKey, options: DecryptOptions = {}): Promise<DecryptedFile> {
  const plaintext = await decryptAgeWith(nodePrimitives, file, key, options);
  const sha256 = sha256HexSync(file);
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
