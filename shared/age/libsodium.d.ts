// Types for the raw `libsodium` package (its emscripten module ships none): only the
// exports shared/age/sodium.ts uses. C's 64-bit lengths arrive as (low, high) halves.
declare module 'libsodium' {
  export interface LibsodiumModule {
    /** The wasm heap; replaced when the heap grows, so read it after every allocation. */
    HEAPU8: Uint8Array;
    _malloc(size: number): number;
    _free(pointer: number): void;
    _crypto_aead_chacha20poly1305_ietf_decrypt_detached(
      message: number, nsec: 0, ciphertext: number, lengthLow: number, lengthHigh: 0,
      tag: number, additional: 0, additionalLengthLow: 0, additionalLengthHigh: 0, nonce: number, key: number,
    ): number;
    _crypto_aead_chacha20poly1305_ietf_encrypt_detached(
      ciphertext: number, tag: number, tagLengthOut: 0, message: number, lengthLow: number, lengthHigh: 0,
      additional: 0, additionalLengthLow: 0, additionalLengthHigh: 0, nsec: 0, nonce: number, key: number,
    ): number;
  }
  /** Instantiates the embedded wasm (no fetch) and resolves to its exports. */
  export default function loadLibsodium(): Promise<LibsodiumModule>;
}
