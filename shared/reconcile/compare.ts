// The comparison of a published table with the same table computed from a snapshot, cell
// by cell, and the internal consistency of the published table (every Totaal against the
// sum of its cells). Two modes: `reconcile` compares with the exact data and accepts what
// published rounding or suppression explains; `verify` compares with the table as our
// export made it (disclosure applied) and accepts only the same cell.
import { formatCell } from '../format';
import { hiddenText } from '../export/layout';
import { ROW_TOTAL_KEY } from '../export/disclosure';
import type { CellValue, TableColumn, TableModel, TableRow } from '../tables/model';
import { isNumericType } from '../tables/model';
import type { ReadCell, ReadTable } from './read/types';
import { cleanText } from './read/types';
import { headerLabel } from './match';
import { cellDate, interpretNumeric, normalizeText, parseMonth, protectionMarker, type Published } from './values';

export type CellStatus = 'equal' | 'different' | 'rounded' | 'suppressed' | 'hidden';

export interface SumCheck {
  /** The sum of the published cells (the lowest possible when some are '<k'). */
  sum: number;
  /** How many cells were summed, and whether some were '<k' (then the sum is a range). */
  cells: number;
  consistent: boolean;
}

export interface CellCheck {
  row: number;
  column: number;
  rowLabel: string;
  columnLabel: string;
  columnKey: string | null;
  published: string;
  /** What the data gives (exact in reconcile mode, as exported in verify mode); null when none. */
  expected: CellValue;
  /** The expected value as published text (Dutch), or the marker ('<10', 'x'). */
  expectedText: string;
  status: CellStatus;
  /** Published minus data, when both are numbers and they differ. */
  difference: number | null;
  base?: 5 | 10;
  k?: number;
  /** For a Totaal (column or totals row): its published cells added up. */
  sumOfCells?: SumCheck;
}

export interface Problem {
  kind: 'cell' | 'row-published-only' | 'row-data-only' | 'column-published-only' | 'column-data-only';
  rowLabel: string;
  columnLabel: string;
  /** The cell, for kind 'cell'. */
  cell?: CellCheck;
}

export interface Protection {
  roundBase: 5 | 10 | null;
  k: number | null;
}

export interface Comparison {
  mode: 'reconcile' | 'verify';
  headers: string[];
  /** Per published row (body, then a totals row if published), per published column. */
  cells: CellCheck[][];
  protection: Protection;
  problems: Problem[];
  counts: Record<CellStatus, number>;
  /** Totals checked against their cells, and how many did not add up. */
  totalsChecked: number;
  totalsInconsistent: number;
}

export interface CompareOptions {
  mode: 'reconcile' | 'verify';
  /** Known protection (from provenance or an option); else inferred from the published cells. */
  protection?: Protection;
}

const TOTALS_LABEL = 'totaal';

function decimalsOf(text: string): number {
  const match = /[.,](\d+)\s*%?$/.exec(cleanText(text).replace(/\s/g, ''));
  return match === null ? 0 : (match[1] ?? '').length;
}

function roundHalfUp(value: number, base: number): number {
  return Math.floor(value / base + 0.5) * base;
}

/** Map each published column to a model column: by key (JSON), by label, the first by position. */
function mapColumns(read: ReadTable, model: TableModel): (TableColumn | null)[] {
  const used = new Set<string>();
  return read.headers.map((header, index) => {
    const byKey = read.keys?.[index] === undefined ? undefined : model.columns.find((column) => column.key === read.keys?.[index]);
    const label = headerLabel(header);
    const byLabel = model.columns.find((column) => !used.has(column.key) && headerLabel(column.label) === label);
    const found = byKey ?? byLabel ?? (index === 0 && model.columns[0] !== undefined && !used.has(model.columns[0].key) && !isNumericType(model.columns[0].type) ? model.columns[0] : undefined);
    if (found === undefined) return null;
    used.add(found.key);
    return found;
  });
}

/** A cell of a key or text column in one canonical spelling. */
function canonicalPublished(cell: ReadCell, column: TableColumn): string {
  if (column.type === 'date') return cellDate(cell) ?? normalizeText(cell.text);
  if (column.type === 'month') return (typeof cell.value === 'string' ? cell.value.slice(0, 7) : null) ?? parseMonth(cell.text) ?? normalizeText(cell.text);
  if (column.type === 'boolean') {
    if (typeof cell.value === 'boolean') return String(cell.value);
    const text = normalizeText(cell.text);
    return text === 'ja' || text === 'true' ? 'true' : text === 'nee' || text === 'false' ? 'false' : text;
  }
  if (isNumericType(column.type)) {
    const parsed = interpretNumeric(cell, column.type, ',', true);
    return parsed.kind === 'number' ? String(parsed.value) : normalizeText(cell.text);
  }
  return normalizeText(cell.value === undefined || cell.value === null ? cell.text : String(cell.value));
}

