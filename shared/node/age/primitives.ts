// AgePrimitives on node:crypto (OpenSSL): native ChaCha20-Poly1305, scrypt, HKDF and
// X25519, several times faster than the pure-JS path for large snapshots.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  randomBytes,
  scrypt,
  type KeyObject,
} from 'node:crypto';
import { type AgePrimitives, isAllZero } from '../../age/primitives';

const TAG_BYTES = 16;
const SCRYPT_BLOCK_SIZE = 8;
// DER prefixes of a raw 32-byte X25519 key as PKCS #8 (private) and SPKI (public).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

function privateKey(scalar: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, scalar]), format: 'der', type: 'pkcs8' });
}

function publicKey(point: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, point]), format: 'der', type: 'spki' });
}

export const nodePrimitives: AgePrimitives = {
  hkdf(ikm, salt, info, length) {
    return new Uint8Array(hkdfSync('sha256', ikm, salt, info, length));
  },
  hmacSha256(key, data) {
    return new Uint8Array(createHmac('sha256', key).update(data).digest());
  },
  scrypt(passphrase, salt, logN) {
    const N = 2 ** logN;
    return new Promise((resolve, reject) => {
      // OpenSSL refuses more than 32 MiB by default; the need is 128·N·r bytes.
      scrypt(passphrase, salt, 32, { N, r: SCRYPT_BLOCK_SIZE, p: 1, maxmem: 128 * N * SCRYPT_BLOCK_SIZE + 1024 * 1024 }, (error, key) => {
        if (error === null) resolve(new Uint8Array(key));
        else reject(error);
      });
    });
  },
  x25519(scalar, point) {
    try {
      const shared = diffieHellman({ privateKey: privateKey(scalar), publicKey: publicKey(point) });
      return isAllZero(shared) ? null : new Uint8Array(shared);
    } catch {
      // OpenSSL refuses a low-order point (all-zero result) itself; age treats it the same.
      return null;
    }
  },
  x25519Base(scalar) {
    const spki = createPublicKey(privateKey(scalar)).export({ type: 'spki', format: 'der' });
    return new Uint8Array(spki.subarray(SPKI_PREFIX.length));
  },
  open(key, nonce, sealed, into) {
    const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    into.set(decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)));
    try {
      decipher.final();
      return true;
    } catch {
      return false;
    }
  },
  seal(key, nonce, plaintext, into) {
    const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_BYTES });
    const ciphertext = cipher.update(plaintext);
    cipher.final();
    into.set(ciphertext);
    into.set(cipher.getAuthTag(), plaintext.length);
  },
  randomBytes(length) {
    return new Uint8Array(randomBytes(length));
  },
};
