// Readers for the office formats: DOCX (WordprocessingML tables), ODT and ODS
// (OpenDocument tables, typed values kept), XLSX (SpreadsheetML sheets with shared
// strings and date formats). Unzipped with fflate, parsed with the small tokenizer in
// ./markup, so they run in Node, a worker and the browser alike.
import { unzipSync } from 'fflate';
import { UnreadableTableError } from '../../errors';
import { childrenNamed, findAll, parseXmlTree, textContent, type XmlElement } from './markup';
import { cleanText, isCaption, stripCaptionNumber, type ReadCell, type ReadTable, type SourceFormat } from './types';

const decoder = new TextDecoder();

export function unzipText(bytes: Uint8Array, fileName: string): Map<string, string> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new UnreadableTableError(fileName, 'het zip-bestand is beschadigd', 'the zip file is damaged', { cause: error });
  }
  const texts = new Map<string, string>();
  for (const [path, data] of Object.entries(entries)) if (path.endsWith('.xml') || path === 'mimetype' || path.endsWith('.rels')) texts.set(path, decoder.decode(data));
  return texts;
}

function required(files: Map<string, string>, path: string, fileName: string): string {
  const text = files.get(path);
  if (text === undefined) throw new UnreadableTableError(fileName, `${path} ontbreekt`, `${path} is missing`);
  return text;
}

// ── DOCX ────────────────────────────────────────────────────────────────────────────

function wordText(element: XmlElement): string {
  return textContent(element, (child) => {
    if (child.name === 'w:tab' || child.name === 'w:br' || child.name === 'w:cr') return ' ';
    if (child.name === 'w:instrText' || child.name === 'w:delText' || child.name === 'w:rPr' || child.name === 'w:pPr') return '';
    return null;
  });
}

function wordParagraphs(element: XmlElement): string {
  const paragraphs = findAll(element, 'w:p');
  return (paragraphs.length === 0 ? [wordText(element)] : paragraphs.map(wordText)).join(' ');
}

export function readDocx(bytes: Uint8Array, fileName: string): ReadTable[] {
  const files = unzipText(bytes, fileName);
  const document = parseXmlTree(required(files, 'word/document.xml', fileName));
  const body = findAll(document, 'w:body')[0];
  if (body === undefined) return [];
  return readDocumentFlow(body, 'docx', {
    isTable: (element) => element.name === 'w:tbl',
    isParagraph: (element) => element.name === 'w:p',
    paragraphText: wordText,
    tableRows: (table) =>
      findAll(table, 'w:tr').map((row) =>
        childrenNamed(row, 'w:tc').flatMap((cell): ReadCell[] => {
          const span = Number(findAll(cell, 'w:gridSpan')[0]?.attributes['w:val'] ?? '1');
          return [{ text: cleanText(wordParagraphs(cell)) }, ...Array.from({ length: Math.max(0, (Number.isInteger(span) ? span : 1) - 1) }, () => ({ text: '' }))];
        }),
      ),
  });
}

// ── OpenDocument ───────────────────────────────────────────────────────────────────

function odfText(element: XmlElement): string {
  return textContent(element, (child) => {
    if (child.name === 'text:s') return ' '.repeat(Math.min(100, Number(child.attributes['text:c'] ?? '1') || 1));
    if (child.name === 'text:tab' || child.name === 'text:line-break') return ' ';
    if (child.name === 'office:annotation' || child.name === 'text:note') return '';
    return null;
  });
}

function odfCell(cell: XmlElement): ReadCell {
  const text = cleanText(findAll(cell, 'text:p').map(odfText).join(' '));
  const type = cell.attributes['office:value-type'];
  if (type === 'float' || type === 'currency' || type === 'percentage') {
    const value = Number(cell.attributes['office:value']);
    if (Number.isFinite(value)) return { text, value: type === 'percentage' ? value * 100 : value };
  }
  if (type === 'date') {
    const date = cell.attributes['office:date-value'] ?? '';
    if (/^\d{4}-\d{2}-\d{2}/.test(date)) return { text, value: date.length === 10 ? date : date };
  }
  if (type === 'boolean') return { text, value: cell.attributes['office:boolean-value'] === 'true' };
  return { text };
}

