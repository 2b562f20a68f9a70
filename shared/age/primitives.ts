// The cryptographic primitives the age layer needs, behind one interface so that the
// same header and STREAM logic runs on node:crypto (fast, native) and on the pure-JS
// noble libraries (browser Web Worker). Implementations: noble.ts, shared/node/age/.

export interface AgePrimitives {
  /** HKDF-SHA256; an empty salt means "no salt" (RFC 5869: a zero-filled block). */
  hkdf(ikm: Uint8Array, salt: Uint8Array, info: string, length: number): Uint8Array;
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array;
  /** scrypt with r = 8, p = 1, 32-byte output; the caller has bounded logN. */
  scrypt(passphrase: string, salt: Uint8Array, logN: number): Promise<Uint8Array>;
  /** X25519(scalar, point); null when the result is all zeros (a low-order point). */
  x25519(scalar: Uint8Array, point: Uint8Array): Uint8Array | null;
  x25519Base(scalar: Uint8Array): Uint8Array;
  /**
   * ChaCha20-Poly1305 open of `sealed` (ciphertext ‖ 16-byte tag) into `into`
   * (exactly sealed.length − 16 bytes). False when authentication fails.
   */
  open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, into: Uint8Array): boolean;
  /** ChaCha20-Poly1305 seal of `plaintext` into `into` (exactly plaintext.length + 16 bytes). */
  seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, into: Uint8Array): void;
  randomBytes(length: number): Uint8Array;
}

/** Constant-time comparison, for MACs. */
export function equalBytes(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let index = 0; index < left.length; index++) difference |= left[index]! ^ right[index]!;
  return difference === 0;
}

export function isAllZero(bytes: Uint8Array): boolean {
  let accumulated = 0;
  for (const byte of bytes) accumulated |= byte;
  return accumulated === 0;
}
