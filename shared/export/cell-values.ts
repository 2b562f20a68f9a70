// Machine values of published cells for the spreadsheet formats (XLSX, ODS, ODT cells):
// the number or date a spreadsheet stores, next to the Dutch text people see.
import { amsterdamTime } from '../format';
import type { PublishedCell } from './layout';

export type SheetValue =
  | { kind: 'number'; value: number; style: NumberStyle }
  | { kind: 'date'; iso: string; style: DateStyleName }
  | { kind: 'text'; text: string };

/** Display styles; each writer maps them to its own number-format syntax. */
export type NumberStyle = 'count' | 'decimal1' | 'decimal2' | 'euro' | 'euro-cents' | 'percent1' | 'percent2';
export type DateStyleName = 'date' | 'month' | 'datetime';

function decimalStyle(decimals: number | undefined, fallback: 0 | 1): NumberStyle {
  const places = decimals ?? fallback;
  return places <= 0 ? 'count' : places === 1 ? 'decimal1' : 'decimal2';
}

/** The stored value of a cell; text for hidden, empty, label and non-numeric cells. */
export function sheetValue(cell: PublishedCell): SheetValue {
  const { value, column } = cell;
  if (cell.kind !== 'value') return { kind: 'text', text: cell.text };
  if (typeof value === 'number') {
    switch (column.type) {
      case 'count':
        return { kind: 'number', value, style: decimalStyle(column.decimals, 0) };
      case 'days':
        return { kind: 'number', value, style: decimalStyle(column.decimals, 1) };
      case 'number':
        return { kind: 'number', value, style: decimalStyle(column.decimals, 1) };
      case 'money_cent':
        // Cents become euros so sums and formats work in the spreadsheet.
        return { kind: 'number', value: value / 100, style: Number.isInteger(value / 100) ? 'euro' : 'euro-cents' };
      case 'percent':
        // Spreadsheets store a percentage as a fraction (12,5% = 0.125).
        return { kind: 'number', value: value / 100, style: (column.decimals ?? 1) >= 2 ? 'percent2' : 'percent1' };
      default:
        return { kind: 'text', text: cell.text };
    }
  }
  if (typeof value === 'string') {
    if (column.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return { kind: 'date', iso: value, style: 'date' };
    if (column.type === 'month' && /^\d{4}-\d{2}$/.test(value)) return { kind: 'date', iso: `${value}-01`, style: 'month' };
    if (column.type === 'instant') {
      // Spreadsheets have no time zones: store the Amsterdam wall-clock time people read.
      const local = amsterdamTime(value);
      if (local !== null) {
        const pad = (n: number) => String(n).padStart(2, '0');
        return { kind: 'date', iso: `${local.date}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}`, style: 'datetime' };
      }
    }
  }
  return { kind: 'text', text: cell.text };
}
