// A Web Worker that scans the data-leak tables while the core worker computes the other
// headline figures (shared/snapshot/scan-aside.ts): the app's twin of the command line's
// scan-worker.ts. It reads the image the core worker shares with it (shared memory, never a
// copy), answers "clean, with this many rows" per table, then reads the rows of the
// data-leak facts so the core worker need not read those tables again (scan-work.ts), and
// closes.
import type { ScanAsideRequest } from '../../shared/snapshot/scan-aside';
import { runScanWork, type ScanWorkerMessage } from './scan-work';

const scope = self as unknown as {
  postMessage(message: ScanWorkerMessage): void;
  onmessage: ((event: MessageEvent<ScanAsideRequest>) => void) | null;
  close(): void;
};

scope.onmessage = (event) => {
  runScanWork(event.data, (message) => scope.postMessage(message));
  scope.close();
};
