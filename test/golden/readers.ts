// Independent readers for exported files, used by the export tests: they unzip with
// fflate and parse XML with @xmldom/xmldom (not the code that wrote the files), and parse
// CSV, Markdown and HTML back into rows of cell texts.
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';

export function unzip(bytes: Uint8Array): Record<string, string> {
  const decoder = new TextDecoder();
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([path, data]) => [path, decoder.decode(data)]));
}

/** Name and compression method of the first local file header of a zip. */
export function firstZipEntry(bytes: Uint8Array): { name: string; method: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== 0x04034b50) throw new Error('not a zip local header');
  const method = view.getUint16(8, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  void extraLength;
  return { name: new TextDecoder().decode(bytes.subarray(30, 30 + nameLength)), method };
}

export function parseXml(text: string): Element {
  const errors: string[] = [];
  const document = new DOMParser({
    errorHandler: {
      error: (message: unknown) => errors.push(String(message)),
      fatalError: (message: unknown) => errors.push(String(message)),
    },
  }).parseFromString(text, 'text/xml');
  if (errors.length > 0) throw new Error(`XML does not parse: ${errors.join('; ')}`);
  // xmldom's nodes follow the DOM interfaces of lib.dom.
  return document.documentElement as Element;
}

export function elements(root: Element, name: string): Element[] {
  return Array.from(root.getElementsByTagName(name));
}

function textOf(node: Element, paragraphName: string): string {
  return elements(node, paragraphName).map((paragraph) => paragraph.textContent ?? '').join('\n');
}

/** DOCX: per table, rows of cell texts (w:tbl → w:tr → w:tc). */
export function docxTables(documentXml: string): string[][][] {
  return elements(parseXml(documentXml), 'w:tbl').map((table) =>
    elements(table, 'w:tr').map((row) => elements(row, 'w:tc').map((cell) => textOf(cell, 'w:t'))),
  );
}

/** DOCX: the texts of the body's paragraphs outside tables. */
export function docxParagraphs(documentXml: string): string[] {
  const body = elements(parseXml(documentXml), 'w:body')[0];
  if (body === undefined) return [];
  return Array.from(body.childNodes)
    .filter((node): node is Element => (node as Node).nodeName === 'w:p')
    .map((paragraph) => elements(paragraph, 'w:t').map((text) => text.textContent ?? '').join(''));
}

export interface OdfCell {
  text: string;
  type: string | null;
  value: string | null;
  dateValue: string | null;
  style: string | null;
}

/** ODS/ODT: per table:table, its name and rows of cells (repeated cells expanded). */
export function odfTables(contentXml: string): { name: string; rows: OdfCell[][] }[] {
  return elements(parseXml(contentXml), 'table:table').map((table) => ({
    name: table.getAttribute('table:name') ?? '',
    rows: elements(table, 'table:table-row').map((row) =>
      elements(row, 'table:table-cell').flatMap((cell) => {
        const repeat = Number(cell.getAttribute('table:number-columns-repeated') || '1');
        const read: OdfCell = {
          text: textOf(cell, 'text:p'),
          type: cell.getAttribute('office:value-type') || null,
          value: cell.getAttribute('office:value') || null,
          dateValue: cell.getAttribute('office:date-value') || null,
          style: cell.getAttribute('table:style-name') || null,
        };
        return Array.from({ length: repeat }, () => read);
      }),
    ),
  }));
}

/** ODT: the text:p paragraphs directly in office:text. */
export function odtParagraphs(contentXml: string): string[] {
  const text = elements(parseXml(contentXml), 'office:text')[0];
  if (text === undefined) return [];
  return Array.from(text.childNodes)
    .filter((node): node is Element => (node as Node).nodeName === 'text:p')
    .map((paragraph) => paragraph.textContent ?? '');
}

/** A CSV parser after RFC 4180 (quotes, doubled quotes, separators and line breaks in quotes). */
export function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
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
    } else if (character === '"') {
      quoted = true;
    } else if (character === separator) {
      row.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else {
      field += character;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

/** Markdown pipe table → rows of cell texts (header, then body; the alignment line dropped). */
export function parseMarkdownTable(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*:?-{3}/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/\\([|*_`\\])/g, '$1').replace(/^\*\*(.*)\*\*$/, '$1')),
    );
}

/** HTML table → rows of cell texts (th and td), entities decoded. */
export function parseHtmlTable(html: string): string[][] {
  const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return [...html.matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((cell) => decode(cell[1] ?? '')),
  );
}

/** A Dutch number text back to a number: '2.396' → 2396, '€ 9.500,50' → 9500.5. */
export function parseDutchNumber(text: string): number {
  return Number(text.replace(/[€%\s]/g, '').replace(/\./g, '').replace(',', '.'));
}
