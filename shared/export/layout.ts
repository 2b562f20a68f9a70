// The published layout of tables-v1.md, computed once from a TableModel so that every
// exporter shows the same texts: caption "Tabel N: title", header labels, body and totals
// cells as Dutch text (with '<k' / 'x' for hidden cells), "Bron: …", notes and provenance.
import { describeParameters, formatCell, formatDate, formatInstant } from '../format';
import type { AuditReference, CellValue, TableColumn, TableModel, TableRow } from '../tables/model';
import { isNumericType } from '../tables/model';
import { ROW_TOTAL_KEY, secondaryKeys } from './disclosure';

export type CellKind = 'value' | 'empty' | 'suppressed' | 'label';

export interface PublishedCell {
  /** The text people see. */
  text: string;
  /** The exact model value (null when hidden or missing; the row label for 'label'). */
  value: CellValue;
  column: TableColumn;
  kind: CellKind;
  /** Numbers and hidden numbers are right-aligned, as in printed tables. */
  alignRight: boolean;
}

export interface PublishedTable {
  number: number;
  title: string;
  /** 'Tabel 1: ELIP …' */
  caption: string;
  columns: TableColumn[];
  headers: string[];
  body: PublishedCell[][];
  totals: PublishedCell[] | null;
  /** 'Bron: DUO' */
  sourceLine: string;
  notes: string[];
  /**
   * 'Ketenlens-snapshot c801c015dd18 · peildatum 15-09-2023 · doelgroep asielmigranten · …
   * · ketenlens 0.1.0 · gemaakt 23-11-2026 14:34': the parameters in words between them.
   */
  provenanceLine: string;
}

export const TOTALS_LABEL = 'Totaal';

/**
 * Text of a hidden cell: '<k' for a small count, 'x' for a cell hidden to protect others
 * and for a hidden total (a total shown as '<k' could give away the cells it sums).
 */
export function hiddenText(model: TableModel, row: TableRow, key: string): string {
  if (model.disclosure.method !== 'suppress') return 'x';
  const isTotal = row === model.totals || key === ROW_TOTAL_KEY;
  return isTotal || secondaryKeys(row).includes(key) ? 'x' : `<${model.disclosure.k}`;
}

function isHidden(row: TableRow, key: string): boolean {
  return row._suppressed?.includes(key) === true;
}

