// The digest made beside the open: the bytes go to the hash worker only once it runs
// (transferred, not copied), its digest is the file's SHA-256, a worker that fails before it
// took the bytes is replaced by hashing here, one that fails after gives a clear refusal,
// and without workers (Node) the bytes are hashed here. The worker's own hashing
// (hash.worker.ts, hash-wasm) is checked end to end in the browser (test/e2e/app.test.ts).
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { digestAside } from './digest-aside';

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

type Behaviour = 'hashes' | 'fails-to-start' | 'fails-after-taking' | 'never-answers';

/** A stand-in for the browser's Worker that plays hash.worker.ts. */
function fakeWorker(behaviour: Behaviour) {
  const made: FakeWorker[] = [];
  class FakeWorker {
    onmessage: ((event: { data: unknown }) => void) | null = null;
    onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
    terminated = false;
    received: ArrayBuffer | null = null;
    constructor() {
      made.push(this);
      setTimeout(() => {
        if (behaviour === 'fails-to-start') this.onerror?.({ message: 'script failed to load', preventDefault: () => undefined });
        else this.onmessage?.({ data: { ready: true } });
      }, 0);
    }
    postMessage(message: { buffer: ArrayBuffer; byteOffset: number; length: number }, transfer: ArrayBuffer[]) {
      const taken = structuredClone(message, { transfer });
      this.received = taken.buffer;
      setTimeout(() => {
        if (behaviour === 'fails-after-taking') this.onerror?.({ message: 'out of memory', preventDefault: () => undefined });
        else if (behaviour === 'hashes') this.onmessage?.({ data: { digest: sha256Of(new Uint8Array(taken.buffer, taken.byteOffset, taken.length)) } });
      }, 0);
    }
    terminate() {
      this.terminated = true;
    }
  }
  vi.stubGlobal('Worker', FakeWorker);
  return made;
}

const fileBytes = () => new Uint8Array(Array.from({ length: 100_000 }, (_, index) => (index * 7) & 255));

describe('the digest made beside the open', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is the SHA-256 of the bytes, made by the worker they are transferred to', async () => {
    const workers = fakeWorker('hashes');
    const bytes = fileBytes();
    const expected = sha256Of(bytes);
    const aside = digestAside(bytes);
    expect(bytes.byteLength).toBe(100_000); // not taken before the worker runs
    await expect(aside.digest()).resolves.toBe(expected);
    expect(bytes.byteLength).toBe(0); // transferred, not copied
    expect(workers[0]!.received?.byteLength).toBe(100_000);
  });

  it('is made here when the worker cannot start, and refused clearly when it fails after taking the bytes', async () => {
    fakeWorker('fails-to-start');
    const bytes = fileBytes();
    const expected = sha256Of(bytes);
    await expect(digestAside(bytes).digest()).resolves.toBe(expected);
    vi.unstubAllGlobals();
    fakeWorker('fails-after-taking');
    await expect(digestAside(fileBytes()).digest()).rejects.toThrow("the file's SHA-256 could not be made: out of memory");
  });

  it('stops the worker when the open is refused', async () => {
    const workers = fakeWorker('never-answers');
    const aside = digestAside(fileBytes());
    aside.cancel();
    expect(workers[0]!.terminated).toBe(true);
  });

  it('is made here where there are no workers (Node)', async () => {
    expect(typeof Worker).toBe('undefined');
    const bytes = fileBytes();
    await expect(digestAside(bytes).digest()).resolves.toBe(sha256Of(bytes));
    expect(bytes.byteLength).toBe(100_000);
  });
});
