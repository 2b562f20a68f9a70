// The isomorphic age v1 layer (C2SP age spec) in pure JavaScript, for the browser Web
// Worker: decrypt binary or armored files with a passphrase or X25519 identities.
// The Node corner (shared/node/age/) uses node:crypto with the same header logic.
import { blobSource, decryptAgeSource, decryptAgeWith, type DecryptAgeOptions } from './decrypt';
import { encryptAgeWith, type EncryptAgeOptions } from './encrypt';
import { noblePrimitives } from './noble';
import type { AgeKey, AgeRecipients } from './types';

export type { DecryptAgeOptions } from './decrypt';
export type { EncryptAgeOptions } from './encrypt';
export type { AgeKey, AgeRecipients, Progress, ProgressListener } from './types';
export { MAX_SCRYPT_LOG_N } from './types';
export { parseIdentityFile, parseRecipient } from './keys';

/** Decrypts an age file held in memory into one plaintext buffer (pure JS). */
export function decryptAge(file: Uint8Array, key: AgeKey, options: DecryptAgeOptions = {}): Promise<Uint8Array> {
  return decryptAgeWith(noblePrimitives, file, key, options);
}

/**
 * Decrypts an age file given as a Blob (a File from a file picker or drop) by reading it
 * in 4 MiB slices, so the whole ciphertext is never in memory next to the plaintext.
 */
export function decryptAgeBlob(file: Blob, key: AgeKey, options: DecryptAgeOptions = {}): Promise<Uint8Array> {
  return decryptAgeSource(noblePrimitives, blobSource(file), key, options);
}

/** Encrypts bytes to an age file (pure JS; scrypt at logN 18 takes a few seconds here). */
export function encryptAge(plaintext: Uint8Array, to: AgeRecipients, options: EncryptAgeOptions = {}): Promise<Uint8Array> {
  return encryptAgeWith(noblePrimitives, plaintext, to, options);
}
