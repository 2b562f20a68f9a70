// The shared words between a hashing thread and the threads that decrypt behind it
// (hash-progress.ts): the digest read back as written, waits that end when the hash has
// passed, fails or stalls, and — with a real second thread hashing slowly — a file
// decrypted into its own memory behind the hash, with both the plaintext and the digest right.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { decryptAgeWith } from './age/decrypt';
import { encryptAgeWith } from './age/encrypt';
import { sodiumPrimitives } from './age/sodium';
import { awaitDigest, createHashProgress, failHash, finishHash, hashedDigest, isHashProgress, reportHashed, waitUntilHashed } from './hash-progress';

describe('hash progress words', () => {
  it('hands the digest over as written, only once it is finished', () => {
    const progress = createHashProgress();
    expect(isHashProgress(progress)).toBe(true);
    expect(isHashProgress(new Int32Array(10))).toBe(false);
    const digest = createHash('sha256').update('ketenlens').digest();
    expect(hashedDigest(progress)).toBeNull();
    reportHashed(progress, 10 * 65536 + 5);
    expect(hashedDigest(progress)).toBeNull();
    finishHash(progress, digest);
    expect(hashedDigest(progress)).toBe(digest.toString('hex'));
    expect(() => finishHash(progress, digest.subarray(1))).toThrow('a SHA-256 has 32 bytes, not 31');
  });

  it('lets a write wait for exactly the bytes it overwrites, in whole 64 KiB units', () => {
    const progress = createHashProgress();
    reportHashed(progress, 3 * 65536 + 65535); // counted as 3 units: a partial unit is not yet hashed
    expect(() => waitUntilHashed(progress, 3 * 65536, 20)).not.toThrow();
    expect(() => waitUntilHashed(progress, 3 * 65536 + 1, 20)).toThrow("the file's SHA-256 made no progress for 0.02 s");
    failHash(progress);
    expect(() => waitUntilHashed(progress, 1, 20)).toThrow("the file's SHA-256 could not be made");
    const done = createHashProgress();
    finishHash(done, new Uint8Array(32));
    failHash(done); // too late: a finished hash stays finished
    expect(() => waitUntilHashed(done, 1e12, 20)).not.toThrow();
  });

  it('gives the digest to an awaiting event loop, or the failure', async () => {
    const progress = createHashProgress();
    setTimeout(() => finishHash(progress, new Uint8Array(32).fill(0xab)), 30);
    await expect(awaitDigest(progress)).resolves.toBe('ab'.repeat(32));
    const failing = createHashProgress();
    setTimeout(() => failHash(failing), 30);
    await expect(awaitDigest(failing)).rejects.toThrow("the file's SHA-256 could not be made");
  });

  it('decrypts a file in its own memory behind a hash that runs slowly on another thread', async () => {
    const primitives = await sodiumPrimitives();
    const plaintext = new Uint8Array(300 * 65536 + 77).map((_, index) => (index * 13 + (index >> 12)) & 0xff);
    const encrypted = await encryptAgeWith(primitives, plaintext, { kind: 'passphrase', passphrase: 'lang genoeg', logN: 2 });
    const expectedDigest = createHash('sha256').update(encrypted).digest('hex');
    const file = new Uint8Array(new SharedArrayBuffer(encrypted.length));
    file.set(encrypted);
    const progress = createHashProgress();
    // The hashing thread, in plain JavaScript: the words as hash-progress.ts lays them out
    // ([0] state, [1] 64 KiB units hashed, [2..9] the digest). It sleeps between 1 MiB slices.
    const hasher = new Worker(`
      const { workerData } = require('node:worker_threads');
      const { createHash } = require('node:crypto');
      const { bytes, progress } = workerData;
      const hash = createHash('sha256');
      const pause = new Int32Array(new SharedArrayBuffer(4));
      for (let offset = 0; offset < bytes.length; offset += 1 << 20) {
        const end = Math.min(bytes.length, offset + (1 << 20));
        hash.update(bytes.subarray(offset, end));
        Atomics.store(progress, 1, Math.floor(end / 65536));
        Atomics.notify(progress, 1);
        Atomics.wait(pause, 0, 0, 5);
      }
      const digest = hash.digest();
      for (let word = 0; word < 8; word++) progress[2 + word] = digest.readInt32BE(word * 4);
      Atomics.store(progress, 0, 1);
      Atomics.notify(progress, 0);
      Atomics.notify(progress, 1);
    `, { eval: true, workerData: { bytes: file, progress } });
    const opened = await decryptAgeWith(primitives, file, { kind: 'passphrase', passphrase: 'lang genoeg' }, { inPlace: { hashed: progress } });
    expect(opened.buffer).toBe(file.buffer);
    expect(Buffer.compare(Buffer.from(opened), Buffer.from(plaintext))).toBe(0);
    expect(await awaitDigest(progress)).toBe(expectedDigest);
    await hasher.terminate();
  });
});
