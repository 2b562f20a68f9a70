// The payload split over this thread and a helper (payload-helper.ts) against the serial
// loop, on a 19.6 MB file in shared memory: the same plaintext, progress to the end, and
// the same refusal — type and message — for a chunk altered in either half or a file cut,
// whether the helper opens its half, never takes it, takes it and fails, or never runs.
// The helper here runs on this thread, at once (a ready worker) or after this thread's half
// (a worker still loading), through the same claimJob protocol and openJob as decrypt.worker.ts.
import { describe, expect, it } from 'vitest';
import { decryptAgeWith } from './decrypt';
import { encryptAgeWith } from './encrypt';
import { encodeIdentity, encodeRecipient } from './keys';
import { sodiumPrimitives } from './sodium';
import { CHUNK_BYTES, SEALED_CHUNK_BYTES } from './payload';
import { chunksLent, claimJob, openJob, type PayloadHelper, type PayloadJobOutcome } from './payload-helper';
import { createHashProgress, failHash, reportHashed } from '../hash-progress';
import type { AgeKey, Progress } from './types';

const primitives = await sodiumPrimitives();
const scalar = new Uint8Array(32).map((_, index) => (index * 7 + 3) & 0xff);
const key: AgeKey = { kind: 'identities', identities: [encodeIdentity(scalar)] };
// 299 full chunks and a part: this thread opens chunks 0–191, the helper 192–299 (two blocks of 64).
const plaintext = new Uint8Array(299 * CHUNK_BYTES + 1234).map((_, index) => (index * 31 + (index >> 16)) & 0xff);
const encrypted = await encryptAgeWith(primitives, plaintext, { kind: 'x25519', recipients: [encodeRecipient(primitives.x25519Base(scalar))] });
const payloadStart = encrypted.length - (299 * SEALED_CHUNK_BYTES + 1234 + 16);

