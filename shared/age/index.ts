// The isomorphic age v1 layer (C2SP age spec) for the Web Worker of both hosts: decrypt
// binary or armored files with a passphrase or X25519 identities. The payload's
// ChaCha20-Poly1305 runs in libsodium's WebAssembly (sodium.ts), the header's primitives
// in pure JS (noble.ts). The Node corner (shared/node/age/) uses node:crypto with the
// same header logic.
import { blobSource, decryptAgeSource, decryptAgeWith, type DecryptAgeOptions } from './decrypt';
import { encryptAgeWith, type EncryptAgeOptions } from './encrypt';
import { sodiumPrimitives } from './sodium';
import type { AgeKey, AgeRecipients } from './types';

export type { DecryptAgeOptions } from './decrypt';
export type { EncryptAgeOptions } from './encrypt';
export type { AgeKey, AgeRecipients, Progress, ProgressListener } from './types';
export { MAX_SCRYPT_LOG_N } from './types';
export { parseIdentityFile, parseRecipient } from './keys';

/** Decrypts an age file held in memory into one plaintext buffer. */
export async function decryptAge(file: Uint8Array, key: AgeKey, options: DecryptAgeOptions = {}): Promise<Uint8Array> {
  return decryptAgeWith(await sodiumPrimitives(), file, key, options);
}

/**
 * Decrypts an age file given as a Blob (a File from a file picker or drop) by reading it
 * in 4 MiB slices, so the whole ciphertext is never in memory next to the plaintext.
 */
export async function decryptAgeBlob(file: Blob, key: AgeKey, options: DecryptAgeOptions = {}): Promise<Uint8Array> {
  return decryptAgeSource(await sodiumPrimitives(), blobSource(file), key, options);
}

/** Encrypts bytes to an age file (scrypt, in pure JS, at logN 18 takes a few seconds here). */
export async function encryptAge(plaintext: Uint8Array, to: AgeRecipients, options: EncryptAgeOptions = {}): Promise<Uint8Array> {
  return encryptAgeWith(await sodiumPrimitives(), plaintext, to, options);
}