function canonicalModel(value: CellValue | string[] | undefined, column: TableColumn): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return normalizeText(value.join(','));
  if (column.type === 'boolean') return String(value);
  if (typeof value === 'number') return String(value);
  return column.type === 'date' || column.type === 'month' ? String(value) : normalizeText(String(value));
}

function textMatches(cell: ReadCell, value: CellValue | string[] | undefined, column: TableColumn): boolean {
  if (canonicalPublished(cell, column) === canonicalModel(value, column)) return true;
  const published = normalizeText(cell.text);
  if (value === null || value === undefined) return published === '';
  const spellings = [
    formatCell(value, column, { dateStyle: 'padded' }),
    formatCell(value, column, { dateStyle: 'short' }),
    formatCell(value, column, { monthStyle: 'numeric' }),
    Array.isArray(value) ? value.join(',') : String(value),
  ].map(normalizeText);
  return spellings.includes(published) || spellings.includes(published.replace(/,\s+/g, ','));
}

/** The expected cell in verify mode: the model's value, or the marker its disclosure shows. */
function expectedPublished(model: TableModel, row: TableRow, column: TableColumn): Published {
  if (row._suppressed?.includes(column.key) === true) {
    return protectionMarker(hiddenText(model, row, column.key)) ?? { kind: 'hidden' };
  }
  const value = row[column.key];
  if (typeof value === 'number') return { kind: 'number', value };
  if (value === null || value === undefined) return { kind: 'empty' };
  return { kind: 'text', text: String(value) };
}

function numbersEqual(published: number, expected: number, text: string, typed: boolean): boolean {
  if (published === expected) return true;
  const tolerance = typed ? 1e-9 * Math.max(1, Math.abs(expected)) : 0.5 * 10 ** -decimalsOf(text) + 1e-9;
  return Math.abs(published - expected) <= tolerance;
}

function inferProtection(read: ReadTable, columns: (TableColumn | null)[], bodyRows: number): Protection {
  let k: number | null = null;
  const values: number[] = [];
  read.rows.slice(0, bodyRows).forEach((row) =>
    row.forEach((cell, index) => {
      const column = columns[index];
      if (column?.type !== 'count') return;
      const parsed = interpretNumeric(cell, column.type, read.decimal);
      if (parsed.kind === 'below') k = parsed.k;
      if (parsed.kind === 'number' && parsed.value !== 0) values.push(parsed.value);
    }),
  );
  const roundBase = values.length >= 3 && values.every((value) => value % 10 === 0) ? 10 : values.length >= 3 && values.every((value) => value % 5 === 0) ? 5 : null;
  return { roundBase, k };
}

function isTotalsRow(row: readonly ReadCell[]): boolean {
  return headerLabel(row[0]?.text ?? '') === TOTALS_LABEL;
}

/** Columns whose values name a row: the fewest leading non-numeric columns that make the data's rows unique. */
function keyColumns(model: TableModel, published: (TableColumn | null)[]): TableColumn[] {
  const candidates = model.columns.filter((column) => !isNumericType(column.type) && published.some((each) => each?.key === column.key));
  const keys: TableColumn[] = [];
  for (const column of candidates) {
    keys.push(column);
    const seen = new Set(model.rows.map((row) => keys.map((key) => canonicalModel(row[key.key], key)).join('\u0000')));
    if (seen.size === model.rows.length) break;
  }
  return keys;
}