function shared(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

type Behaviour = 'helps' | 'never-takes' | 'fails-after-taking' | 'cannot-start';

/** A helper on this thread that behaves as a worker might. */
function helper(behaviour: Behaviour): PayloadHelper & { ran: () => boolean; cancelled: () => boolean } {
  let ran = false;
  let cancelled = false;
  return {
    ran: () => ran,
    cancelled: () => cancelled,
    run(job) {
      if (behaviour === 'cannot-start') return Promise.reject(new Error('no worker'));
      return new Promise<PayloadJobOutcome>((resolve, reject) => {
        // 'helps' and 'fails-after-taking' take the job at once (a worker that was ready); the others come too late
        // for it, as a worker still loading would: this thread has withdrawn it by then.
        const act = () => {
          if (behaviour === 'never-takes' || !claimJob(job)) {
            resolve({ withdrawn: true });
            return;
          }
          if (behaviour === 'fails-after-taking') {
            reject(new Error('crashed'));
            return;
          }
          ran = true;
          resolve(openJob(primitives, job));
        };
        if (behaviour === 'helps' || behaviour === 'fails-after-taking') act();
        else setTimeout(act, 0);
      });
    },
    cancel() {
      cancelled = true;
    },
  };
}

/** The serial loop's outcome for these bytes: the plaintext, or the error's type and message. */
async function serial(file: Uint8Array): Promise<Uint8Array | { name: string; message: string }> {
  try {
    return await decryptAgeWith(primitives, file, key);
  } catch (error) {
    return { name: (error as Error).constructor.name, message: (error as Error).message };
  }
}

async function split(
  file: Uint8Array, with_: PayloadHelper, progress?: Progress[], inPlace = false,
): Promise<Uint8Array | { name: string; message: string }> {
  try {
    return await decryptAgeWith(primitives, shared(file), key, {
      payloadHelper: with_, ...(progress ? { onProgress: (step) => progress.push(step) } : {}), ...(inPlace ? { inPlace: {} } : {}),
    });
  } catch (error) {
    return { name: (error as Error).constructor.name, message: (error as Error).message };
  }
}

describe('decrypting a payload with a helper (shared memory)', () => {
  it.each<Behaviour>(['helps', 'never-takes', 'fails-after-taking', 'cannot-start'])('gives the serial plaintext when the helper %s', async (behaviour) => {
    const given = helper(behaviour);
    const progress: Progress[] = [];
    const opened = await split(encrypted, given, progress);
    expect(opened).toBeInstanceOf(Uint8Array);
    const bytes = opened as Uint8Array;
    expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bytes.length).toBe(plaintext.length);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(plaintext))).toBe(0);
    expect(given.ran()).toBe(behaviour === 'helps');
    expect(given.cancelled()).toBe(true); // released once the payload is open
    expect(progress.at(-1)).toEqual({ phase: 'decrypt', done: plaintext.length, total: plaintext.length });
    for (let index = 1; index < progress.length; index++) expect(progress[index]!.done).toBeGreaterThanOrEqual(progress[index - 1]!.done);
  });

  it('leaves a small file, or one not in shared memory, to the serial loop (and releases the helper)', async () => {
    const small = await encryptAgeWith(primitives, plaintext.subarray(0, 127 * CHUNK_BYTES), { kind: 'x25519', recipients: [encodeRecipient(primitives.x25519Base(scalar))] });
    for (const file of [shared(small), encrypted]) {
      const given = helper('helps');
      const opened = await decryptAgeWith(primitives, file, key, { payloadHelper: given });
      expect(opened.buffer).toBeInstanceOf(ArrayBuffer);
      expect(given.ran()).toBe(false);
      expect(given.cancelled()).toBe(true);
    }
  });

  // Chunks 3 and 150 lie in this thread's half, 200 and 290 in the helper's first and second block.
  it.each([3, 150, 200, 290])('refuses chunk %i altered exactly as the serial loop does, whoever opens it', async (chunk) => {
    const altered = encrypted.slice();
    altered[payloadStart + chunk * SEALED_CHUNK_BYTES + 5]! ^= 0x01;
    const expected = await serial(altered);
    expect(expected).toMatchObject({ name: 'PayloadTamperedError' });
    for (const behaviour of ['helps', 'never-takes', 'fails-after-taking'] as const) {
      expect(await split(altered, helper(behaviour))).toEqual(expected);
    }
  });

  it('refuses a file cut at a chunk boundary, and one with a chunk appended, as the serial loop does', async () => {
    const cut = encrypted.slice(0, payloadStart + 260 * SEALED_CHUNK_BYTES);
    const appended = new Uint8Array(encrypted.length + SEALED_CHUNK_BYTES);
    appended.set(encrypted);
    for (const file of [cut, appended]) {
      const expected = await serial(file);
      expect(expected).not.toBeInstanceOf(Uint8Array);
      expect(await split(file, helper('helps'))).toEqual(expected);
      // In place (the plaintext over the file's own memory), whoever opens the last chunks.
      for (const behaviour of ['helps', 'never-takes'] as const) expect(await split(file, helper(behaviour), undefined, true)).toEqual(expected);
    }
  });

  it('cancels the helper when this thread refuses its own half first', async () => {
    const altered = encrypted.slice();
    altered[payloadStart + 2 * SEALED_CHUNK_BYTES]! ^= 0x80;
    const given = helper('helps');
    expect(await split(altered, given)).toMatchObject({ name: 'PayloadTamperedError' });
    expect(given.cancelled()).toBe(true);
  });
});

