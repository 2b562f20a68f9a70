// Node corner: an age file opened for decryption on demand. The header is read and
// checked (the key unwrapped) as for a whole decryption; then the payload is left where it
// is, and each block of 4 KiB is read and decrypted, in this thread with node:crypto, when
// the snapshot first reads it (shared/snapshot/on-demand-image.ts). A worker thread
// meanwhile reads the whole file once, hashing it and authenticating every chunk
// (verify-worker.ts): its verdict is the file's refusal or its SHA-256, in the serial
// decryption's words, and callers act on nothing before it.
//
// A block is decrypted with ChaCha20 alone, at its place in its chunk's key stream (age's
// STREAM is ChaCha20-Poly1305 per 64 KiB chunk: block counter 1 + offset / 64, the chunk's
// nonce), so a table whose pages lie scattered among other tables' gives memory only to
// its own. The tag is checked by the verification, for every chunk of the file, before
// anything leaves. Reading bytes before their tag is checked adds nothing an attacker
// lacks: anyone with the recipient can encrypt any image, so the parsers (SQLite, the
// b-tree scanner) must withstand any plaintext already (docs/DECISIONS.md).
//
// Why: a command that builds one table reads a third to a half of the image; the rest is
// never decrypted, never given memory (its first touch costs more than the cipher on a
// virtual machine) and never held (docs/PERFORMANCE.md, "Decryption on demand").
import { createDecipheriv } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { FileReadError, TruncatedFileError } from '../../errors';
import { openSourceHead, type SourceHead } from '../../age/decrypt';
import { PROGRESS_CHUNKS } from '../../age/payload';
import { CHUNK_BYTES, SEALED_CHUNK_BYTES, TAG_BYTES, writeStreamNonce } from '../../age/payload';
import { keyKindOf, type AgeKey } from '../../age/types';
import { OnDemandImage } from '../../snapshot/on-demand-image';
import { nodePrimitives } from './primitives';
import { diagnoseChunk } from './payload-workers';
import { verifyFileInBackground, type VerifyOutcome } from './verify-worker';
import { fileSource, openSizedFile, readError, readFullySync } from './file-source';

/** Ciphertext read at once around a requested block (and reused by the blocks after it). */
const WINDOW_BYTES = 1 << 20;

export interface OnDemandFile {
  /** The plaintext, decrypted as it is read. */
  image: OnDemandImage;
  /** The SHA-256 hex of the file once every chunk is authenticated; rejects with the file's refusal. */
  verdict: Promise<string>;
  /** The same verdict, waited for on this thread (returns the digest or throws the refusal). */
  waitForVerdict(): string;
  fileSize: number;
  keyKind: 'passphrase' | 'identity';
  /** Close the file once the snapshot is closed (waits for the verification to stop). */
  release(): void;
}

export interface OnDemandOptions {
  maxBytes?: number;
}

/** Bytes in a WebAssembly memory page (the unit its size is given in). */
const WASM_PAGE_BYTES = 65536;

/**
 * A zeroed buffer of at least `length` bytes whose memory is given page by page as it is
 * first written, in 4 KiB pages. Why WebAssembly memory, when it fits (up to 4 GiB): V8
 * maps it itself, so it keeps 4 KiB pages even when the command line runs with glibc's huge
 * pages for large allocations (bin/ketenlens.mjs). An `ArrayBuffer` of this size comes
 * from glibc and would be given 2 MiB at a time: the scattered blocks of one table then
 * hold nearly the whole image (`datalek-gemeenten` over 1.5 × the plaintext), for no
 * gain in time (docs/performance/fresh-memory.md). Beyond 4 GiB a plain `ArrayBuffer`.
 */
export function untouchedBuffer(length: number): ArrayBuffer {
  try {
    return new WebAssembly.Memory({ initial: Math.ceil(length / WASM_PAGE_BYTES) }).buffer;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return new ArrayBuffer(length);
  }
}

/**
 * Opens `path` for decryption on demand, or returns null when the file is armored (rare:
 * the caller decrypts it whole). Header refusals (wrong key, damaged header, too large)
 * are thrown here, as by a whole decryption.
 */
