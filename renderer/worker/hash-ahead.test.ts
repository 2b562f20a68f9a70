// The hash begun as a large file is read (hash-ahead.ts, through chosenBytes): only bytes in
// shared memory that the host did not hash get one; the worker is given the memory itself
// (nothing transferred, nothing copied) with the progress words, and the digest arrives
// through them; a worker that fails marks the hash failed, so a decryption waiting behind it
// is refused instead of hanging. The worker's own hashing (hash.worker.ts, hash-wasm) runs
// end to end in the browser (test/e2e/large-open.test.ts).
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chosenBytes } from '../app/chosen-file';
import { awaitDigest, finishHash, reportHashed, waitUntilHashed } from '../../shared/hash-progress';
import type { HashJob } from './hash.worker';

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** A stand-in for the browser's Worker that plays hash.worker.ts, or fails to load. */
function fakeWorker(behaviour: 'hashes' | 'fails') {
  const made: Array<{ job: HashJob | null; transfer: unknown[] | undefined; terminated: boolean }> = [];
  class FakeWorker {
    onmessage: ((event: { data: unknown }) => void) | null = null;
    onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
    private readonly record = { job: null as HashJob | null, transfer: undefined as unknown[] | undefined, terminated: false };
    constructor() {
      made.push(this.record);
    }
    postMessage(job: HashJob, transfer?: unknown[]) {
      this.record.job = job;
      this.record.transfer = transfer;
      setTimeout(() => {
        if (behaviour === 'fails') {
          this.onerror?.({ message: 'script failed to load', preventDefault: () => undefined });
          return;
        }
        const bytes = new Uint8Array(job.buffer, job.byteOffset, job.length);
        reportHashed(job.progress!, job.length / 2);
        finishHash(job.progress!, sha256Of(bytes));
        this.onmessage?.({ data: { digest: sha256Of(bytes).toString('hex') } });
      }, 0);
    }
    terminate() {
      this.record.terminated = true;
    }
  }
  vi.stubGlobal('Worker', FakeWorker);
  return made;
}

function sharedFile(): Uint8Array<SharedArrayBuffer> {
  const bytes = new Uint8Array(new SharedArrayBuffer(300_000));
  for (let index = 0; index < bytes.length; index++) bytes[index] = (index * 13) & 255;
  return bytes;
}

describe('the hash begun as a file is read', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('hashes bytes in shared memory on a worker given that memory, and hands the digest over in the progress words', async () => {
    const workers = fakeWorker('hashes');
    const bytes = sharedFile();
    const chosen = chosenBytes({ name: 'a.age', bytes });
    expect(chosen.bytes.buffer).toBe(bytes.buffer);
    expect(chosen.hashing).toBeInstanceOf(Int32Array);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.job?.buffer).toBe(bytes.buffer); // shared, not copied
    expect(workers[0]!.transfer).toBeUndefined(); // shared memory is never in a transfer list
    await expect(awaitDigest(chosen.hashing!)).resolves.toBe(sha256Of(bytes).toString('hex'));
    expect(workers[0]!.terminated).toBe(true);
  });

  it('begins no hash where the host hashed the bytes, or they are not shared memory', () => {
    const workers = fakeWorker('hashes');
    expect(chosenBytes({ name: 'a.age', bytes: sharedFile(), sha256: 'ab'.repeat(32) })).toEqual({ bytes: expect.any(Uint8Array), sha256: 'ab'.repeat(32) });
    const plain = chosenBytes({ name: 'a.age', bytes: new Uint8Array(1000) });
    expect(plain.hashing).toBeUndefined();
    expect(workers).toHaveLength(0);
  });

  it('marks the hash failed when its worker fails, so a decryption waiting behind it is refused', async () => {
    fakeWorker('fails');
    const chosen = chosenBytes({ name: 'a.age', bytes: sharedFile() });
    await expect(awaitDigest(chosen.hashing!)).rejects.toThrow("the file's SHA-256 could not be made");
    expect(() => waitUntilHashed(chosen.hashing!, 1)).toThrow("the file's SHA-256 could not be made");
  });

  it('begins none where there are no workers (Node): the worker then hashes after decrypting', () => {
    expect(typeof Worker).toBe('undefined');
    expect(chosenBytes({ name: 'a.age', bytes: sharedFile() }).hashing).toBeUndefined();
  });
});