/** Rows of an ODF table, repeated cells and rows expanded (trailing empty repeats dropped). */
function odfRows(table: XmlElement): ReadCell[][] {
  const rows: ReadCell[][] = [];
  for (const row of findAll(table, 'table:table-row')) {
    const cells: ReadCell[] = [];
    for (const cell of row.children) {
      if (typeof cell === 'string' || (cell.name !== 'table:table-cell' && cell.name !== 'table:covered-table-cell')) continue;
      const read = cell.name === 'table:covered-table-cell' ? { text: '' } : odfCell(cell);
      const repeat = Math.min(1000, Number(cell.attributes['table:number-columns-repeated'] ?? '1') || 1);
      for (let index = 0; index < repeat; index++) cells.push(read);
    }
    while (cells.length > 0 && (cells[cells.length - 1]?.text ?? '') === '') cells.pop();
    const repeatRows = Math.min(cells.length === 0 ? 1 : 1000, Number(row.attributes['table:number-rows-repeated'] ?? '1') || 1);
    for (let index = 0; index < repeatRows; index++) rows.push(cells);
  }
  return rows;
}

export function readOdt(bytes: Uint8Array, fileName: string): ReadTable[] {
  const files = unzipText(bytes, fileName);
  const content = parseXmlTree(required(files, 'content.xml', fileName));
  const text = findAll(content, 'office:text')[0];
  if (text === undefined) return [];
  return readDocumentFlow(text, 'odt', {
    isTable: (element) => element.name === 'table:table',
    isParagraph: (element) => element.name === 'text:p' || element.name === 'text:h',
    paragraphText: odfText,
    tableRows: odfRows,
  });
}

export function readOds(bytes: Uint8Array, fileName: string): ReadTable[] {
  const files = unzipText(bytes, fileName);
  const content = parseXmlTree(required(files, 'content.xml', fileName));
  const sheets = findAll(content, 'table:table').map((table) => ({ name: table.attributes['table:name'] ?? '', rows: odfRows(table) }));
  return sheetsToTables('ods', sheets);
}

// ── XLSX ────────────────────────────────────────────────────────────────────────────

const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

