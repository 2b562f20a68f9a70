// What every table reader returns: a table as the user has it — its title, header texts,
// rows of cells, and the lines of text around it (caption, "Bron:", notes, provenance) —
// before any interpretation of the cells against a catalogue table.
import type { ExportFormat } from '../../export/formats';
import type { TableModel } from '../../tables/model';

/** What a table was read from: any export format, or tab-separated values or plain text. */
export type SourceFormat = ExportFormat | 'tsv' | 'text';

export interface ReadCell {
  /** The text as shown (spreadsheets: the typed value written out). */
  text: string;
  /**
   * A typed value when the file holds one: a spreadsheet number or date (ISO), or the
   * exact value of one of our JSON exports. Absent for text-only formats.
   */
  value?: number | string | boolean | null;
}

export interface ReadTable {
  format: SourceFormat;
  /** The title without "Tabel N:", when the file or the text around the table gives one. */
  title: string | null;
  headers: string[];
  rows: ReadCell[][];
  /** Lines of text around the table (caption, Bron, notes, provenance line), in order. */
  lines: string[];
  /** Decimal separator of plain numbers: ',' (Dutch, default) or '.' (RFC CSV, JSON). */
  decimal: ',' | '.';
  /** Column keys, when the file names them (our JSON exports). */
  keys?: string[];
  /** The whole model, when the file is one of our JSON exports. */
  model?: TableModel;
}

/** "Tabel 3: Openstaande …" → "Openstaande …"; other text unchanged (trimmed). */
export function stripCaptionNumber(text: string): string {
  return text.replace(/^\s*\**\s*tabel\s+[\w.-]+\s*[:.]\s*/i, '').replace(/\**\s*$/, '').trim();
}

/** Does this line look like a table caption ("Tabel 1: …")? */
export function isCaption(text: string): boolean {
  return /^\s*\**\s*tabel\s+[\w.-]+\s*[:.]/i.test(text);
}

/** Whitespace of all kinds (nbsp, narrow nbsp, tabs) to single spaces, trimmed. */
export function cleanText(text: string): string {
  return text.replace(/[\s\u00a0\u202f\u2007\u200b]+/g, ' ').replace(/\u00ad/g, '').trim();
}

/**
 * The title of a table from the lines before it: the last caption-like line, else the
 * nearest non-empty line that is not a "Bron:" line.
 */
export function titleFrom(candidates: readonly string[]): string | null {
  const cleaned = candidates.map(cleanText).filter((line) => line !== '');
  const caption = [...cleaned].reverse().find(isCaption);
  if (caption !== undefined) return stripCaptionNumber(caption);
  return null;
}