export async function openAgeFileOnDemand(path: string, key: AgeKey, options: OnDemandOptions = {}): Promise<OnDemandFile | null> {
  const { handle, size } = await openSizedFile(path, options.maxBytes);
  try {
    const head = await openSourceHead(nodePrimitives, fileSource(handle, size, path), key, options);
    if (head.kind === 'armored') {
      await handle.close();
      return null;
    }
    return onDemand(handle, size, path, head, keyKindOf(key));
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

function onDemand(handle: FileHandle, size: number, path: string, head: Extract<SourceHead, { kind: 'binary' }>, keyKind: OnDemandFile['keyKind']): OnDemandFile {
  const { payloadStart, streamKey, layout } = head;
  const fd = handle.fd;
  const lastIndex = layout.chunkCount - 1;
  const readFailure = (failure: { message: string; code: string }): FileReadError =>
    readError(path, Object.assign(new Error(failure.message), { code: failure.code }));
  const verification = verifyFileInBackground({
    fd,
    size,
    payloadStart,
    lastIndex,
    streamKey,
    chunkBytes: CHUNK_BYTES,
    tagBytes: TAG_BYTES,
    blockChunks: PROGRESS_CHUNKS,
  });
  const refusalOf = (outcome: Exclude<VerifyOutcome, { digest: string }>): Error => {
    if ('shrank' in outcome) return new TruncatedFileError();
    if ('error' in outcome) return readFailure(outcome.error);
    return diagnoseChunk({ fd, fileSize: size, head, readFailure }, outcome.failed, lastIndex);
  };
  // Settled once: both ways of waiting see the same first outcome, and a refused chunk is diagnosed once.
  let settled: { digest: string } | { refusal: Error } | null = null;
  const settle = (outcome: VerifyOutcome): string => {
    settled ??= 'digest' in outcome ? { digest: outcome.digest } : { refusal: refusalOf(outcome) };
    if ('refusal' in settled) throw settled.refusal;
    return settled.digest;
  };
  const verdict = verification.outcome.then(settle);
  verdict.catch(() => undefined); // acted on by whoever awaits it

  // Untouched memory: only the blocks read are ever written (and so given pages).
  const buffer = untouchedBuffer(layout.plaintextLength);
  const plaintext = new Uint8Array(buffer);
  // The ciphertext is read in windows: a scan asks for page after page, often a few per
  // chunk (tables written side by side), and one read per page costs more than the cipher.
  const window = new Uint8Array(Math.min(WINDOW_BYTES, size));
  let windowStart = 0;
  let windowEnd = 0;
  const ciphertext = (position: number, length: number): Uint8Array => {
    if (position < windowStart || position + length > windowEnd) {
      const readLength = Math.min(window.length, size - position);
      windowEnd = windowStart; // nothing valid is cached while (or after a failed) read
      let complete: boolean;
      try {
        complete = readFullySync(fd, window.subarray(0, readLength), position);
      } catch (error) {
        throw readError(path, error);
      }
      if (!complete) throw new TruncatedFileError();
      windowStart = position;
      windowEnd = position + readLength;
    }
    return window.subarray(position - windowStart, position - windowStart + length);
  };
  const iv = new Uint8Array(16);
  const fill = (start: number, end: number): void => {
    for (let at = start; at < end; ) {
      const chunk = Math.floor(at / CHUNK_BYTES);
      const offset = at - chunk * CHUNK_BYTES;
      const length = Math.min(end, (chunk + 1) * CHUNK_BYTES) - at;
      const sealed = ciphertext(payloadStart + chunk * SEALED_CHUNK_BYTES + offset, length);
      // OpenSSL's ChaCha20 IV: the 32-bit block counter (little-endian), then the 96-bit nonce.
      const counter = 1 + offset / 64;
      iv[0] = counter & 0xff;
      iv[1] = (counter >>> 8) & 0xff;
      iv[2] = (counter >>> 16) & 0xff;
      iv[3] = (counter >>> 24) & 0xff;
      writeStreamNonce(iv.subarray(4), chunk, chunk === lastIndex);
      const opened = createDecipheriv('chacha20', streamKey, iv).update(sealed);
      plaintext.set(opened, at);
      opened.fill(0);
      at += length;
    }
  };
  const image = OnDemandImage.create(buffer, layout.plaintextLength, fill);
  let released = false;
  return {
    image,
    verdict,
    waitForVerdict: () => settle(verification.waitNow()),
    fileSize: size,
    keyKind,
    release() {
      if (released) return;
      released = true;
      streamKey.fill(0);
      verification.cancel();
      void verification.outcome.finally(() => handle.close().catch(() => undefined));
    },
  };
}
