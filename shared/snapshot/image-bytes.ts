// The plaintext SQLite image as the loader hands it to sql.js and wipes it: a Uint8Array
// whose slice() shares memory instead of copying. sql.js gives the bytes of
// `new Database(bytes)` to emscripten's MEMFS, which stores `bytes.slice()` — a full copy of
// the (possibly 500 MB) plaintext; with this view MEMFS keeps the caller's buffer itself,
// so the image exists once in memory. The buffer may be shared (Node decrypts large files
// on worker threads into a SharedArrayBuffer): MEMFS only copies pages out of it with
// set(), which takes either kind. An image decrypted on demand (on-demand-image.ts) is one
// of these that also decrypts what is read (`ensure`) and wipes only what it decrypted.
export class ImageBytes extends Uint8Array<ArrayBufferLike> {
  /** The bytes as an ImageBytes: `bytes` itself if it is one, else a view of its memory. */
  static over(bytes: Uint8Array): ImageBytes {
    return bytes instanceof ImageBytes ? bytes : new ImageBytes(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Make bytes [start, end) readable; a plain image always is. */
  ensure(_start: number, _end: number): void {}

  /** A view of the same memory (the base type says a copy in a fresh ArrayBuffer). */
  override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
    return this.subarray(start, end) as Uint8Array<ArrayBufferLike> as Uint8Array<ArrayBuffer>;
  }

  /** Zero the plaintext (on close). */
  wipe(): void {
    this.fill(0);
  }
}
