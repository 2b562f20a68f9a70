// What the scan worker (scan.worker.ts) does with its one request, apart from its scope so
// tests run it: the checks' answer first (the open's completion waits for it), then the rows
// the data-leak facts read (shared/analyses/datalek/facts-scan.ts), which only the 'exposed'
// figure waits for; read along the checks' passes where they can be. An error ends both
// with an error message.
import { datalekRowsAlong, readDatalekRowsAside, type DatalekRows } from '../../shared/analyses/datalek/facts-scan';
import { runScanAside, type ScanAsideAnswer, type ScanAsideRequest } from '../../shared/snapshot/scan-aside';

export type ScanWorkerMessage = { answer: ScanAsideAnswer } | { error: string } | { datalekRows: DatalekRows | null };

export function runScanWork(request: ScanAsideRequest, post: (message: ScanWorkerMessage) => void): void {
  try {
    // The rows are read in the checks' own passes where those read every row (clean tables);
    // otherwise in a pass of their own.
    const along = datalekRowsAlong(request);
    post({ answer: runScanAside(request, along?.riders) });
    post({ datalekRows: along?.rows() ?? readDatalekRowsAside(request) });
  } catch (error) {
    post({ error: error instanceof Error ? error.message : String(error) });
  }
}