describe('decrypting in place (the plaintext overwrites the file\'s own memory)', () => {
  // This thread opens chunks 0–191 and, from a copy, the chunk the helper's first write would
  // overwrite the end of (192); the helper opens 193–299.
  it('lends the helper\'s first chunk to this thread here', () => {
    expect(chunksLent(payloadStart, 192)).toBe(1);
    expect(chunksLent(0, 4096)).toBe(1);
    expect(chunksLent(65536 - 16 * 4096 + 1, 4096)).toBe(2);
  });

  it.each<Behaviour>(['helps', 'never-takes', 'fails-after-taking', 'cannot-start'])('gives the serial plaintext in the file\'s memory when the helper %s', async (behaviour) => {
    const file = shared(encrypted);
    const given = helper(behaviour);
    const progress: Progress[] = [];
    const opened = await decryptAgeWith(primitives, file, key, { payloadHelper: given, inPlace: {}, onProgress: (step) => progress.push(step) });
    expect(opened.buffer).toBe(file.buffer);
    expect(opened.byteOffset).toBe(file.byteOffset);
    expect(opened.length).toBe(plaintext.length);
    expect(Buffer.compare(Buffer.from(opened), Buffer.from(plaintext))).toBe(0);
    expect(given.ran()).toBe(behaviour === 'helps');
    expect(progress.at(-1)).toEqual({ phase: 'decrypt', done: plaintext.length, total: plaintext.length });
    for (let index = 1; index < progress.length; index++) expect(progress[index]!.done).toBeGreaterThanOrEqual(progress[index - 1]!.done);
  });

  it('decrypts in place on one thread, in a plain buffer and in an offset view', async () => {
    const plain = encrypted.slice();
    const opened = await decryptAgeWith(primitives, plain, key, { inPlace: {} });
    expect(opened.buffer).toBe(plain.buffer);
    expect(Buffer.compare(Buffer.from(opened), Buffer.from(plaintext))).toBe(0);
    const padded = new Uint8Array(encrypted.length + 100);
    padded.set(encrypted, 100);
    const view = padded.subarray(100);
    const fromView = await decryptAgeWith(primitives, view, key, { inPlace: {} });
    expect(fromView.byteOffset).toBe(100);
    expect(Buffer.compare(Buffer.from(fromView), Buffer.from(plaintext))).toBe(0);
  });

  // 192 is the chunk lent to this thread; 200 and 290 lie in the helper's blocks.
  it.each([3, 150, 191, 192, 193, 200, 290, 299])('refuses chunk %i altered exactly as the serial loop does, whoever opens it', async (chunk) => {
    const altered = encrypted.slice();
    altered[payloadStart + chunk * SEALED_CHUNK_BYTES + 5]! ^= 0x01;
    const expected = await serial(altered);
    expect(expected).toMatchObject({ name: 'PayloadTamperedError' });
    expect(await serial(altered.slice())).toEqual(expected);
    for (const behaviour of ['helps', 'never-takes', 'fails-after-taking'] as const) {
      expect(await split(altered, helper(behaviour), undefined, true)).toEqual(expected);
    }
    const plain = altered.slice();
    await expect(decryptAgeWith(primitives, plain, key, { inPlace: {} })).rejects.toMatchObject({ name: 'PayloadTamperedError', message: (expected as { message: string }).message });
  });

  it('overwrites no byte the hash has not read, and gives up on a hash that stalls or fails', async () => {
    const hashedBytes = 100 * CHUNK_BYTES; // the hash has read this far, then stops
    for (const behaviour of ['helps', 'never-takes'] as const) {
      const file = shared(encrypted);
      const hashed = createHashProgress();
      reportHashed(hashed, hashedBytes);
      await expect(decryptAgeWith(primitives, file, key, { payloadHelper: helper(behaviour), inPlace: { hashed, stallMs: 50 } }))
        .rejects.toThrow("the file's SHA-256 made no progress for 0.05 s");
      expect(Buffer.compare(Buffer.from(file.subarray(hashedBytes)), Buffer.from(encrypted.subarray(hashedBytes)))).toBe(0);
      expect(Buffer.compare(Buffer.from(file.subarray(0, 64 * CHUNK_BYTES)), Buffer.from(plaintext.subarray(0, 64 * CHUNK_BYTES)))).toBe(0);
    }
    const failed = createHashProgress();
    failHash(failed);
    const file = shared(encrypted);
    await expect(decryptAgeWith(primitives, file, key, { inPlace: { hashed: failed } })).rejects.toThrow("the file's SHA-256 could not be made");
    expect(Buffer.compare(Buffer.from(file), Buffer.from(encrypted))).toBe(0);
  });
});
