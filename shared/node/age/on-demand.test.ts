// Decryption on demand gives the bytes of a whole decryption wherever it is read (4 KiB
// blocks at any offset, across chunk boundaries, in the short last chunk, chunk counters
// past one byte), decrypts only what is read, and its verdict is the whole decryption's:
// the file's SHA-256, or the same refusal (type and message, the first damaged chunk) for
// damage where nothing was read — awaited or waited for on the thread.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KetenlensError, PayloadTamperedError, TruncatedFileError } from '../../errors';
import { CHUNK_BYTES, SEALED_CHUNK_BYTES } from '../../age/payload';
import { parseHeader } from '../../age/header';
import type { AgeKey } from '../../age/types';
import { BLOCK_BYTES } from '../../snapshot/on-demand-image';
import { decryptAgeFile, encryptAge, generateIdentity } from './index';
import { openAgeFileOnDemand, type OnDemandFile } from './on-demand';
import { makeTempDir, pseudoRandomBytes, type TempDir } from '../../../test/support/age-cli';

let dir: TempDir;
let key: AgeKey;
let recipient: string;
let counter = 0;

beforeAll(() => {
  dir = makeTempDir();
  const made = generateIdentity();
  key = { kind: 'identities', identities: [made.identity] };
  recipient = made.recipient;
});
afterAll(() => dir.remove());

async function stored(plaintext: Uint8Array, damage: (file: Uint8Array) => Uint8Array = (file) => file): Promise<string> {
  const path = dir.file(`on-demand-${counter++}.age`);
  writeFileSync(path, damage(await encryptAge(plaintext, { kind: 'x25519', recipients: [recipient] })));
  return path;
}

async function opened(path: string): Promise<OnDemandFile> {
  const file = await openAgeFileOnDemand(path, key);
  if (file === null) throw new Error('expected a binary file');
  return file;
}

