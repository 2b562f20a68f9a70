// ChaCha20-Poly1305 (IETF, 12-byte nonce) from libsodium's WebAssembly build, for the
// STREAM payload wherever node:crypto is absent (the browser and Electron renderer's
// worker). The cipher runs about 4 × faster than noble's pure JS, a whole decryption in
// the app 2.4 × (docs/AGE.md, "The worker path: libsodium wasm against pure JS").
// The wasm is embedded in the `libsodium` package's module (no fetch, no file): it
// compiles under the CSP's 'wasm-unsafe-eval', which sql.js needs anyway, so a host
// without WebAssembly could not open a snapshot either — hence no pure-JS fallback.
// Everything else (scrypt, X25519, HKDF, HMAC) stays with the noble primitives.
import type { LibsodiumModule } from 'libsodium';
import type { AgePrimitives } from './primitives';

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Room for one sealed age chunk (64 KiB + tag); larger messages grow the buffers. */
const INITIAL_MESSAGE_BYTES = 64 * 1024 + TAG_BYTES;

/**
 * Owns the fixed regions of the wasm heap the calls use: key, nonce, input and output.
 * Every call wipes the key and the plaintext it leaves there, so after a call the heap
 * holds no secret (the plaintext's one copy is the caller's buffer, which it zeroes).
 */
export class SodiumAead {
  private readonly key: number;
  private readonly nonce: number;
  private input = 0;
  private output = 0;
  private capacity = 0;

  constructor(private readonly sodium: LibsodiumModule) {
    this.key = sodium._malloc(KEY_BYTES);
    this.nonce = sodium._malloc(NONCE_BYTES);
    this.reserve(INITIAL_MESSAGE_BYTES);
  }

  open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, into: Uint8Array): boolean {
    const length = sealed.length - TAG_BYTES;
    if (length < 0 || into.length !== length) return false;
    this.reserve(sealed.length);
    this.load(key, nonce);
    this.sodium.HEAPU8.set(sealed, this.input);
    const status = this.sodium._crypto_aead_chacha20poly1305_ietf_decrypt_detached(
      this.output, 0, this.input, length, 0, this.input + length, 0, 0, 0, this.nonce, this.key,
    );
    // Read the heap again: a grow in reserve() replaces the view.
    const heap = this.sodium.HEAPU8;
    if (status === 0) into.set(heap.subarray(this.output, this.output + length));
    heap.fill(0, this.output, this.output + length);
    heap.fill(0, this.key, this.key + KEY_BYTES);
    return status === 0;
  }

  seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, into: Uint8Array): void {
    const length = plaintext.length;
    if (into.length !== length + TAG_BYTES) throw new RangeError(`seal needs ${length + TAG_BYTES} output bytes, got ${into.length}`);
    this.reserve(length + TAG_BYTES);
    this.load(key, nonce);
    this.sodium.HEAPU8.set(plaintext, this.input);
    const status = this.sodium._crypto_aead_chacha20poly1305_ietf_encrypt_detached(
      this.output, this.output + length, 0, this.input, length, 0, 0, 0, 0, 0, this.nonce, this.key,
    );
    const heap = this.sodium.HEAPU8;
    heap.fill(0, this.input, this.input + length);
    heap.fill(0, this.key, this.key + KEY_BYTES);
    // libsodium refuses only messages over its maximum (~256 GiB): not reachable from here.
    if (status !== 0) throw new RangeError('libsodium refused to seal the chunk');
    into.set(heap.subarray(this.output, this.output + length + TAG_BYTES));
  }

  private load(key: Uint8Array, nonce: Uint8Array): void {
    if (key.length !== KEY_BYTES || nonce.length !== NONCE_BYTES) throw new RangeError('ChaCha20-Poly1305 needs a 32-byte key and a 12-byte nonce');
    const heap = this.sodium.HEAPU8;
    heap.set(key, this.key);
    heap.set(nonce, this.nonce);
  }

  /** Input and output regions of at least `bytes` each (only a message over 64 KiB grows them). */
  private reserve(bytes: number): void {
    if (bytes <= this.capacity) return;
    if (this.capacity > 0) {
      this.sodium._free(this.input);
      this.sodium._free(this.output);
    }
    this.input = this.sodium._malloc(bytes);
    this.output = this.sodium._malloc(bytes);
    if (this.input === 0 || this.output === 0) throw new RangeError(`libsodium could not allocate ${bytes} bytes`);
    this.capacity = bytes;
  }
}

let loading: Promise<AgePrimitives> | null = null;

/**
 * The noble primitives with open and seal from libsodium's wasm, compiled once per
 * thread (≈ 300 kB of module; a few milliseconds). Both imported on first use: the command
 * line bundles this module (through shared/seal) but decrypts with node:crypto, and
 * should not parse libsodium or @noble/curves (≈ 50 ms) at every start; the worker's bundle
 * gets them as chunks of their own, loaded side by side.
 */
export function sodiumPrimitives(): Promise<AgePrimitives> {
  loading ??= Promise.all([import('libsodium'), import('./noble')]).then(async ([{ default: loadLibsodium }, { noblePrimitives }]) => {
    const sodium = await loadLibsodium();
    const aead = new SodiumAead(sodium);
    return {
      ...noblePrimitives,
      open: (key, nonce, sealed, into) => aead.open(key, nonce, sealed, into),
      seal: (key, nonce, plaintext, into) => aead.seal(key, nonce, plaintext, into),
    } satisfies AgePrimitives;
  });
  return loading;
}
