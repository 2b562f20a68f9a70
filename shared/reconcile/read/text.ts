// Readers for tables as plain text: CSV in both of our dialects (Dutch Excel: ';' and
// decimal comma; RFC 4180: ',' and decimal point), TSV as Excel and Word put it on the
// clipboard, Markdown pipe tables, and lines copied from a PDF of a letter, where the
// columns are separated by tabs or by runs of spaces and a header like "'22 /'23" may
// come apart.
import { cleanText, isCaption, stripCaptionNumber, titleFrom, type ReadCell, type ReadTable } from './types';

function cells(texts: readonly string[]): ReadCell[] {
  return texts.map((text) => ({ text: cleanText(text) }));
}

/** A delimited text after RFC 4180 (quotes, doubled quotes, separators and line breaks in quotes). */
export function parseDelimited(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') {
        quoted = false;
      } else {
        field += character;
      }
    } else if (character === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (character === separator) {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
    } else {
      field += character;
      fieldStarted = true;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((each) => each.some((cell) => cell.trim() !== ''));
}

/** Lines that are text around a table rather than rows of it (one cell, or a caption/Bron line). */
function splitAround(rows: string[][]): { before: string[]; table: string[][]; after: string[] } {
  const isTableRow = (row: string[]) => row.filter((cell) => cell.trim() !== '').length >= 2 && !isCaption(row[0] ?? '');
  const first = rows.findIndex(isTableRow);
  if (first === -1) return { before: rows.map((row) => row.join(' ')), table: [], after: [] };
  let last = first;
  while (last + 1 < rows.length && isTableRow(rows[last + 1] ?? [])) last++;
  return {
    before: rows.slice(0, first).map((row) => row.join(' ')),
    table: rows.slice(first, last + 1),
    after: rows.slice(last + 1).map((row) => row.join(' ')),
  };
}

function fromGrid(format: ReadTable['format'], grid: string[][], decimal: ',' | '.'): ReadTable {
  const { before, table, after } = splitAround(grid);
  const [header = [], ...body] = table;
  return {
    format,
    title: titleFrom(before),
    headers: header.map(cleanText),
    rows: body.map(cells),
    lines: [...before, ...after].map(cleanText).filter((line) => line !== ''),
    decimal,
  };
}

/** CSV: ';' → the Dutch dialect (decimal comma); ',' → RFC 4180 (decimal point). */
export function readCsv(text: string): ReadTable {
  const withoutBom = text.replace(/^\uFEFF/, '');
  const firstLine = withoutBom.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const semicolons = (firstLine.match(/;/g) ?? []).length;
  const commas = (firstLine.match(/,/g) ?? []).length;
  if (semicolons >= commas) return fromGrid('csv', parseDelimited(withoutBom, ';'), ',');
  return fromGrid('csv-rfc', parseDelimited(withoutBom, ','), '.');
}

/** TSV as spreadsheets and word processors put it on the clipboard. */
export function readTsv(text: string): ReadTable {
  return fromGrid('tsv', parseDelimited(text.replace(/^\uFEFF/, ''), '\t'), ',');
}

/** Markdown pipe table, with the lines around it (bold caption, Bron, notes, provenance). */
export function readMarkdown(text: string): ReadTable {
  const lines = text.split(/\r?\n/);
  const isPipe = (line: string) => line.trim().startsWith('|');
  const first = lines.findIndex(isPipe);
  let last = first;
  while (last + 1 < lines.length && isPipe(lines[last + 1] ?? '')) last++;
  const tableLines = lines.slice(first, last + 1).filter((line) => !/^\s*\|?\s*:?-{3,}/.test(line));
  const grid = tableLines.map((line) =>
    line
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replace(/\\([|*_`\\])/g, '$1').replace(/^\*\*(.*)\*\*$/, '$1').replace(/^_(.*)_$/, '$1')),
  );
  const before = lines.slice(0, Math.max(first, 0)).map((line) => line.replace(/\*\*/g, ''));
  const after = lines.slice(last + 1).map((line) => line.replace(/^_(.*)_$/, '$1'));
  const [header = [], ...body] = grid;
  return {
    format: 'md',
    title: titleFrom(before),
    headers: header.map(cleanText),
    rows: body.map(cells),
    lines: [...before, ...after].map(cleanText).filter((line) => line !== ''),
    decimal: ',',
  };
}

const DATE_START = /^\s*(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2})\b/;

/**
 * Lines of a table copied from a PDF (or typed): columns split on tabs when there are any,
 * else on runs of white space. The data rows decide the number of columns; header words
 * are joined to fit it: a piece starting with '/' joins the label before it ("'22 /'23"
 * → "'22/'23") and surplus words at the front make one first label ("Cohort Peildatum").
 */
export function readTextLines(text: string): ReadTable {
  const lines = text.split(/\r?\n/).map((line) => line.replace(/\u00a0/g, ' ')).filter((line) => line.trim() !== '');
  const split = (line: string) => (line.includes('\t') ? line.split('\t') : line.trim().split(/\s+/)).map((cell) => cell.trim()).filter((cell) => cell !== '');
  const looksLikeRow = (line: string) => {
    const parts = split(line);
    return parts.length >= 2 && (DATE_START.test(line) || parts.slice(1).every((part) => /^[<>]?[\d.,\-–%€x]+$|^x$|^\.$/i.test(part)));
  };
  const first = lines.findIndex(looksLikeRow);
  if (first === -1) return { format: 'text', title: titleFrom(lines), headers: [], rows: [], lines: lines.map(cleanText), decimal: ',' };
  let last = first;
  while (last + 1 < lines.length && looksLikeRow(lines[last + 1] ?? '')) last++;
  const body = lines.slice(first, last + 1).map(rowCells);
  const width = Math.max(...body.map((row) => row.length));
  const headerLine = first > 0 && !isCaption(lines[first - 1] ?? '') ? lines[first - 1] : undefined;
  const headers = headerLine === undefined ? [] : fitHeader(split(headerLine), width);
  const before = lines.slice(0, headerLine === undefined ? first : first - 1);
  return {
    format: 'text',
    title: titleFrom(before),
    headers,
    rows: body.map(cells),
    lines: [...before, ...lines.slice(last + 1)].map(cleanText),
    decimal: ',',
  };

  /** A data row: split, then a leading date with time ("03-01-2022 08:45") stays one cell. */
  function rowCells(line: string): string[] {
    const parts = split(line);
    if (!line.includes('\t') && parts.length > 1 && /^\d{1,2}:\d{2}$/.test(parts[1] ?? '')) {
      return [`${parts[0]} ${parts[1]}`, ...parts.slice(2)];
    }
    return parts;
  }
}

function fitHeader(words: string[], width: number): string[] {
  const joined: string[] = [];
  for (const word of words) {
    if (word.startsWith('/') && joined.length > 0) joined[joined.length - 1] = `${joined[joined.length - 1] ?? ''}${word}`;
    else if (joined.length > 0 && (joined[joined.length - 1] ?? '').endsWith('/')) joined[joined.length - 1] = `${joined[joined.length - 1] ?? ''}${word}`;
    else joined.push(word);
  }
  if (joined.length <= width) return joined;
  const surplus = joined.length - width;
  return [joined.slice(0, surplus + 1).join(' '), ...joined.slice(surplus + 1)];
}

/** Tabel caption text, if a line is one. */
export function captionTitle(line: string): string | null {
  return isCaption(line) ? stripCaptionNumber(line) : null;
}
