// One entry to read the tables in a file or a pasted text, whatever its format: the
// format follows the content first (zip containers, JSON, HTML, pipe tables, delimiters)
// and the file name only where content cannot tell (CSV versus text).
import { UnreadableTableError } from '../../errors';
import { readHtmlTables } from './html';
import { readJson } from './json';
import { readDocx, readOds, readOdt, readXlsx, unzipText } from './office';
import { readCsv, readMarkdown, readTextLines, readTsv } from './text';
import type { ReadTable } from './types';

export type { ReadCell, ReadTable, SourceFormat } from './types';

const decoder = new TextDecoder('utf-8');

function isZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function extension(fileName: string): string {
  const match = /\.([a-z0-9]+)$/i.exec(fileName);
  return match === null ? '' : (match[1] ?? '').toLowerCase();
}

function nonEmpty(tables: ReadTable[], source: string): ReadTable[] {
  const found = tables.filter((table) => table.rows.length > 0);
  if (found.length === 0) throw new UnreadableTableError(source, 'er staat geen tabel met rijen in', 'it holds no table with rows');
  return found;
}

/** The tables of a file (bytes as read) — DOCX, ODT, XLSX, ODS, HTML, Markdown, JSON, CSV, TSV or text lines. */
export function readTablesFromFile(bytes: Uint8Array, fileName: string): ReadTable[] {
  if (isZip(bytes)) {
    const files = unzipText(bytes, fileName);
    const mimetype = files.get('mimetype')?.trim();
    if (mimetype === 'application/vnd.oasis.opendocument.text') return nonEmpty(readOdt(bytes, fileName), fileName);
    if (mimetype === 'application/vnd.oasis.opendocument.spreadsheet') return nonEmpty(readOds(bytes, fileName), fileName);
    if (files.has('word/document.xml')) return nonEmpty(readDocx(bytes, fileName), fileName);
    if (files.has('xl/workbook.xml')) return nonEmpty(readXlsx(bytes, fileName), fileName);
    throw new UnreadableTableError(fileName, 'dit zip-bestand is geen DOCX, ODT, XLSX of ODS', 'this zip file is not DOCX, ODT, XLSX or ODS');
  }
  if (bytes.length > 8 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) {
    throw new UnreadableTableError(fileName, 'een PDF wordt niet rechtstreeks gelezen; kopieer de regels van de tabel en plak ze als tekst', 'a PDF is not read directly; copy the lines of the table and paste them as text');
  }
  return readTablesFromText(decoder.decode(bytes), fileName, extension(fileName));
}

/**
 * The tables of a text: pasted HTML (Word, Excel, a browser), TSV, CSV, Markdown, JSON or
 * lines copied from a PDF. `hint` is a file extension when there is one.
 */
export function readTablesFromText(text: string, source = 'de geplakte tekst', hint = ''): ReadTable[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new UnreadableTableError(source, 'de tekst is leeg', 'the text is empty');
  if (hint === 'json' || trimmed.startsWith('{') || (trimmed.startsWith('[') && trimmed.endsWith(']'))) return nonEmpty(readJson(trimmed, source), source);
  if (/<table[\s>]/i.test(trimmed)) return nonEmpty(readHtmlTables(trimmed), source);
  const lines = trimmed.split(/\r?\n/);
  if (lines.filter((line) => line.trim().startsWith('|')).length >= 2 || hint === 'md') return nonEmpty([readMarkdown(trimmed)], source);
  if (hint === 'csv') return nonEmpty([readCsv(trimmed)], source);
  if (hint === 'tsv' || hint === 'tab') return nonEmpty([readTsv(trimmed)], source);
  const tabbed = lines.filter((line) => line.includes('\t')).length;
  const semicolon = lines.filter((line) => line.includes(';')).length;
  // Excel and Word put tab-separated cells on the clipboard; a PDF's lines often have tabs too.
  if (tabbed >= 2) {
    const asTsv = readTsv(trimmed);
    const asLines = readTextLines(trimmed);
    return nonEmpty([asLines.rows.length > asTsv.rows.length ? asLines : asTsv.headers.length > 0 ? asTsv : asLines], source);
  }
  if (semicolon >= 2) return nonEmpty([readCsv(trimmed)], source);
  return nonEmpty([readTextLines(trimmed)], source);
}
