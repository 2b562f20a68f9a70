// Page side of bench/decrypt-browser.bench.ts, bundled by esbuild into one script: in
// Chromium's V8, encrypt one file, then decrypt it with the worker's code on libsodium's
// wasm ChaCha20-Poly1305 and on noble's pure-JS one, each into a fresh plaintext buffer
// (page faults included, as in the app).
import { decryptAgeWith } from '../shared/age/decrypt';
import { encryptAgeWith } from '../shared/age/encrypt';
import { noblePrimitives } from '../shared/age/noble';
import { sodiumPrimitives } from '../shared/age/sodium';

const KEY = { kind: 'passphrase', passphrase: 'bench' } as const;

export interface BrowserRun {
  path: 'wasm' | 'pure';
  seconds: number;
  /** Whether the plaintext equals the original byte for byte. */
  identical: boolean;
}

/** Deterministic filler: the cipher's speed does not depend on the bytes. */
function fill(bytes: Uint8Array): void {
  let state = 0x9e3779b9;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4));
  for (let index = 0; index < words.length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[index] = state >>> 0;
  }
}

function same(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index++) if (left[index] !== right[index]) return false;
  return true;
}

async function run(plaintextBytes: number, order: readonly ('wasm' | 'pure')[]): Promise<{ fileBytes: number; runs: BrowserRun[] }> {
  const sodium = await sodiumPrimitives();
  const plaintext = new Uint8Array(plaintextBytes);
  fill(plaintext);
  const file = await encryptAgeWith(sodium, plaintext, { ...KEY, logN: 10 });
  const runs: BrowserRun[] = [];
  for (const path of order) {
    const start = performance.now();
    const opened = await decryptAgeWith(path === 'wasm' ? sodium : noblePrimitives, file, KEY);
    const seconds = (performance.now() - start) / 1000;
    runs.push({ path, seconds, identical: same(opened, plaintext) });
  }
  return { fileBytes: file.length, runs };
}

Object.assign(globalThis, { ketenlensDecryptBench: run });
