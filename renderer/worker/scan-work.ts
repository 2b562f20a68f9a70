// What the scan worker (scan.worker.ts) does with its one request, apart from its scope so
// tests run it: the checks' answer first (the open's completion waits for it), then the rows
// the data-leak facts read (shared/analyses/datalek/facts-scan.ts), which only the 'exposed'
// figure waits for. An error ends both with an error message.
import { readDatalekRowsAside, type DatalekRows } from '../../shared/analyses/datalek/facts-scan';
import { runScanAside, type ScanAsideAnswer, type ScanAsideRequest } from '../../shared/snapshot/scan-aside';

export type ScanWorkerMessage = { answer: ScanAsideAnswer } | { error: string } | { datalekRows: DatalekRows | null };

export function runScanWork(request: ScanAsideRequest, post: (message: ScanWorkerMessage) => void): void {
  try {
    post({ answer: runScanAside(request) });
    // In a pass of their own, not riding the checks' passes (as this thread's checks do,
    // facts-scan.ts): this worker is not the one the figures wait for, and riding held the
    // checks' key sets and the rows at once, ≈ 90 MB more at national scale.
    post({ datalekRows: readDatalekRowsAside(request) });
  } catch (error) {
    post({ error: error instanceof Error ? error.message : String(error) });
  }
}
