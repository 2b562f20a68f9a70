// A Web Worker that scans the data-leak tables while the core worker computes the other
// headline figures (shared/snapshot/scan-aside.ts): the app's twin of the command line's
// scan-worker.ts. It reads the image the core worker shares with it (shared memory, never a
// copy), answers "clean, with this many rows" per table, and closes.
import { runScanAside, type ScanAsideAnswer, type ScanAsideRequest } from '../../shared/snapshot/scan-aside';

export type ScanWorkerMessage = { answer: ScanAsideAnswer } | { error: string };

const scope = self as unknown as {
  postMessage(message: ScanWorkerMessage): void;
  onmessage: ((event: MessageEvent<ScanAsideRequest>) => void) | null;
  close(): void;
};

scope.onmessage = (event) => {
  try {
    scope.postMessage({ answer: runScanAside(event.data) });
  } catch (error) {
    scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
  scope.close();
};
