// The one table model of tables-v1.md: every analysis ends in a TableModel; the app shows
// it, the exporters write it, the command line prints it. Keys are fixed by the spec.

export type ColumnType =
  | 'text'
  | 'date' // 'YYYY-MM-DD'
  | 'month' // 'YYYY-MM'
  | 'instant' // 'YYYY-MM-DDTHH:MM:SSZ' (UTC); shown in Europe/Amsterdam. Not in the spec's list: see docs/DECISIONS.md
  | 'count'
  | 'money_cent'
  | 'days'
  | 'number' // a measured or computed quantity that is not a count (hours, severity scores); never disclosure-controlled
  | 'percent'
  | 'boolean';

export interface TableColumn {
  key: string;
  label: string;
  type: ColumnType;
  /** Number of decimals to show for `days` / `percent` (default 0 for counts, 1 for days). */
  decimals?: number;
}

export type CellValue = string | number | boolean | null;

/** A row: cells by column key, plus the keys that disclosure control suppressed. */
export type TableRow = { [key: string]: CellValue | string[] | undefined } & { _suppressed?: string[] };

export type Disclosure =
  | { method: 'none' }
  | { method: 'round'; base: 5 | 10 }
  | { method: 'suppress'; k: number; primary: number; secondary: number };

export type DisclosureOption = Disclosure['method'] | 'round5' | 'round10';

export interface Provenance {
  /** SHA-256 (hex) of the encrypted snapshot file as opened. */
  snapshot_sha256: string;
  /** The snapshot's meta.peildatum. */
  peildatum: string;
  /** e.g. 'ketenlens 0.1.0'. */
  generator: string;
  /** When the table was made (UTC instant). */
  created_at: string;
  /**
   * The audit entry that records the export of this table (set just before exporting,
   * see docs/SECURITY.md "Exports name their audit entry"); absent on screen.
   */
  audit?: AuditReference;
}

/** An audit entry named by its sequence number and its SHA-256 (64 hex). */
export interface AuditReference {
  seq: number;
  hash: string;
}

export interface TableModel {
  id: string;
  title: string;
  columns: TableColumn[];
  rows: TableRow[];
  /** Optional row of column totals, computed from the cells before disclosure control. */
  totals: TableRow | null;
  notes: string[];
  source: string;
  parameters: Record<string, unknown>;
  disclosure: Disclosure;
  provenance: Provenance;
}

/** Read a cell as a number, or null (suppressed / missing / not numeric). */
export function numericCell(row: TableRow, key: string): number | null {
  const value = row[key];
  return typeof value === 'number' ? value : null;
}

export function isNumericType(type: ColumnType): boolean {
  return type === 'count' || type === 'money_cent' || type === 'days' || type === 'percent' || type === 'number';
}
