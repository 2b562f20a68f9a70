// The payload split over this thread and a helper (payload-helper.ts) against the serial
// loop, on a 19.6 MB file in shared memory: the same plaintext, progress to the end, and
// the same refusal — type and message — for a chunk altered in either half or a file cut,
// whether the helper opens its half, never takes it, takes it and fails, or never runs.
// The helper here runs on this thread, at once (a ready worker) or after this thread's half
// (a worker still loading), through the same claimJob protocol as decrypt.worker.ts.
import { describe, expect, it } from 'vitest';
import { decryptAgeWith } from './decrypt';
import { encryptAgeWith } from './encrypt';
import { encodeIdentity, encodeRecipient } from './keys';
import { sodiumPrimitives } from './sodium';
import { CHUNK_BYTES, SEALED_CHUNK_BYTES } from './payload';
import { claimJob, openRange, reportOpened, type PayloadHelper, type PayloadJobOutcome } from './payload-helper';
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
          let block = job.first;
          try {
            openRange(primitives, job.streamKey, job.payload, job.first, job.end, job.lastIndex, job.plaintext, (opened) => {
              block = job.first + opened;
              reportOpened(job, opened);
            });
            resolve({ done: true });
          } catch {
            resolve({ failedBlock: block });
          }
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

async function split(file: Uint8Array, with_: PayloadHelper, progress?: Progress[]): Promise<Uint8Array | { name: string; message: string }> {
  try {
    return await decryptAgeWith(primitives, shared(file), key, { payloadHelper: with_, ...(progress ? { onProgress: (step) => progress.push(step) } : {}) });
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
