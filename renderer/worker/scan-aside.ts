// The app's second thread for the checks (shared/snapshot/scan-aside.ts): a worker of its
// own (scan.worker.ts) over the image in shared memory. Only a large image decrypted on two
// workers is shared memory (decrypt-aside.ts); any other, and a small one, is declined, as is
// a worker that cannot start or fails: the core worker then checks those tables itself, with
// the same outcome.
import { MIN_SCAN_ASIDE_BYTES, type ScanAside, type ScanAsideAnswer, type ScanAsideRequest } from '../../shared/snapshot/scan-aside';
import type { DatalekRows } from '../../shared/analyses/datalek/facts-scan';
import type { ScanWorkerMessage } from './scan-work';

/**
 * A ScanAside whose worker is started now, for an image of `bytes` bytes: a nested worker's
 * script is fetched through this worker's event loop, which the first figures keep busy, so
 * it is started while the file is still being decrypted and takes its request at once later.
 * Undefined where nothing could be shared or the image is small; `release` stops an unused one.
 * `datalekRows` are the rows the worker reads after its answer (scan.worker.ts); null when it
 * declined, failed, could not read them, or the open no longer needs them. Never rejects.
 */
export function prepareScanAside(bytes: Uint8Array): { scanAside: ScanAside; release(): void; datalekRows: Promise<DatalekRows | null> } | undefined {
  if (typeof Worker !== 'function' || !(bytes.buffer instanceof SharedArrayBuffer) || bytes.length < MIN_SCAN_ASIDE_BYTES) return undefined;
  let worker: Worker | null;
  try {
    worker = new Worker(new URL('./scan.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return undefined;
  }
  let settleRows: (rows: DatalekRows | null) => void = () => undefined;
  const datalekRows = new Promise<DatalekRows | null>((resolve) => {
    settleRows = resolve;
  });
  const release = () => {
    worker?.terminate();
    if (worker !== null) settleRows(null);
    worker = null;
  };
  const scanAside: ScanAside = (request, signal) => {
    const taken = worker;
    worker = null; // one request
    if (taken === null || !(request.image.buffer instanceof SharedArrayBuffer) || signal.aborted) {
      taken?.terminate();
      settleRows(null);
      return Promise.resolve(null);
    }
    return answerOf(taken, request, signal, settleRows);
  };
  return { scanAside, release, datalekRows };
}

/** The worker's answer; its rows go to `settleRows`, null if it stops before them. */
function answerOf(
  worker: Worker, request: ScanAsideRequest, signal: AbortSignal, settleRows: (rows: DatalekRows | null) => void,
): Promise<ScanAsideAnswer | null> {
  return new Promise<ScanAsideAnswer | null>((resolve) => {
    const stop = (): void => {
      worker.terminate();
      resolve(null);
      settleRows(null);
    };
    signal.addEventListener('abort', stop, { once: true });
    worker.onmessage = (event: MessageEvent<ScanWorkerMessage>) => {
      const message = event.data;
      if ('answer' in message) {
        resolve(message.answer);
        return; // the rows follow
      }
      signal.removeEventListener('abort', stop);
      resolve(null); // after an error, no answer
      settleRows('datalekRows' in message ? message.datalekRows : null);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      signal.removeEventListener('abort', stop);
      stop();
    };
    worker.postMessage(request);
  });
}
