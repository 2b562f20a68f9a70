// The app's scan worker (scan-aside.ts, scan-work.ts) over an image in shared memory: its
// answer comes first and the open's checks take it; the rows of the data-leak facts come
// next and give the facts that SQL gives; a worker stopped by the snapshot's close, one that
// fails, and one never asked give no rows, and the facts are then read by the core worker.
// The worker's own script runs end to end in the browser (test/e2e/large-open.test.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeSqlJsProvider } from '../../shared/node/snapshot/sqljs-node';
import { computeDatalekFacts } from '../../shared/analyses/datalek/facts';
import { acceptDatalekRows, type DatalekRows } from '../../shared/analyses/datalek/facts-scan';
import { openSnapshotFromPlaintext } from '../../shared/snapshot/open';
import { MIN_SCAN_ASIDE_BYTES, type ScanAsideRequest } from '../../shared/snapshot/scan-aside';
import type { OpenedSnapshot } from '../../shared/snapshot/types';
import { DATALEK_SQL } from '../../test/support/datalek-fixture';
import { buildPlaintext } from '../../test/support/snapshot';
import { prepareScanAside } from './scan-aside';
import { runScanWork, type ScanWorkerMessage } from './scan-work';

/** A stand-in for the browser's Worker that plays scan.worker.ts; the rows wait for `flush`. */
function fakeWorker(behaviour: 'works' | 'fails') {
  const made: Array<{ terminated: boolean; flush(): void }> = [];
  class FakeWorker {
    onmessage: ((event: { data: ScanWorkerMessage }) => void) | null = null;
    onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
    private readonly held: ScanWorkerMessage[] = [];
    private readonly record = { terminated: false, flush: () => this.flush() };
    constructor() {
      made.push(this.record);
    }
    postMessage(request: ScanAsideRequest) {
      setTimeout(() => {
        if (behaviour === 'fails') {
          this.onerror?.({ message: 'script failed to load', preventDefault: () => undefined });
          return;
        }
        runScanWork(request, (message) => this.held.push(message));
        this.deliver(this.held.shift()!); // the answer; the rows are held
      }, 0);
    }
    flush() {
      for (const message of this.held.splice(0)) this.deliver(message);
    }
    terminate() {
      this.record.terminated = true;
    }
    private deliver(message: ScanWorkerMessage) {
      if (!this.record.terminated) this.onmessage?.({ data: structuredClone(message) });
    }
  }
  vi.stubGlobal('Worker', FakeWorker);
  return made;
}

/** The data-leak fixture's image in shared memory, as the app's large files are. */
async function sharedImage(): Promise<Uint8Array> {
  const plain = await buildPlaintext(DATALEK_SQL);
  const image = new Uint8Array(new SharedArrayBuffer(plain.length));
  image.set(plain);
  return image;
}

/** The findings of the same image checked without a scan worker. */
async function findingsOnOneThread(): Promise<unknown> {
  const image = await sharedImage();
  const opened = await openSnapshotFromPlaintext(image, { sha256: '0'.repeat(64), fileSize: image.length, keyKind: 'passphrase' }, nodeSqlJsProvider);
  try {
    expect(opened.findings.length).toBeGreaterThan(0);
    return opened.findings;
  } finally {
    opened.close();
  }
}

/** A file large enough for a scan worker (only its size and memory are looked at). */
const largeFile = () => new Uint8Array(new SharedArrayBuffer(MIN_SCAN_ASIDE_BYTES));

async function openWith(scanAhead: NonNullable<ReturnType<typeof prepareScanAside>>): Promise<OpenedSnapshot> {
  const image = await sharedImage();
  return openSnapshotFromPlaintext(
    image, { sha256: '0'.repeat(64), fileSize: image.length, keyKind: 'passphrase' }, nodeSqlJsProvider,
    { checks: 'when-needed', scanAside: scanAhead.scanAside, scanAsideAtOnce: true },
  );
}

describe("the app's scan worker", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('answers the checks first, then reads the rows of the data-leak facts, which give the facts SQL gives', async () => {
    const workers = fakeWorker('works');
    const scanAhead = prepareScanAside(largeFile())!;
    const opened = await openWith(scanAhead);
    try {
      let rows: DatalekRows | null | undefined;
      void scanAhead.datalekRows.then((value) => (rows = value));
      await opened.asideChecked;
      expect(rows).toBeUndefined(); // the checks did not wait for the rows
      workers[0]!.flush();
      rows = await scanAhead.datalekRows;
      // Signals 5 and 7 are lawful; the other seven are read, with their views (13 rows, 12 of unlawful signals).
      expect(rows?.signals?.map((row) => row[0])).toEqual([1, 2, 3, 4, 6, 8, 9]);
      expect(rows?.views).toHaveLength(12);
      const reference = computeDatalekFacts(opened, { sqlOnly: true });
      acceptDatalekRows(opened.db, rows!);
      expect(computeDatalekFacts(opened)).toEqual(reference);
      expect(opened.findings).toEqual(await findingsOnOneThread());
    } finally {
      opened.close();
    }
  });

  it('gives no rows when the snapshot is closed before they come, and stops the worker', async () => {
    const workers = fakeWorker('works');
    const scanAhead = prepareScanAside(largeFile())!;
    const opened = await openWith(scanAhead);
    await opened.asideChecked;
    opened.close();
    expect(workers[0]!.terminated).toBe(true);
    workers[0]!.flush(); // too late: a stopped worker posts nothing
    await expect(scanAhead.datalekRows).resolves.toBeNull();
  });

  it('gives no rows when the worker fails, and the core worker checks those tables itself', async () => {
    fakeWorker('fails');
    const scanAhead = prepareScanAside(largeFile())!;
    const opened = await openWith(scanAhead);
    try {
      await opened.asideChecked;
      await expect(scanAhead.datalekRows).resolves.toBeNull();
      expect(opened.findings).toEqual(await findingsOnOneThread());
    } finally {
      opened.close();
    }
  });

  it('gives no rows when released unused, and starts none for a small or unshared file', async () => {
    const workers = fakeWorker('works');
    const scanAhead = prepareScanAside(largeFile())!;
    scanAhead.release();
    expect(workers[0]!.terminated).toBe(true);
    await expect(scanAhead.datalekRows).resolves.toBeNull();
    expect(prepareScanAside(new Uint8Array(new SharedArrayBuffer(1024)))).toBeUndefined();
    expect(prepareScanAside(new Uint8Array(MIN_SCAN_ASIDE_BYTES))).toBeUndefined();
    expect(workers).toHaveLength(1);
  });
});
