// One entry for showing a table cell to people in Dutch, by its column type: the app,
// the Markdown/HTML/Word exporters and the command line all format through here.
import type { CellValue, ColumnType, TableColumn } from '../tables/model';
import { formatCount, formatDays, formatDecimal, formatMoneyCent, formatPercent } from './numbers';
import { formatDate, formatInstant, formatMonth, type DateStyle, type MonthStyle } from './dates';

export * from './numbers';
export * from './dates';
export * from './parameters';

export interface CellFormatOptions {
  /** Dates as '1-5-2022' (short, default) or '01-05-2022' (padded, as in Tabel 1). */
  dateStyle?: DateStyle;
  /** Months as 'mei 2022' (long, default) or '05-2022'. */
  monthStyle?: MonthStyle;
  /** Text for a missing or suppressed cell (default empty). */
  empty?: string;
}

/** Format one cell for people. Numbers of a text column and strings of a number column pass through. */
export function formatCell(
  value: CellValue | string[] | undefined,
  column: Pick<TableColumn, 'type' | 'decimals'>,
  options: CellFormatOptions = {},
): string {
  if (value === null || value === undefined) return options.empty ?? '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  const type: ColumnType = column.type;
  if (typeof value === 'number') {
    switch (type) {
      case 'count':
        return column.decimals === undefined ? formatCount(value) : formatDecimal(value, column.decimals);
      case 'money_cent':
        return formatMoneyCent(value);
      case 'days':
        return formatDays(value, column.decimals ?? 1);
      case 'number':
        return formatDecimal(value, column.decimals ?? 2);
      case 'percent':
        return formatPercent(value, column.decimals ?? 1);
      default:
        return String(value);
    }
  }
  switch (type) {
    case 'date':
      return formatDate(value, options.dateStyle ?? 'short');
    case 'month':
      return formatMonth(value, options.monthStyle ?? 'long');
    case 'instant':
      return formatInstant(value, { style: options.dateStyle ?? 'short' });
    default:
      return value;
  }
}
