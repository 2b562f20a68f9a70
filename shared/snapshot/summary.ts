// Plain-data summaries of an opened snapshot for `info` and `validate` (and the app's
// snapshot screen): what is in it, and what its findings are, ready to print or to JSON.
import {
  OPTIONAL_TABLES, REQUIRED_TABLES, type Finding, type FindingKind, type OpenedSnapshot, type OptionalTable, type SnapshotMeta,
  type SnapshotTable,
} from './types';

export interface SnapshotSummary {
  file: { sha256: string; size: number };
  keyKind: OpenedSnapshot['keyKind'];
  meta: SnapshotMeta;
  rowCounts: Partial<Record<SnapshotTable, number>>;
  optionalTables: Record<OptionalTable, boolean>;
  findings: { kind: FindingKind; table: SnapshotTable; column: string | null; count: number; skipped: boolean }[];
  /** Rows the analyses skip, per table (only tables with skipped rows). */
  skippedRows: Partial<Record<SnapshotTable, number>>;
}

/** How many rows of each table are skipped (rowid and key sets together). */
export function skippedRowCounts(snapshot: OpenedSnapshot): Partial<Record<SnapshotTable, number>> {
  const counts: Partial<Record<SnapshotTable, number>> = {};
  for (const table of [...REQUIRED_TABLES, ...OPTIONAL_TABLES]) {
    const size = (snapshot.skipped[table]?.size ?? 0) + (snapshot.skippedKeys?.[table]?.size ?? 0);
    if (size > 0 && table !== 'meta') counts[table] = size;
  }
  return counts;
}

export function summarizeSnapshot(snapshot: OpenedSnapshot): SnapshotSummary {
  return {
    file: { sha256: snapshot.sha256, size: snapshot.fileSize },
    keyKind: snapshot.keyKind,
    meta: snapshot.meta,
    rowCounts: snapshot.rowCounts,
    optionalTables: snapshot.optionalTables,
    findings: snapshot.findings.map((finding: Finding) => ({
      kind: finding.kind,
      table: finding.table,
      column: finding.column ?? null,
      count: finding.count,
      skipped: finding.skipped,
    })),
    skippedRows: skippedRowCounts(snapshot),
  };
}
