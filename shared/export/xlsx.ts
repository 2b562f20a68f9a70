// XLSX export (exceljs): a sheet per table in the published layout — caption row, frozen
// header row, real numbers and dates with display formats, totals, then Bron, notes and
// provenance — plus the contents sheet 'Inhoud' for a bijlage. Excel shows the thousands
// separator of the reader's locale for '#,##0' (a '.' in Dutch Excel), which is why the
// formats are written in Excel's locale-neutral syntax.
// exceljs (with its zip and stream libraries) is loaded when the first workbook is made,
// not at start-up: it costs every command line process ~0.2 s otherwise
// (docs/PERFORMANCE.md, start-up).
import type ExcelJS from 'exceljs';
import type { TableModel } from '../tables/model';
import { isNumericType } from '../tables/model';
import { sheetValue, type DateStyleName, type NumberStyle } from './cell-values';
import { columnCharacters, publishedTable, type PublishedCell, type PublishedTable } from './layout';
import { CONTENTS_SHEET, sheetName, type ContentsEntry } from './opendocument';
import { normalizeZip } from './zip';

export const EXCEL_FORMATS: Record<NumberStyle | DateStyleName, string> = {
  count: '#,##0',
  decimal1: '#,##0.0',
  decimal2: '#,##0.00',
  euro: '"€" #,##0',
  'euro-cents': '"€" #,##0.00',
  percent1: '0.0%',
  percent2: '0.00%',
  date: 'dd-mm-yyyy',
  month: 'mmmm yyyy',
  datetime: 'dd-mm-yyyy hh:mm',
};

const FONT = 'Verdana';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };

/** An ISO date (or local date-time) as the Date exceljs turns into an Excel serial (it reads UTC). */
function excelDate(iso: string): Date {
  const [date = '', time = '00:00:00'] = iso.split('T');
  return new Date(`${date}T${time}Z`);
}

function writeCell(target: ExcelJS.Cell, cell: PublishedCell, bold: boolean): void {
  const stored = sheetValue(cell);
  if (stored.kind === 'number') {
    target.value = stored.value;
    target.numFmt = EXCEL_FORMATS[stored.style];
  } else if (stored.kind === 'date') {
    target.value = excelDate(stored.iso);
    target.numFmt = EXCEL_FORMATS[stored.style];
  } else if (stored.text !== '') {
    target.value = stored.text;
  }
  target.font = { name: FONT, size: 9, bold };
  target.alignment = { horizontal: cell.alignRight ? 'right' : 'left' };
}

function columnWidth(table: PublishedTable, index: number): number {
  return Math.min(40, Math.max(6, columnCharacters(table, index, false) + 2));
}

function addTableSheet(workbook: ExcelJS.Workbook, table: PublishedTable): void {
  const worksheet = workbook.addWorksheet(sheetName(table.number), {
    // The caption and header stay in view while scrolling.
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  worksheet.columns = table.columns.map((_, index) => ({ width: columnWidth(table, index) }));
  const caption = worksheet.getCell(1, 1);
  caption.value = table.caption;
  caption.font = { name: FONT, size: 10, bold: true };
  table.headers.forEach((label, index) => {
    const cell = worksheet.getCell(2, index + 1);
    cell.value = label;
    cell.font = { name: FONT, size: 9, bold: true };
    cell.border = { bottom: THIN };
    cell.alignment = { horizontal: isNumericType(table.columns[index]?.type ?? 'text') ? 'right' : 'left' };
  });
  let rowNumber = 3;
  for (const cells of table.body) {
    cells.forEach((cell, index) => writeCell(worksheet.getCell(rowNumber, index + 1), cell, false));
    rowNumber++;
  }
  if (table.totals !== null) {
    table.totals.forEach((cell, index) => {
      const target = worksheet.getCell(rowNumber, index + 1);
      writeCell(target, cell, true);
      target.border = { top: THIN };
    });
    rowNumber++;
  }
  rowNumber++;
  const textLine = (text: string, size: number, color?: string) => {
    const cell = worksheet.getCell(rowNumber, 1);
    cell.value = text;
    cell.font = color === undefined ? { name: FONT, size } : { name: FONT, size, color: { argb: color } };
    rowNumber++;
  };
  textLine(table.sourceLine, 9);
  for (const note of table.notes) textLine(note, 8);
  textLine(table.provenanceLine, 7, 'FF595959');
}

function addContentsSheet(workbook: ExcelJS.Workbook, entries: ContentsEntry[]): void {
  const worksheet = workbook.addWorksheet(CONTENTS_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  worksheet.columns = [{ width: 8 }, { width: 70 }, { width: 12 }];
  const caption = worksheet.getCell(1, 1);
  caption.value = 'Inhoud';
  caption.font = { name: FONT, size: 10, bold: true };
  ['Nummer', 'Titel', 'Blad'].forEach((label, index) => {
    const cell = worksheet.getCell(2, index + 1);
    cell.value = label;
    cell.font = { name: FONT, size: 9, bold: true };
    cell.border = { bottom: THIN };
  });
  entries.forEach((entry, index) => {
    const row = index + 3;
    worksheet.getCell(row, 1).value = entry.number;
    // A link to the sheet, so the contents work as a table of contents.
    worksheet.getCell(row, 2).value = { text: entry.title, hyperlink: `#'${entry.sheetName}'!A1` };
    worksheet.getCell(row, 3).value = entry.sheetName;
    for (let column = 1; column <= 3; column++) worksheet.getCell(row, column).font = { name: FONT, size: 9 };
  });
}

export interface XlsxOptions {
  firstNumber?: number;
  contents?: boolean;
  title?: string;
}

/** Dates exceljs stamps into docProps/core.xml; pinned to provenance.created_at for stable bytes. */
function pinDates(xml: string, createdAt: string): string {
  return xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${createdAt}$2`);
}

export async function exportXlsx(models: readonly TableModel[], options: XlsxOptions = {}): Promise<Uint8Array> {
  const first = models[0];
  if (first === undefined) throw new RangeError('at least one table is needed');
  const tables = models.map((model, index) => publishedTable(model, (options.firstNumber ?? 1) + index));
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  const createdAt = new Date(first.provenance.created_at);
  workbook.creator = first.provenance.generator;
  workbook.lastModifiedBy = first.provenance.generator;
  workbook.created = createdAt;
  workbook.modified = createdAt;
  workbook.title = options.title ?? tables[0]?.caption ?? first.title;
  if (options.contents === true) {
    addContentsSheet(workbook, tables.map((table) => ({ number: table.number, title: table.title, sheetName: sheetName(table.number) })));
  }
  for (const table of tables) addTableSheet(workbook, table);
  const written = await workbook.xlsx.writeBuffer();
  // In Node this is a Buffer, in a browser an ArrayBuffer; both copy into a Uint8Array.
  const bytes = new Uint8Array(written);
  return normalizeZip(bytes, (path, text) => (path === 'docProps/core.xml' ? pinDates(text, first.provenance.created_at) : text));
}