export function compareTable(read: ReadTable, model: TableModel, options: CompareOptions): Comparison {
  const columns = mapColumns(read, model);
  const keys = keyColumns(model, columns);
  const typed = read.format === 'json';
  const totalsIndex = read.rows.findIndex((row, index) => index > 0 && isTotalsRow(row));
  const bodyCount = totalsIndex === -1 ? read.rows.length : totalsIndex;
  const protection = options.protection ?? inferProtection(read, columns, bodyCount);

  const modelKey = (row: TableRow) => keys.map((key) => canonicalModel(row[key.key], key)).join('\u0000');
  const publishedKey = (row: readonly ReadCell[]) =>
    keys.map((key) => {
      const index = columns.findIndex((column) => column?.key === key.key);
      const cell = row[index];
      return cell === undefined ? '' : canonicalPublished(cell, key);
    }).join('\u0000');

  const modelRows = new Map<string, TableRow>();
  for (const row of model.rows) modelRows.set(modelKey(row), row);
  const computedTotals: TableRow = model.totals ?? sumsOf(model);
  const matchedKeys = new Set<string>();
  const problems: Problem[] = [];

  const cells: CellCheck[][] = read.rows.map((row, rowIndex) => {
    const isTotals = rowIndex === totalsIndex;
    const key = isTotals ? null : publishedKey(row);
    const dataRow = isTotals ? computedTotals : (key === null ? undefined : modelRows.get(key));
    if (key !== null && dataRow !== undefined) matchedKeys.add(key);
    const rowLabel = row.slice(0, Math.max(1, keys.length)).map((cell) => cell.text).join(' ');
    if (dataRow === undefined) problems.push({ kind: 'row-published-only', rowLabel, columnLabel: '' });
    return read.headers.map((header, columnIndex) => {
      const cell = row[columnIndex] ?? { text: '' };
      const column = columns[columnIndex] ?? null;
      const base: CellCheck = {
        row: rowIndex, column: columnIndex, rowLabel, columnLabel: header, columnKey: column?.key ?? null,
        published: cell.text, expected: null, expectedText: '', status: 'equal', difference: null,
      };
      if (column === null || dataRow === undefined) return base;
      if (isTotals && columnIndex === 0) return base;
      const raw = dataRow[column.key];
      const expected: CellValue = Array.isArray(raw) ? raw.join(', ') : (raw ?? null);
      const check: CellCheck = { ...base, expected, expectedText: expected === null ? '' : formatCell(expected, column, { dateStyle: 'padded' }) };
      if (!isNumericType(column.type)) {
        const marker = protectionMarker(cell.text);
        if (marker !== null && dataRow._suppressed?.includes(column.key) !== true) return { ...check, status: 'hidden' };
        return textMatches(cell, raw, column) ? check : { ...check, status: 'different' };
      }
      const published = interpretNumeric(cell, column.type, read.decimal, typed);
      return options.mode === 'verify'
        ? verifyCell(check, published, expectedPublished(model, dataRow, column), cell, typed)
        : reconcileCell(check, published, typeof expected === 'number' ? expected : null, cell, typed, protection);
    });
  });

  for (const row of model.rows) {
    const key = modelKey(row);
    if (matchedKeys.has(key)) continue;
    const hasValue = model.columns.some((column) => column.type === 'count' && typeof row[column.key] === 'number' && row[column.key] !== 0);
    if (hasValue) problems.push({ kind: 'row-data-only', rowLabel: keys.map((column) => formatCell(row[column.key] ?? null, column, { dateStyle: 'padded' })).join(' '), columnLabel: '' });
  }
  read.headers.forEach((header, index) => {
    if (columns[index] === null) problems.push({ kind: 'column-published-only', rowLabel: '', columnLabel: header });
  });
  for (const column of model.columns) {
    if (columns.some((each) => each?.key === column.key)) continue;
    const hasValue = model.rows.some((row) => row[column.key] !== null && row[column.key] !== undefined && row[column.key] !== 0);
    if (hasValue) problems.push({ kind: 'column-data-only', rowLabel: '', columnLabel: column.label });
  }

  let totalsChecked = 0;
  let totalsInconsistent = 0;
  if (options.mode === 'reconcile') {
    const checked = checkTotals(read, columns, cells, bodyCount, totalsIndex, protection);
    totalsChecked = checked.checked;
    totalsInconsistent = checked.inconsistent;
  }
  for (const row of cells) {
    for (const cell of row) {
      if (cell.status === 'different' || cell.sumOfCells?.consistent === false) {
        problems.push({ kind: 'cell', rowLabel: cell.rowLabel, columnLabel: cell.columnLabel, cell });
      }
    }
  }
  const counts: Record<CellStatus, number> = { equal: 0, different: 0, rounded: 0, suppressed: 0, hidden: 0 };
  for (const row of cells) for (const cell of row) if (cell.columnKey !== null) counts[cell.status]++;
  return { mode: options.mode, headers: [...read.headers], cells, protection, problems, counts, totalsChecked, totalsInconsistent };
}

function sumsOf(model: TableModel): TableRow {
  const totals: TableRow = {};
  for (const column of model.columns) {
    if (column.type !== 'count') continue;
    totals[column.key] = model.rows.reduce((sum, row) => sum + (typeof row[column.key] === 'number' ? (row[column.key] as number) : 0), 0); // narrowed by the typeof
  }
  return totals;
}

function reconcileCell(check: CellCheck, published: Published, expected: number | null, cell: ReadCell, typed: boolean, protection: Protection): CellCheck {
  switch (published.kind) {
    case 'number':
      if (expected === null) return { ...check, status: 'different' };
      if (numbersEqual(published.value, expected, cell.text, typed || cell.value !== undefined)) return check;
      if (protection.roundBase !== null && published.value % protection.roundBase === 0 && roundHalfUp(expected, protection.roundBase) === published.value) {
        return { ...check, status: 'rounded', base: protection.roundBase };
      }
      return { ...check, status: 'different', difference: published.value - expected };
    case 'below':
      return expected !== null && expected >= 1 && expected <= published.k - 1 ? { ...check, status: 'suppressed', k: published.k } : { ...check, status: 'different', k: published.k };
    case 'hidden':
      return { ...check, status: 'hidden' };
    case 'empty':
      return expected === null ? check : { ...check, status: 'different' };
    default:
      return { ...check, status: 'different' };
  }
}

