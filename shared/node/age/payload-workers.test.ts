// Decrypting the payload on worker threads gives the same bytes, the same progress total
// and the same refusal (type, message, chunk number) as the single-thread loop — for
// payloads split over 1–3 workers, chunk counters past one byte, and damage in any range.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KetenlensError, PayloadTamperedError, TruncatedFileError } from '../../errors';
import { CHUNK_BYTES, SEALED_CHUNK_BYTES } from '../../age/payload';
import { parseHeader } from '../../age/header';
import type { AgeKey } from '../../age/types';
import { decryptAgeFile, encryptAge, generateIdentity } from './index';
import { MIN_PARALLEL_CHUNKS, chunkRanges, payloadThreads } from './payload-workers';
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

async function sealed(plaintext: Uint8Array): Promise<Uint8Array> {
  return encryptAge(plaintext, { kind: 'x25519', recipients: [recipient] });
}

function stored(file: Uint8Array): string {
  const path = dir.file(`payload-${counter++}.age`);
  writeFileSync(path, file);
  return path;
}

async function outcome(path: string, threads: number): Promise<{ bytes?: Uint8Array; error?: KetenlensError }> {
  try {
    return { bytes: (await decryptAgeFile(path, key, { threads })).plaintext };
  } catch (error) {
    if (error instanceof KetenlensError) return { error };
    throw error;
  }
}

/** Where the payload starts in a binary age file. */
function payloadStart(file: Uint8Array): number {
  const header = parseHeader(file, true);
  if (header === null) throw new Error('no header');
  return header.length + 16;
}

describe('chunk ranges', () => {
  it('cover every chunk once, in order, on 64-chunk boundaries', () => {
    for (const chunkCount of [1, 63, 64, 65, 128, 129, 1000, 7913]) {
      for (const threads of [1, 2, 3, 4]) {
        const ranges = chunkRanges(chunkCount, threads);
        expect(ranges[0]?.[0]).toBe(0);
        expect(ranges.at(-1)?.[1]).toBe(chunkCount);
        for (let index = 1; index < ranges.length; index++) {
          expect(ranges[index]?.[0]).toBe(ranges[index - 1]?.[1]);
          expect((ranges[index]?.[0] ?? 1) % 64).toBe(0);
        }
        expect(ranges.length).toBeLessThanOrEqual(threads);
      }
    }
  });

  it('use one thread below 128 chunks and at most the cores (up to four) above', () => {
    expect(payloadThreads({ chunkCount: MIN_PARALLEL_CHUNKS - 1, plaintextLength: 0 }, 8)).toBe(1);
    expect(payloadThreads({ chunkCount: MIN_PARALLEL_CHUNKS, plaintextLength: 0 }, 8)).toBe(2);
    expect(payloadThreads({ chunkCount: 7913, plaintextLength: 0 }, 2)).toBe(2);
    expect(payloadThreads({ chunkCount: 7913, plaintextLength: 0 }, 16)).toBe(4);
    expect(payloadThreads({ chunkCount: 7913, plaintextLength: 0 }, 1)).toBe(1);
  });
});

describe('decrypting on workers', () => {
  it('gives the plaintext byte for byte, with counters past 255 and partial last chunks', async () => {
    // 300 chunks and a bit: the chunk counter needs a second byte; the last chunk is short.
    for (const length of [1, CHUNK_BYTES, 3 * CHUNK_BYTES + 5, 300 * CHUNK_BYTES + 17]) {
      const plaintext = pseudoRandomBytes(length, length);
      const path = stored(await sealed(plaintext));
      for (const threads of [2, 3]) {
        const { bytes, error } = await outcome(path, threads);
        expect(error).toBeUndefined();
        expect(bytes?.length).toBe(length);
        expect(Buffer.compare(Buffer.from(bytes ?? []), Buffer.from(plaintext))).toBe(0);
      }
    }
  });

  it('reports progress that adds up to the plaintext length', async () => {
    const plaintext = pseudoRandomBytes(200 * CHUNK_BYTES + 3, 7);
    const path = stored(await sealed(plaintext));
    const seen: number[] = [];
    await decryptAgeFile(path, key, { threads: 2, onProgress: (progress) => seen.push(progress.done) });
    expect(seen.at(-1)).toBe(plaintext.length);
    expect(seen.every((done, index) => index === 0 || done > (seen[index - 1] ?? 0))).toBe(true);
  });

  it('refuses a damaged chunk in any range with the serial message, the first one when there are two', async () => {
    const file = await sealed(pseudoRandomBytes(300 * CHUNK_BYTES + 9, 3));
    const start = payloadStart(file);
    // Chunk 10 is in the first range, 250 in the second (two threads) or third (three).
    for (const damaged of [[10], [250], [250, 10], [299, 150], [300]]) {
      const copy = file.slice();
      for (const chunk of damaged) copy[start + chunk * SEALED_CHUNK_BYTES + 5] ^= 1;
      const path = stored(copy);
      const serial = await outcome(path, 1);
      expect(serial.error).toBeInstanceOf(PayloadTamperedError);
      expect(serial.error?.message).toContain(`chunk ${Math.min(...damaged) + 1} `);
      for (const threads of [2, 3]) {
        const parallel = await outcome(path, threads);
        expect(parallel.error).toBeInstanceOf(PayloadTamperedError);
        expect(parallel.error?.message).toBe(serial.error?.message);
        expect(parallel.error?.messageNl).toBe(serial.error?.messageNl);
      }
    }
  });

  it('tells a cut at a chunk boundary and appended data as the serial loop does', async () => {
    const file = await sealed(pseudoRandomBytes(200 * CHUNK_BYTES, 5));
    const cut = stored(file.subarray(0, file.length - SEALED_CHUNK_BYTES));
    const appended = stored(new Uint8Array([...file, ...file.subarray(file.length - SEALED_CHUNK_BYTES)]));
    for (const [path, kind] of [
      [cut, TruncatedFileError],
      [appended, PayloadTamperedError],
    ] as const) {
      const serial = await outcome(path, 1);
      expect(serial.error).toBeInstanceOf(kind);
      for (const threads of [2, 3]) {
        const parallel = await outcome(path, threads);
        expect(parallel.error).toBeInstanceOf(kind);
        expect(parallel.error?.message).toBe(serial.error?.message);
      }
    }
  });
});