function dateStyles(stylesXml: string | undefined): Set<number> {
  const dates = new Set<number>();
  if (stylesXml === undefined) return dates;
  const styles = parseXmlTree(stylesXml);
  const custom = new Map<number, string>();
  for (const format of findAll(styles, 'numFmt')) custom.set(Number(format.attributes.numFmtId), format.attributes.formatCode ?? '');
  const cellXfs = findAll(styles, 'cellXfs')[0];
  const xfs = cellXfs === undefined ? [] : childrenNamed(cellXfs, 'xf');
  xfs.forEach((xf, index) => {
    const id = Number(xf.attributes.numFmtId ?? '0');
    const code = (custom.get(id) ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
    if (BUILT_IN_DATE_FORMATS.has(id) || /[dy]/i.test(code)) dates.add(index);
  });
  return dates;
}

/** Excel's serial day (1900 system, with its phantom 29-02-1900) → ISO date. */
export function excelSerialToIso(serial: number): string {
  const epoch = Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

function columnIndex(reference: string): number {
  const letters = /^[A-Z]+/.exec(reference)?.[0] ?? 'A';
  let index = 0;
  for (const letter of letters) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

export function readXlsx(bytes: Uint8Array, fileName: string): ReadTable[] {
  const files = unzipText(bytes, fileName);
  const workbook = parseXmlTree(required(files, 'xl/workbook.xml', fileName));
  const relations = parseXmlTree(files.get('xl/_rels/workbook.xml.rels') ?? '<Relationships/>');
  const targets = new Map(findAll(relations, 'Relationship').map((relation) => [relation.attributes.Id ?? '', relation.attributes.Target ?? '']));
  const shared = findAll(parseXmlTree(files.get('xl/sharedStrings.xml') ?? '<sst/>'), 'si').map((item) =>
    findAll(item, 't').map((text) => textContent(text)).join(''),
  );
  const dates = dateStyles(files.get('xl/styles.xml'));
  const sheets = findAll(workbook, 'sheet').map((sheet) => {
    const target = (targets.get(sheet.attributes['r:id'] ?? '') ?? '').replace(/^\/?xl\//, '').replace(/^\//, '');
    const xml = files.get(`xl/${target}`) ?? '';
    const rows: ReadCell[][] = [];
    for (const row of findAll(parseXmlTree(xml), 'row')) {
      const rowIndex = Number(row.attributes.r ?? rows.length + 1) - 1;
      while (rows.length < rowIndex) rows.push([]);
      const cells: ReadCell[] = [];
      for (const cell of childrenNamed(row, 'c')) {
        const index = columnIndex(cell.attributes.r ?? '');
        while (cells.length < index) cells.push({ text: '' });
        const type = cell.attributes.t ?? 'n';
        const raw = textContent(childrenNamed(cell, 'v')[0] ?? { name: 'v', attributes: {}, children: [] });
        if (type === 's') cells.push({ text: cleanText(shared[Number(raw)] ?? '') });
        else if (type === 'inlineStr') cells.push({ text: cleanText(findAll(cell, 't').map((text) => textContent(text)).join('')) });
        else if (type === 'b') cells.push({ text: raw === '1' ? 'ja' : 'nee', value: raw === '1' });
        else if (type === 'str' || type === 'e') cells.push({ text: cleanText(raw) });
        else if (raw.trim() === '') cells.push({ text: '' });
        else {
          const number = Number(raw);
          if (dates.has(Number(cell.attributes.s ?? '0'))) {
            const iso = excelSerialToIso(number);
            cells.push({ text: iso, value: iso });
          } else cells.push({ text: raw, value: number });
        }
      }
      rows.push(cells);
    }
    return { name: sheet.attributes.name ?? '', rows };
  });
  return sheetsToTables('xlsx', sheets);
}

// ── shared layout logic ────────────────────────────────────────────────────────────

interface FlowReaders {
  isTable(element: XmlElement): boolean;
  isParagraph(element: XmlElement): boolean;
  paragraphText(element: XmlElement): string;
  tableRows(table: XmlElement): ReadCell[][];
}

/** A document: paragraphs and tables in order; each table takes the caption before it and the lines after it. */
function readDocumentFlow(body: XmlElement, format: SourceFormat, readers: FlowReaders): ReadTable[] {
  const tables: ReadTable[] = [];
  let paragraphs: string[] = [];
  const walk = (element: XmlElement) => {
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      if (readers.isTable(child)) {
        const rows = readers.tableRows(child).filter((row) => row.some((cell) => cell.text !== ''));
        const [header = [], ...body] = rows;
        const previous = tables[tables.length - 1];
        const caption = [...paragraphs].reverse().find(isCaption);
        if (previous !== undefined) previous.lines.push(...paragraphs.filter((line) => line !== caption));
        tables.push({
          format, title: caption === undefined ? null : stripCaptionNumber(caption), headers: header.map((cell) => cell.text), rows: body,
          lines: caption === undefined ? [] : [caption], decimal: ',',
        });
        paragraphs = [];
      } else if (readers.isParagraph(child)) {
        const text = cleanText(readers.paragraphText(child));
        if (text !== '') paragraphs.push(text);
      } else {
        walk(child); // sections, text:section, w:sdt …
      }
    }
  };
  walk(body);
  const last = tables[tables.length - 1];
  if (last !== undefined) last.lines.push(...paragraphs);
  return tables;
}

/**
 * A sheet laid out as ours or as people make them: lines of text (caption), then the
 * header (the first row with two or more filled cells), the body up to the first empty
 * row, then lines of text (Bron, notes, provenance). A contents sheet 'Inhoud' is skipped.
 */
function sheetsToTables(format: SourceFormat, sheets: { name: string; rows: ReadCell[][] }[]): ReadTable[] {
  const withTables = sheets.length > 1 ? sheets.filter((sheet) => sheet.name !== 'Inhoud') : sheets;
  const tables: ReadTable[] = [];
  for (const sheet of withTables) {
    const rows = sheet.rows.map((row) => {
      const cells = [...row];
      while (cells.length > 0 && (cells[cells.length - 1]?.text ?? '') === '') cells.pop();
      return cells;
    });
    const filled = (row: ReadCell[]) => row.filter((cell) => cell.text !== '').length;
    const headerIndex = rows.findIndex((row) => filled(row) >= 2);
    if (headerIndex === -1) continue;
    let end = headerIndex + 1;
    while (end < rows.length && filled(rows[end] ?? []) > 0) end++;
    const text = (row: ReadCell[]) => row.map((cell) => cell.text).filter((cell) => cell !== '').join(' ');
    const before = rows.slice(0, headerIndex).map(text).filter((line) => line !== '');
    const caption = [...before].reverse().find(isCaption);
    const width = (rows[headerIndex] ?? []).length;
    tables.push({
      format,
      title: caption === undefined ? null : stripCaptionNumber(caption),
      headers: (rows[headerIndex] ?? []).map((cell) => cell.text),
      rows: rows.slice(headerIndex + 1, end).map((row) => [...row, ...Array.from({ length: Math.max(0, width - row.length) }, () => ({ text: '' }))]),
      lines: [...before, ...rows.slice(end).map(text).filter((line) => line !== '')],
      decimal: ',',
    });
  }
  return tables;
}
