// Reader for HTML tables: our own export, a web page, and HTML as Word, Excel and
// LibreOffice put it on the clipboard (mso- styles, <o:p>, &nbsp;, conditional comments,
// unquoted attributes, a CF_HTML "Version:0.9 StartHTML:…" preamble). Every table of the
// text is returned with the caption or the "Tabel N:" paragraph before it as title.
import { tokenize } from './markup';
import { cleanText, isCaption, stripCaptionNumber, type ReadCell, type ReadTable } from './types';

const BLOCKS = new Set(['p', 'div', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'caption', 'tr', 'table']);

interface Building {
  caption: string;
  rows: ReadCell[][];
  headerRows: number;
  row: ReadCell[] | null;
  cell: { text: string; span: number } | null;
  rowIsHeader: boolean;
  inCaption: boolean;
  before: string[];
}

export function readHtmlTables(html: string): ReadTable[] {
  const start = html.indexOf('<');
  const tokens = tokenize(start > 0 ? html.slice(start) : html, { html: true });
  const tables: ReadTable[] = [];
  let paragraph = '';
  let current: Building | null = null;
  let depth = 0;
  let sinceTable: string[] = [];

  const flushParagraph = () => {
    const text = cleanText(paragraph);
    if (text !== '') {
      sinceTable.push(text);
    }
    paragraph = '';
  };
  const closeCell = () => {
    if (current?.cell != null && current.row !== null) {
      current.row.push({ text: cleanText(current.cell.text) });
      for (let extra = 1; extra < current.cell.span; extra++) current.row.push({ text: '' });
    }
    if (current !== null) current.cell = null;
  };
  const closeRow = () => {
    closeCell();
    if (current?.row != null) {
      if (current.row.length > 0) {
        current.rows.push(current.row);
        if (current.rowIsHeader && current.rows.length - 1 === current.headerRows) current.headerRows++;
      }
      current.row = null;
    }
  };

  for (const token of tokens) {
    if (token.kind === 'text') {
      if (current?.cell != null) current.cell.text += token.text;
      else if (current?.inCaption === true) current.caption += token.text;
      else if (current === null) paragraph += token.text;
      continue;
    }
    const { name } = token;
    if (name === 'table') {
      if (token.kind === 'open' && !token.selfClosing) {
        depth++;
        if (depth > 1) continue; // a table in a cell: its text joins the cell
        flushParagraph();
        current = { caption: '', rows: [], headerRows: 0, row: null, cell: null, rowIsHeader: false, inCaption: false, before: sinceTable };
        sinceTable = [];
      } else if (token.kind === 'close') {
        depth = Math.max(0, depth - 1);
        if (depth > 0 || current === null) continue;
        closeRow();
        tables.push(finish(current));
        current = null;
      }
      continue;
    }
    if (current === null) {
      if (BLOCKS.has(name)) flushParagraph();
      continue;
    }
    if (depth > 1) {
      if (current.cell !== null && BLOCKS.has(name)) current.cell.text += ' ';
      continue;
    }
    if (name === 'caption') current.inCaption = token.kind === 'open';
    else if (name === 'tr') {
      closeRow();
      if (token.kind === 'open') {
        current.row = [];
        current.rowIsHeader = true;
      }
    } else if (name === 'td' || name === 'th') {
      closeCell();
      if (token.kind === 'open') {
        current.row ??= [];
        if (name === 'td') current.rowIsHeader = false;
        const span = Number(token.attributes.colspan ?? '1');
        current.cell = { text: '', span: Number.isInteger(span) && span > 1 && span < 1000 ? span : 1 };
      }
    } else if (name === 'thead' && token.kind === 'close') {
      closeRow();
      current.headerRows = Math.max(current.headerRows, current.rows.length);
    } else if (current.cell !== null && BLOCKS.has(name) && token.kind === 'open') {
      current.cell.text += ' ';
    }
  }
  flushParagraph();
  if (current !== null) {
    closeRow();
    tables.push(finish(current));
  }
  // Lines after the last table (Bron, notes, provenance) belong to it.
  const last = tables[tables.length - 1];
  if (last !== undefined) last.lines.push(...sinceTable);
  return tables.filter((table) => table.headers.length > 0 || table.rows.length > 0);

  function finish(building: Building): ReadTable {
    // Without <th>/<thead> (Word, Excel), the first row is the header.
    const headerCount = Math.max(1, building.headerRows);
    const headerRows = building.rows.slice(0, headerCount);
    const headers = (headerRows[headerRows.length - 1] ?? []).map((cell) => cell.text);
    const caption = cleanText(building.caption);
    const beforeCaption = [...building.before].reverse().find(isCaption);
    const title = caption !== '' ? stripCaptionNumber(caption) : beforeCaption === undefined ? null : stripCaptionNumber(beforeCaption);
    return {
      format: 'html',
      title,
      headers,
      rows: building.rows.slice(headerCount),
      lines: [...(caption === '' ? [] : [caption]), ...building.before.slice(-3)],
      decimal: ',',
    };
  }
}
