// Node corner of the age layer: decrypt a snapshot file into memory (streamed from disk,
// chunk by chunk into one preallocated plaintext buffer, hashing the file as it is
// read), decrypt or encrypt bytes, and make or read X25519 keys — all on node:crypto.
// The plaintext never touches the disk.
import { createHash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { FileReadError, TruncatedFileError } from '../../errors';
import { decryptAgeSource, decryptAgeWith, type RandomAccessSource } from '../../age/decrypt';
import { encryptAgeWith } from '../../age/encrypt';
import { encodeIdentity, encodeRecipient, identityScalar } from '../../age/keys';
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

/** An open file as a RandomAccessSource; OS errors become FileReadError. */
function fileSource(handle: FileHandle, size: number, path: string): RandomAccessSource {
  return {
    size,
    async read(position, length, into) {
      let done = 0;
      while (done < length) {
        let bytesRead: number;
        try {
          ({ bytesRead } = await handle.read(into, done, length - done, position + done));
        } catch (error) {
          throw readError(path, error);
        }
        if (bytesRead === 0) throw new TruncatedFileError();
        done += bytesRead;
      }
      return into;
    },
  };
}

/**
 * Decrypts an age file from disk. Refuses files larger than `maxBytes` before reading
 * them. Binary files are streamed (read a ~4 MiB block while the previous one decrypts
 * into place; the file is hashed as it is read); armored files are read whole first.
 */
export async function decryptAgeFile(path: string, key: AgeKey, options: DecryptOptions = {}): Promise<DecryptedFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw readError(path, error);
  }
  try {
    let size: number;
    try {
      const stats = await handle.stat();
      if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      size = stats.size;
    } catch (error) {
      throw readError(path, error);
    }
    // Hashing inline: a worker thread for it measured slower on the 2-core machine (docs/AGE.md).
    const hash = createHash('sha256');
    const plaintext = await decryptAgeSource(nodePrimitives, fileSource(handle, size, path), key, {
      ...options,
      onFileBytes: (bytes) => void hash.update(bytes),
    });
    return { plaintext, sha256: hash.digest('hex'), fileSize: size, keyKind: keyKindOf(key) };
  } finally {
    await handle.close().catch(() => undefined);
  }
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
