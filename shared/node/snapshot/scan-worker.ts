// Node corner: the entry of the thread that scans the data-leak tables while the main
// thread checks the others (shared/snapshot/scan-aside.ts). Built as its own file of the
// command line's bundle (dist/cli/scan-worker.mjs); it imports only the scanner, not sql.js.
import { parentPort, workerData } from 'node:worker_threads';
import { runScanAside, type ScanAsideRequest } from '../../snapshot/scan-aside';

const request = workerData as ScanAsideRequest;
try {
  parentPort?.postMessage({ answer: runScanAside(request) });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