function cellValue(row: TableRow, key: string): CellValue {
  const value = row[key];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function publishedCell(model: TableModel, row: TableRow, column: TableColumn): PublishedCell {
  const alignRight = isNumericType(column.type);
  if (isHidden(row, column.key)) {
    return { text: hiddenText(model, row, column.key), value: null, column, kind: 'suppressed', alignRight };
  }
  const value = cellValue(row, column.key);
  if (value === null) return { text: '', value, column, kind: 'empty', alignRight };
  return { text: formatCell(value, column, { dateStyle: 'padded' }), value, column, kind: 'value', alignRight };
}

/** Rounded totals carry the '*' of the rounding note. */
function roundingMark(model: TableModel): string {
  return model.disclosure.method === 'round' ? '*' : '';
}

function headerText(model: TableModel, column: TableColumn): string {
  return column.key === ROW_TOTAL_KEY ? `${column.label}${roundingMark(model)}` : column.label;
}

function totalsRow(model: TableModel, totals: TableRow): PublishedCell[] {
  return model.columns.map((column, index) => {
    const cell = publishedCell(model, totals, column);
    if (index === 0 && cell.kind === 'empty') {
      const label = `${TOTALS_LABEL}${roundingMark(model)}`;
      return { text: label, value: label, column, kind: 'label', alignRight: false };
    }
    return cell;
  });
}

/** How an audit entry is named in a provenance line: 'auditregel 12 (3f2a9c01b7de)'. */
export function auditReferenceText(reference: AuditReference): string {
  return `auditregel ${reference.seq} (${reference.hash.slice(0, 12)})`;
}

/** The table's parameters in words (shared/format/parameters), without the peildatum the line already names. */
function parametersInWords(model: TableModel): string[] {
  const omit = model.parameters.peildatum === model.provenance.peildatum ? ['peildatum'] : [];
  const words = describeParameters(model.parameters, { dateStyle: 'padded', omit });
  return words === '' ? [] : [words];
}

export function provenanceLine(model: TableModel): string {
  const { snapshot_sha256: sha, peildatum, generator, created_at: createdAt, audit } = model.provenance;
  return [
    `Ketenlens-snapshot ${sha.slice(0, 12)}`,
    ...(audit === undefined ? [] : [auditReferenceText(audit)]),
    `peildatum ${formatDate(peildatum, 'padded')}`,
    ...parametersInWords(model),
    generator,
    `gemaakt ${formatInstant(createdAt, { style: 'padded' })}`,
  ].join(' · ');
}

export function publishedTable(model: TableModel, number = 1): PublishedTable {
  return {
    number,
    title: model.title,
    caption: `Tabel ${number}: ${model.title}`,
    columns: model.columns,
    headers: model.columns.map((column) => headerText(model, column)),
    body: model.rows.map((row) => model.columns.map((column) => publishedCell(model, row, column))),
    totals: model.totals === null ? null : totalsRow(model, model.totals),
    sourceLine: `Bron: ${model.source}`,
    notes: [...model.notes],
    provenanceLine: provenanceLine(model),
  };
}

/** All rows people see: body then totals. */
export function allRows(table: PublishedTable): PublishedCell[][] {
  return table.totals === null ? table.body : [...table.body, table.totals];
}

/**
 * Width of a column in characters: its longest cell text (cells do not wrap), and the
 * longest word of its header in documents (headers wrap between words, as in printed
 * tables) or the whole header in spreadsheets (their cells do not wrap).
 */
export function columnCharacters(table: PublishedTable, index: number, headerWraps = true): number {
  const header = table.headers[index] ?? '';
  const headerWords = (headerWraps ? header.split(/\s+/) : [header]).map((word) => word.length);
  const cells = allRows(table).map((row) => row[index]?.text.length ?? 0);
  return Math.max(3, ...headerWords, ...cells);
}

/**
 * The narrowest a column may become in a document: numbers never wrap; text wraps
 * between words (and after the commas of lists). Headers are left out: a long header
 * word may break rather than widen a column of short values.
 */
export function columnMinimumCharacters(table: PublishedTable, index: number): number {
  const column = table.columns[index];
  const texts = allRows(table).map((row) => row[index]?.text ?? '');
  const pieces = column !== undefined && isNumericType(column.type) ? texts : texts.flatMap((text) => text.split(/[\s,]+/));
  return Math.max(3, ...pieces.map((piece) => piece.length));
}

/**
 * Fit column widths into the available width: every column gets at least its minimum,
 * and the widest columns are narrowed to a common cap, so short columns (codes, counts)
 * keep their width and only long text wraps. When even the minimums do not fit, they
 * are scaled down together.
 */
export function fitWidths(natural: readonly number[], minimum: readonly number[], available: number): number[] {
  const floor = natural.map((width, index) => Math.min(width, minimum[index] ?? width));
  const widthsAt = (cap: number) => natural.map((width, index) => Math.max(floor[index] ?? 0, Math.min(width, cap)));
  const sum = (widths: number[]) => widths.reduce((total, width) => total + width, 0);
  if (sum([...natural]) <= available) return [...natural];
  const floorTotal = sum(floor);
  if (floorTotal >= available) return floor.map((width) => (width * available) / floorTotal);
  let low = 0;
  let high = Math.max(...natural);
  for (let step = 0; step < 50; step++) {
    const cap = (low + high) / 2;
    if (sum(widthsAt(cap)) > available) high = cap;
    else low = cap;
  }
  return widthsAt(low);
}
