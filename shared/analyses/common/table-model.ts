// Assembles a TableModel from an analysis result: fills in what every table shares
// (source from meta.bron, no disclosure control yet, provenance of the session).
import type { AnalysisSession } from '../../tables/session';
import type { TableModel, TableRow } from '../../tables/model';

/** Everything of a TableModel but what every table shares. */
export type TableParts = Omit<TableModel, 'source' | 'disclosure' | 'provenance'>;

export function tableModel(session: AnalysisSession, parts: TableParts): TableModel {
  return {
    ...parts,
    source: session.snapshot.meta.bron,
    disclosure: { method: 'none' },
    provenance: session.provenance(),
  };
}

/** Sum of a numeric column over rows. */
export function columnSum(rows: readonly TableRow[], key: string): number {
  let sum = 0;
  for (const row of rows) {
    const value = row[key];
    if (typeof value === 'number') sum += value;
  }
  return sum;
}
