// The rule for what may leave the machine: person-level results (e.g. the SQL screen)
// only with explicit confirmation; aggregated tables always, but callers are told how
// many small counts an unprotected table shows so the command line can warn.
import { UnprotectedExportError } from '../errors';
import type { TableModel } from '../tables/model';

export function isPersonLevel(model: TableModel): boolean {
  return model.parameters.person_level === true;
}

/** Throws UnprotectedExportError for a person-level model without `confirmedUnprotected`. */
export function assertExportAllowed(model: TableModel, options: { confirmedUnprotected?: boolean } = {}): void {
  if (isPersonLevel(model) && options.confirmedUnprotected !== true) {
    throw new UnprotectedExportError(
      `'${model.title}' bevat gegevens op persoonsniveau en wordt niet geëxporteerd zonder uitdrukkelijke bevestiging (--confirm-unprotected). Exporteer bij voorkeur een geaggregeerde tabel.`,
      `'${model.title}' holds person-level data and is not exported without explicit confirmation (--confirm-unprotected). Prefer exporting an aggregated table.`,
    );
  }
}

/** Count cells with 1 ≤ value ≤ k−1 that are shown unprotected (for a warning). */
export function countSmallCells(model: TableModel, k = 10): number {
  const countKeys = model.columns.filter((column) => column.type === 'count').map((column) => column.key);
  const rows = model.totals === null ? model.rows : [...model.rows, model.totals];
  let small = 0;
  for (const row of rows) {
    for (const key of countKeys) {
      const value = row[key];
      if (typeof value === 'number' && value >= 1 && value <= k - 1) small++;
    }
  }
  return small;
}
