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

/**
 * One number per row that orders like the cell: numbers as they are, text by its rank
 * among the column's distinct values in Dutch collation, empty cells as NaN. Comparing
 * typed arrays keeps sorting a million rows to a fraction of a second, where calling the
 * collator in every comparison took seconds.
 */
function sortKeys(rows: readonly TableRow[], indices: Uint32Array, key: string): Float64Array {
  const keys = new Float64Array(rows.length).fill(Number.NaN);
  const distinct = new Set<string>();
  for (const index of indices) {
    const value = rows[index]?.[key];
    if (typeof value === 'string') distinct.add(value);
  }
  const ranks = new Map<string, number>();
  Array.from(distinct).sort(collator.compare).forEach((value, rank) => ranks.set(value, rank));
  for (const index of indices) {
    const value = rows[index]?.[key];
    if (typeof value === 'number') keys[index] = value;
    else if (typeof value === 'boolean') keys[index] = value ? 1 : 0;
    else if (typeof value === 'string') keys[index] = ranks.get(value) ?? Number.NaN;
  }
  return keys;
}

/** Sort row indices by the given keys; empty cells last, text in Dutch collation. */
export function sortRows(rows: readonly TableRow[], indices: Uint32Array, sorting: readonly SortKey[]): Uint32Array {
  if (sorting.length === 0) return indices;
  const columns = sorting.map(({ key, descending }) => ({ keys: sortKeys(rows, indices, key), sign: descending ? -1 : 1 }));
  const sorted = indices.slice();
  sorted.sort((a, b) => {
    for (const { keys, sign } of columns) {
      const left = keys[a] ?? Number.NaN;
      const right = keys[b] ?? Number.NaN;
      if (left === right) continue;
      if (Number.isNaN(left)) {
        if (Number.isNaN(right)) continue;
        return 1;
      }
      if (Number.isNaN(right)) return -1;
      return (left - right) * sign;
    }
    return a - b;
  });
  return sorted;
}
