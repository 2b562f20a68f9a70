// AgePrimitives in pure JavaScript (@noble/ciphers, @noble/hashes, @noble/curves), for
// the browser Web Worker where node:crypto does not exist.
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { type AgePrimitives, isAllZero } from './primitives';

const SCRYPT_BLOCK_SIZE = 8;
const encoder = new TextEncoder();

export const noblePrimitives: AgePrimitives = {
  hkdf(ikm, salt, info, length) {
    return hkdf(sha256, ikm, salt.length === 0 ? undefined : salt, encoder.encode(info), length);
  },
  hmacSha256(key, data) {
    return hmac(sha256, key, data);
  },
  async scrypt(passphrase, salt, logN) {
    const N = 2 ** logN;
    // The memory need is 128·N·r bytes; allow it (logN is bounded by the caller).
    return scryptAsync(passphrase, salt, { N, r: SCRYPT_BLOCK_SIZE, p: 1, dkLen: 32, maxmem: 128 * N * SCRYPT_BLOCK_SIZE + 1024 * 1024 });
  },
  x25519(scalar, point) {
    try {
      const shared = x25519.scalarMult(scalar, point);
      return isAllZero(shared) ? null : shared;
    } catch {
      // noble refuses low-order points itself; age treats them the same way.
      return null;
    }
  },
  x25519Base(scalar) {
    return x25519.scalarMultBase(scalar);
  },
  open(key, nonce, sealed, into) {
    try {
      chacha20poly1305(key, nonce).decrypt(sealed, into);
      return true;
    } catch {
      return false;
    }
  },
  seal(key, nonce, plaintext, into) {
    chacha20poly1305(key, nonce).encrypt(plaintext, into);
  },
  randomBytes(length) {
    return randomBytes(length);
  },
};