async function wholeRefusal(path: string): Promise<KetenlensError> {
  const error = await decryptAgeFile(path, key).then(() => null, (refusal: unknown) => refusal);
  if (!(error instanceof KetenlensError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

function payloadStart(file: Uint8Array): number {
  const header = parseHeader(file, true);
  if (header === null) throw new Error('no header');
  return header.length + 16;
}

describe('decrypting on demand', () => {
  it('gives the plaintext byte for byte wherever it is read, and decrypts only the blocks read', async () => {
    // 300 chunks and a bit: counters past 255, a short last chunk.
    const plaintext = pseudoRandomBytes(300 * CHUNK_BYTES + 1000, 11);
    const path = await stored(plaintext);
    const file = await opened(path);
    try {
      const image = file.image;
      expect(image.length).toBe(plaintext.length);
      // A block inside a chunk, one across a chunk boundary, the last (short) block, chunk 256's first.
      const ranges: Array<[number, number]> = [
        [5 * BLOCK_BYTES + 3, 5 * BLOCK_BYTES + 100],
        [CHUNK_BYTES - 10, CHUNK_BYTES + 10],
        [plaintext.length - 700, plaintext.length],
        [256 * CHUNK_BYTES, 256 * CHUNK_BYTES + BLOCK_BYTES],
      ];
      for (const [start, end] of ranges) {
        expect(Buffer.compare(Buffer.from(image.subarray(start, end)), Buffer.from(plaintext.subarray(start, end)))).toBe(0);
      }
      // Blocks 5, 15 and 16, the last, and the one at chunk 256: five of 4,801.
      expect(image.decryptedBlocks).toEqual({ decrypted: 5, total: Math.ceil(plaintext.length / BLOCK_BYTES) });
      const whole = image.subarray(0, image.length);
      expect(Buffer.compare(Buffer.from(whole), Buffer.from(plaintext))).toBe(0);
      expect(await file.verdict).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
      expect(file.waitForVerdict()).toBe(await file.verdict);
    } finally {
      file.release();
    }
  });

  it('waits on the thread for the verdict when asked before it came', async () => {
    const plaintext = pseudoRandomBytes(400 * CHUNK_BYTES, 12);
    const path = await stored(plaintext);
    const file = await opened(path);
    try {
      // Synchronously, straight after the open: the worker cannot have finished 26 MB.
      expect(file.waitForVerdict()).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    } finally {
      file.release();
    }
  });

  it('refuses damage where nothing was read, in the whole decryption words, the first damaged chunk first', async () => {
    const plaintext = pseudoRandomBytes(300 * CHUNK_BYTES + 9, 13);
    for (const damaged of [[10], [299, 150], [300]]) {
      const path = await stored(plaintext, (file) => {
        const copy = file.slice();
        for (const chunk of damaged) copy[payloadStart(file) + chunk * SEALED_CHUNK_BYTES + 5]! ^= 1;
        return copy;
      });
      const file = await opened(path);
      try {
        // Chunk 0 reads fine: on demand, damage elsewhere shows only in the verdict.
        expect(file.image.subarray(0, 16).length).toBe(16);
        const whole = await wholeRefusal(path);
        expect(whole).toBeInstanceOf(PayloadTamperedError);
        const awaited = await file.verdict.then(() => null, (refusal: unknown) => refusal);
        expect(awaited).toBeInstanceOf(PayloadTamperedError);
        expect((awaited as KetenlensError).message).toBe(whole.message);
        expect((awaited as KetenlensError).messageNl).toBe(whole.messageNl);
        expect(() => file.waitForVerdict()).toThrow(whole.message);
      } finally {
        file.release();
      }
    }
  });

  it('tells a cut at a chunk boundary and appended data as the whole decryption does', async () => {
    const plaintext = pseudoRandomBytes(200 * CHUNK_BYTES, 14);
    const cut = await stored(plaintext, (file) => file.subarray(0, file.length - SEALED_CHUNK_BYTES));
    const appended = await stored(plaintext, (file) => Buffer.concat([file, file.subarray(file.length - SEALED_CHUNK_BYTES)]));
    for (const [path, kind] of [
      [cut, TruncatedFileError],
      [appended, PayloadTamperedError],
    ] as const) {
      const whole = await wholeRefusal(path);
      expect(whole).toBeInstanceOf(kind);
      const file = await opened(path);
      try {
        const awaited = await file.verdict.then(() => null, (refusal: unknown) => refusal);
        expect(awaited).toBeInstanceOf(kind);
        expect((awaited as KetenlensError).message).toBe(whole.message);
      } finally {
        file.release();
      }
    }
  });

  it('refuses a wrong key before any payload is read, as the whole decryption does', async () => {
    const path = await stored(pseudoRandomBytes(3 * CHUNK_BYTES, 15));
    const other: AgeKey = { kind: 'identities', identities: [generateIdentity().identity] };
    const onDemand = await openAgeFileOnDemand(path, other).then(() => null, (refusal: unknown) => refusal);
    const whole = await decryptAgeFile(path, other).then(() => null, (refusal: unknown) => refusal);
    expect(onDemand).toBeInstanceOf(KetenlensError);
    expect((onDemand as KetenlensError).message).toBe((whole as KetenlensError).message);
  });
});

describe('the memory of an image decrypted on demand', () => {
  it('is given in 4 KiB pages as blocks are written, even where large allocations get huge pages', (context) => {
    // A child with glibc's huge pages (as bin/ketenlens.mjs starts commands) writes one byte
    // every 2 MiB into 256 MiB of each kind of buffer and reports how much its RSS grew.
    const probe = `
      import { readFileSync } from 'node:fs';
      import { untouchedBuffer } from ${JSON.stringify(new URL('./on-demand.ts', import.meta.url).pathname)};
      const rss = () => Number(/VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
      const grow = (buffer) => {
        const before = rss();
        const bytes = new Uint8Array(buffer);
        for (let at = 0; at < bytes.length; at += 2 << 20) bytes[at] = 1;
        return rss() - before;
      };
      const buffer = untouchedBuffer(256 << 20);
      const zeroed = new Uint8Array(buffer).every((byte) => byte === 0);
      console.log(JSON.stringify({ length: buffer.byteLength, zeroed, untouched: grow(buffer), plain: grow(new ArrayBuffer(256 << 20)) }));
    `;
    if (!existsSync('/proc/self/status')) return context.skip('needs /proc to read the resident memory');
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], {
      env: { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' },
      encoding: 'utf8',
    });
    const grown = JSON.parse(output) as { length: number; zeroed: boolean; untouched: number; plain: number };
    expect(grown.length).toBe(256 << 20);
    expect(grown.zeroed).toBe(true);
    // 128 pages of 4 KiB = 512 KiB, and some slack for the process itself.
    expect(grown.untouched).toBeLessThan(4096);
    // Where this kernel gives huge pages at all, a plain ArrayBuffer got 2 MiB per write.
    if (grown.plain < 64 * 1024) return context.skip(`this kernel gave no huge pages (a plain buffer grew ${grown.plain} KiB), so there is nothing to compare`);
    expect(grown.plain).toBeGreaterThan(128 * 1024);
  });
});
