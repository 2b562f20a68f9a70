// Which rows a grid shows, in which order: filters, search and sorting over an index array.
// Done here rather than in TanStack's row models, which build one object per row — far
// too slow at a million rows (measured: 75 s for 600,000 rows; this takes well under 1 s).
import type { TableColumn, TableRow } from '../../shared/tables/model';
import { matchesColumnFilter, matchesSearch } from './grid-filters';

export interface SortKey {
  key: string;
  descending: boolean;
}

const collator = new Intl.Collator('nl', { numeric: true, ignorePunctuation: true });

/** Indices of the rows that pass every column filter and the search. */
export function filterRows(
  rows: readonly TableRow[],
  columns: readonly TableColumn[],
  filters: Readonly<Record<string, string>>,
  search: string,
): Uint32Array {
  const active = columns
    .map((column) => ({ column, text: filters[column.key] ?? '' }))
    .filter((filter) => filter.text.trim() !== '');
  const searching = search.trim() !== '';
  if (active.length === 0 && !searching) return Uint32Array.from(rows.keys());
  const kept = new Uint32Array(rows.length);
  let count = 0;
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index];
    if (row === undefined) continue;
    if (!active.every((filter) => matchesColumnFilter(row, filter.column, filter.text))) continue;
    if (searching && !matchesSearch(row, columns, search)) continue;
    kept[count] = index;
    count += 1;
  }
  return kept.slice(0, count);
}

/** Sort row indices by the given keys; empty cells last, text in Dutch collation. */
export function sortRows(rows: readonly TableRow[], indices: Uint32Array, sorting: readonly SortKey[]): Uint32Array {
  if (sorting.length === 0) return indices;
  const sorted = indices.slice();
  sorted.sort((a, b) => {
    for (const { key, descending } of sorting) {
      const left = rows[a]?.[key] ?? null;
      const right = rows[b]?.[key] ?? null;
      if (left === right) continue;
      if (left === null) return 1;
      if (right === null) return -1;
      const order = typeof left === 'number' && typeof right === 'number' ? left - right : collator.compare(String(left), String(right));
      if (order !== 0) return descending ? -order : order;
    }
    return a - b;
  });
  return sorted;
}
