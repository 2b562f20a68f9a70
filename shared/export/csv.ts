// CSV exports of a TableModel: the Dutch Excel dialect ('csv': semicolon, UTF-8 BOM,
// decimal comma, DD-MM-YYYY dates, CRLF) and RFC 4180 ('csv-rfc': comma, dot decimal,
// ISO dates, no BOM, CRLF). Data only: one header row of labels, the rows, the totals row.
import { formatInstant } from '../format';
import type { CellValue, TableColumn, TableModel, TableRow } from '../tables/model';
import { hiddenText, TOTALS_LABEL } from './layout';

export type CsvDialect = 'excel-nl' | 'rfc4180';

interface DialectRules {
  separator: string;
  bom: string;
  decimal: string;
  date(iso: string): string;
  instant(iso: string): string;
  boolean(value: boolean): string;
}

const DIALECTS: Record<CsvDialect, DialectRules> = {
  'excel-nl': {
    separator: ';',
    bom: '\uFEFF',
    decimal: ',',
    date: (iso) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3-$2-$1'),
    instant: (iso) => formatInstant(iso, { style: 'padded', seconds: true }),
    boolean: (value) => (value ? 'ja' : 'nee'),
  },
  rfc4180: {
    separator: ',',
    bom: '',
    decimal: '.',
    date: (iso) => iso,
    instant: (iso) => iso,
    boolean: (value) => (value ? 'true' : 'false'),
  },
};

function numberText(value: number, decimals: number | null, rules: DialectRules): string {
  const text = decimals === null ? String(value) : value.toFixed(decimals);
  return rules.decimal === '.' ? text : text.replace('.', rules.decimal);
}

function valueText(value: CellValue | string[] | undefined, column: TableColumn, rules: DialectRules): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return rules.boolean(value);
  if (typeof value === 'number') {
    switch (column.type) {
      case 'money_cent':
        // Euros with cents, so a spreadsheet sums them as amounts.
        return numberText(value / 100, 2, rules);
      case 'days':
      case 'percent':
        return numberText(value, column.decimals ?? 1, rules);
      case 'count':
      case 'number':
        return numberText(value, column.decimals ?? null, rules);
      default:
        return numberText(value, null, rules);
    }
  }
  if (column.type === 'date') return rules.date(value);
  if (column.type === 'instant') return rules.instant(value);
  // Excel runs text starting with = + - @ as a formula; a leading apostrophe keeps it text.
  if (rules.bom !== '' && /^[=+\-@]/.test(value)) return `'${value}`;
  return value;
}

function quoted(field: string, separator: string): string {
  return field.includes(separator) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

function rowFields(model: TableModel, row: TableRow, rules: DialectRules, isTotals: boolean): string[] {
  return model.columns.map((column, index) => {
    if (row._suppressed?.includes(column.key) === true) return hiddenText(model, row, column.key);
    const value = row[column.key];
    if (isTotals && index === 0 && (value === null || value === undefined)) return TOTALS_LABEL;
    return valueText(value, column, rules);
  });
}

export function exportCsv(model: TableModel, dialect: CsvDialect): string {
  const rules = DIALECTS[dialect];
  const lines = [
    model.columns.map((column) => column.label),
    ...model.rows.map((row) => rowFields(model, row, rules, false)),
    ...(model.totals === null ? [] : [rowFields(model, model.totals, rules, true)]),
  ];
  return rules.bom + lines.map((fields) => fields.map((field) => quoted(field, rules.separator)).join(rules.separator)).join('\r\n') + '\r\n';
}