function verifyCell(check: CellCheck, published: Published, expected: Published, cell: ReadCell, typed: boolean): CellCheck {
  const expectedText = expected.kind === 'below' ? `<${expected.k}` : expected.kind === 'hidden' ? 'x' : check.expectedText;
  const withText = { ...check, expectedText };
  if (published.kind === 'number' && expected.kind === 'number') {
    return numbersEqual(published.value, expected.value, cell.text, typed || cell.value !== undefined)
      ? withText
      : { ...withText, status: 'different', difference: published.value - expected.value };
  }
  if (published.kind === 'below' && expected.kind === 'below' && published.k === expected.k) return { ...withText, status: 'suppressed', k: published.k };
  if (published.kind === 'hidden' && expected.kind === 'hidden') return { ...withText, status: 'hidden' };
  // Our JSON export writes a hidden cell as null: the model's marker says which.
  if (typed && published.kind === 'empty' && (expected.kind === 'below' || expected.kind === 'hidden')) return { ...withText, status: expected.kind === 'below' ? 'suppressed' : 'hidden' };
  if (published.kind === 'empty' && expected.kind === 'empty') return withText;
  return { ...withText, status: 'different' };
}

/** A published cell's contribution to a sum: a number, a range for '<k', or unknown. */
function contribution(cell: ReadCell | undefined, column: TableColumn, decimal: ',' | '.'): { min: number; max: number } | null {
  if (cell === undefined) return { min: 0, max: 0 };
  const parsed = interpretNumeric(cell, column.type, decimal);
  if (parsed.kind === 'number') return { min: parsed.value, max: parsed.value };
  if (parsed.kind === 'below') return { min: 1, max: parsed.k - 1 };
  if (parsed.kind === 'empty') return { min: 0, max: 0 };
  return null;
}

function checkSum(total: CellCheck, parts: ({ min: number; max: number } | null)[], totalCell: ReadCell, column: TableColumn, decimal: ',' | '.', protection: Protection): boolean | null {
  const published = interpretNumeric(totalCell, column.type, decimal);
  if (published.kind !== 'number' || parts.some((part) => part === null)) return null;
  const known = parts.filter((part): part is { min: number; max: number } => part !== null);
  const min = known.reduce((sum, part) => sum + part.min, 0);
  const max = known.reduce((sum, part) => sum + part.max, 0);
  // Rounded cells and a total rounded from its exact value may each be off by half the base.
  const slack = protection.roundBase === null ? 0 : ((known.length + 1) * protection.roundBase) / 2;
  const consistent = published.value >= min - slack && published.value <= max + slack;
  total.sumOfCells = { sum: min, cells: known.length, consistent };
  return consistent;
}

function checkTotals(read: ReadTable, columns: (TableColumn | null)[], cells: CellCheck[][], bodyCount: number, totalsIndex: number, protection: Protection): { checked: number; inconsistent: number } {
  let checked = 0;
  let inconsistent = 0;
  const count = (result: boolean | null) => {
    if (result === null) return;
    checked++;
    if (!result) inconsistent++;
  };
  const totalColumn = columns.findIndex((column, index) => column?.key === ROW_TOTAL_KEY || headerLabel(read.headers[index] ?? '') === TOTALS_LABEL);
  const summands = columns
    .map((column, index) => ({ column, index }))
    .filter((each): each is { column: TableColumn; index: number } => each.column !== null && each.column.type === 'count' && each.index !== totalColumn);
  if (totalColumn !== -1 && summands.length > 0) {
    const totalType = columns[totalColumn] ?? { key: ROW_TOTAL_KEY, label: 'Totaal', type: 'count' as const };
    read.rows.forEach((row, rowIndex) => {
      const target = cells[rowIndex]?.[totalColumn];
      const totalCell = row[totalColumn];
      if (target === undefined || totalCell === undefined) return;
      count(checkSum(target, summands.map(({ column, index }) => contribution(row[index], column, read.decimal)), totalCell, totalType, read.decimal, protection));
    });
  }
  if (totalsIndex !== -1) {
    const totalsRow = read.rows[totalsIndex] ?? [];
    columns.forEach((column, index) => {
      if (column === null || column.type !== 'count') return;
      const target = cells[totalsIndex]?.[index];
      const totalCell = totalsRow[index];
      if (target === undefined || totalCell === undefined || index === totalColumn) return;
      const parts = read.rows.slice(0, bodyCount).map((row) => contribution(row[index], column, read.decimal));
      count(checkSum(target, parts, totalCell, column, read.decimal, protection));
    });
  }
  return { checked, inconsistent };
}
