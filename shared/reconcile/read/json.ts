// Reader for JSON tables: our own export (the TableModel itself, exact values and keys,
// provenance and parameters included) and JSON from elsewhere — an array of objects, or
// { columns, rows } with rows as arrays or objects.
import { UnreadableTableError } from '../../errors';
import type { TableModel } from '../../tables/model';
import type { ReadCell, ReadTable } from './types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTableModel(value: unknown): value is TableModel {
  return isRecord(value) && typeof value.id === 'string' && Array.isArray(value.columns) && Array.isArray(value.rows)
    && value.columns.every((column) => isRecord(column) && typeof column.key === 'string' && typeof column.label === 'string');
}

function cellOf(value: unknown): ReadCell {
  if (value === null || value === undefined) return { text: '', value: null };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value), value };
  if (typeof value === 'string') return { text: value, value };
  return { text: JSON.stringify(value) };
}

function fromModel(model: TableModel): ReadTable {
  const keys = model.columns.map((column) => column.key);
  const rowCells = (row: TableModel['rows'][number]): ReadCell[] =>
    keys.map((key) => (row._suppressed?.includes(key) === true ? { text: 'x', value: null } : cellOf(row[key])));
  return {
    format: 'json',
    title: model.title,
    headers: model.columns.map((column) => column.label),
    rows: [...model.rows.map(rowCells), ...(model.totals === null ? [] : [rowCells(model.totals)])],
    lines: [],
    decimal: '.',
    keys,
    model,
  };
}

export function readJson(text: string, source: string): ReadTable[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UnreadableTableError(source, 'de JSON is ongeldig', 'the JSON does not parse', { cause: error });
  }
  const list = Array.isArray(parsed) && parsed.every(isTableModel) ? parsed : [parsed];
  return list.map((item) => {
    if (isTableModel(item)) return fromModel(item);
    if (Array.isArray(item) && item.every(isRecord)) {
      const headers = [...new Set(item.flatMap((row) => Object.keys(row)))];
      return { format: 'json', title: null, headers, rows: item.map((row) => headers.map((key) => cellOf(row[key]))), lines: [], decimal: '.', keys: headers } satisfies ReadTable;
    }
    if (isRecord(item) && Array.isArray(item.columns) && Array.isArray(item.rows)) {
      const headers = item.columns.map((column) => (isRecord(column) ? String(column.label ?? column.key ?? '') : String(column)));
      const keys = item.columns.map((column) => (isRecord(column) ? String(column.key ?? column.label ?? '') : String(column)));
      const rows = item.rows.map((row) => (Array.isArray(row) ? row.map(cellOf) : isRecord(row) ? keys.map((key) => cellOf(row[key])) : []));
      const title = typeof item.title === 'string' ? item.title : null;
      return { format: 'json', title, headers, rows, lines: [], decimal: '.', keys } satisfies ReadTable;
    }
    throw new UnreadableTableError(source, 'de JSON is geen tabel (verwacht: een Ketenlens-tabel, een lijst van objecten of {columns, rows})', 'the JSON is not a table (expected: a Ketenlens table, a list of objects or {columns, rows})');
  });
}
