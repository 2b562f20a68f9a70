// Filtering rules of the DataGrid: text columns match by substring; number columns accept
// "> 100", "<= 5", "10-20" or a plain number; the global search matches the shown text.
import type { TableColumn, TableRow } from '../../shared/tables/model';
import { isNumericType } from '../../shared/tables/model';
import { formatCell } from '../../shared/format/index';

type Predicate = (value: number) => boolean;

function numberOf(text: string): number | null {
  const cleaned = text.trim().replace(/\./g, '').replace(',', '.').replace(/[€\s]/g, '');
  if (cleaned === '') return null;
  const parsed = Number(cleaned);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Parse a numeric filter, or null when the text is not one (then it filters as text). */
export function parseNumericFilter(text: string): Predicate | null {
  const comparison = /^\s*(<=|>=|<|>|=)\s*(.+)$/.exec(text);
  if (comparison !== null) {
    const operand = numberOf(comparison[2] ?? '');
    if (operand === null) return null;
    switch (comparison[1]) {
      case '<': return (v) => v < operand;
      case '<=': return (v) => v <= operand;
      case '>': return (v) => v > operand;
      case '>=': return (v) => v >= operand;
      default: return (v) => v === operand;
    }
  }
  const range = /^\s*([\d.,]+)\s*-\s*([\d.,]+)\s*$/.exec(text);
  if (range !== null) {
    const low = numberOf(range[1] ?? '');
    const high = numberOf(range[2] ?? '');
    if (low === null || high === null) return null;
    return (v) => v >= low && v <= high;
  }
  const exact = numberOf(text);
  return exact === null ? null : (v) => v === exact;
}

/** The raw value used for numeric comparison (money in euros, as people type it). */
function comparable(value: unknown, column: TableColumn): number | null {
  if (typeof value !== 'number') return null;
  return column.type === 'money_cent' ? value / 100 : value;
}

export function cellText(row: TableRow, column: TableColumn): string {
  const value = row[column.key];
  if (row._suppressed?.includes(column.key)) return '';
  return formatCell(value, column);
}

export function matchesColumnFilter(row: TableRow, column: TableColumn, filter: string): boolean {
  if (filter.trim() === '') return true;
  if (isNumericType(column.type)) {
    const predicate = parseNumericFilter(filter);
    if (predicate !== null) {
      const value = comparable(row[column.key], column);
      return value !== null && predicate(value);
    }
  }
  const needle = filter.trim().toLowerCase();
  const raw = row[column.key];
  return cellText(row, column).toLowerCase().includes(needle) || String(raw ?? '').toLowerCase().includes(needle);
}

export function matchesSearch(row: TableRow, columns: readonly TableColumn[], search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return columns.some((column) => {
    const raw = row[column.key];
    return cellText(row, column).toLowerCase().includes(needle) || String(raw ?? '').toLowerCase().includes(needle);
  });
}
