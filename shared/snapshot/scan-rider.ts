// Another reader of a table's rows riding along a pass the data-quality checks make over it
// anyway (findings-scan.ts), so that a thread which checks a table and then needs its rows
// reads the table once. The analyses' facts ride this way (datalek/facts-scan.ts).
import type { RecordView } from './btree';

export interface ScanRider {
  /** Each row the pass reads, in b-tree order, once it passes the checks; the pass stops at the first that does not. */
  row(row: RecordView): void;
  /** The pass read every row of the table. */
  done(): void;
}
