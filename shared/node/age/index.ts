// Node corner of the age layer: decrypt a snapshot file into memory, encrypt bytes.
// TEMPORARY implementation over the `age-encryption` package so that other modules can
// be built against this API; the AGE work replaces the bodies with the node:crypto
// streaming implementation (same signatures).
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { Decrypter, Encrypter, armor } from 'age-encryption';
import type { AgeKey, AgeRecipients, ProgressListener } from '../../age/types';

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

export async function decryptAgeFile(path: string, key: AgeKey, _options: DecryptOptions = {}): Promise<DecryptedFile> {
  const bytes = new Uint8Array(await readFile(path));
  return decryptAgeBytes(bytes, key);
}

export async function decryptAgeBytes(file: Uint8Array, key: AgeKey, _options: DecryptOptions = {}): Promise<DecryptedFile> {
  const sha256 = createHash('sha256').update(file).digest('hex');
  const text = new TextDecoder().decode(file.subarray(0, 40));
  const binary = text.startsWith('-----BEGIN AGE ENCRYPTED FILE-----') ? armor.decode(new TextDecoder().decode(file)) : file;
  const decrypter = new Decrypter();
  if (key.kind === 'passphrase') decrypter.addPassphrase(key.passphrase);
  else for (const identity of key.identities) decrypter.addIdentity(identity);
  const plaintext = await decrypter.decrypt(binary);
  return { plaintext, sha256, fileSize: file.length, keyKind: key.kind === 'passphrase' ? 'passphrase' : 'identity' };
}

export interface EncryptOptions {
  armor?: boolean;
  onProgress?: ProgressListener;
}

export async function encryptAge(plaintext: Uint8Array, to: AgeRecipients, options: EncryptOptions = {}): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  if (to.kind === 'passphrase') {
    encrypter.setPassphrase(to.passphrase);
    if (to.logN !== undefined) encrypter.setScryptWorkFactor(to.logN);
  } else for (const recipient of to.recipients) encrypter.addRecipient(recipient);
  const encrypted = await encrypter.encrypt(plaintext);
  return options.armor === true ? new TextEncoder().encode(armor.encode(encrypted)) : encrypted;
}
