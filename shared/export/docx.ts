// DOCX export (the `docx` package): the tables one after the other in the published
// layout — bold caption "Tabel N: title" kept with the table, header row repeated on each
// page with a rule under it, numbers right-aligned, totals with a rule above, then the
// Bron line, notes and a small grey provenance line.
import {
  AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType,
  type IBorderOptions,
} from 'docx';
import type { TableModel } from '../tables/model';
import { isNumericType } from '../tables/model';
import { columnCharacters, publishedTable, type PublishedCell, type PublishedTable } from './layout';
import { normalizeZip } from './zip';

const FONT = 'Verdana';
/** Sizes in half-points, as Word counts them. */
const SIZE = { caption: 20, cell: 17, source: 17, note: 14, provenance: 13 } as const;
const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
/** Text area of an A4 page with 2 cm margins, in twips. */
const TEXT_WIDTH = 9638;

function run(text: string, size: number, options: { bold?: boolean; color?: string } = {}): TextRun {
  return new TextRun({ text, font: FONT, size, bold: options.bold ?? false, ...(options.color === undefined ? {} : { color: options.color }) });
}

function cell(text: string, alignRight: boolean, options: { bold?: boolean; top?: boolean; bottom?: boolean }): TableCell {
  return new TableCell({
    children: [new Paragraph({ alignment: alignRight ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [run(text, SIZE.cell, { bold: options.bold ?? false })] })],
    margins: { top: 30, bottom: 30, left: 80, right: 80 },
    borders: {
      top: options.top === true ? RULE : NO_BORDER,
      bottom: options.bottom === true ? RULE : NO_BORDER,
      left: NO_BORDER,
      right: NO_BORDER,
    },
  });
}

/** Column widths in twips from the longest text, scaled down to fit the page. */
function columnWidths(table: PublishedTable): number[] {
  // About 120 twips per character of 8.5 pt Verdana, plus the cell margins left and right.
  const twips = table.columns.map((_, index) => columnCharacters(table, index) * 120 + 280);
  const total = twips.reduce((sum, width) => sum + width, 0);
  const scale = total > TEXT_WIDTH ? TEXT_WIDTH / total : 1;
  return twips.map((width) => Math.floor(width * scale));
}

function bodyCell(published: PublishedCell, totals: boolean): TableCell {
  return cell(published.text, published.alignRight, { bold: totals, top: totals });
}

function tableBlock(table: PublishedTable): (Paragraph | Table)[] {
  const widths = columnWidths(table);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.headers.map((label, index) => cell(label, isNumericType(table.columns[index]?.type ?? 'text'), { bold: true, bottom: true })),
  });
  const rows = table.body.map((cells) => new TableRow({ cantSplit: true, children: cells.map((published) => bodyCell(published, false)) }));
  const totals = table.totals === null ? [] : [new TableRow({ cantSplit: true, children: table.totals.map((published) => bodyCell(published, true)) })];
  return [
    new Paragraph({ keepNext: true, spacing: { before: 240, after: 80 }, children: [run(table.caption, SIZE.caption, { bold: true })] }),
    new Table({
      rows: [header, ...rows, ...totals],
      columnWidths: widths,
      width: { size: widths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
      layout: TableLayoutType.FIXED,
      borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
    }),
    new Paragraph({ spacing: { before: 60 }, children: [run(table.sourceLine, SIZE.source)] }),
    ...table.notes.map((note) => new Paragraph({ children: [run(note, SIZE.note)] })),
    new Paragraph({ spacing: { after: 240 }, children: [run(table.provenanceLine, SIZE.provenance, { color: '595959' })] }),
  ];
}

export interface DocxOptions {
  firstNumber?: number;
  title?: string;
}

/** Dates docx stamps into docProps/core.xml; pinned to provenance.created_at for stable bytes. */
function pinDates(xml: string, createdAt: string): string {
  return xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${createdAt}$2`);
}

export async function exportDocx(models: readonly TableModel[], options: DocxOptions = {}): Promise<Uint8Array> {
  const first = models[0];
  if (first === undefined) throw new RangeError('at least one table is needed');
  const tables = models.map((model, index) => publishedTable(model, (options.firstNumber ?? 1) + index));
  const document = new Document({
    creator: first.provenance.generator,
    lastModifiedBy: first.provenance.generator,
    title: options.title ?? tables[0]?.caption ?? first.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE.cell }, paragraph: {} } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        children: tables.flatMap(tableBlock),
      },
    ],
  });
  const bytes = new Uint8Array(await Packer.toArrayBuffer(document));
  return normalizeZip(bytes, (path, text) => (path === 'docProps/core.xml' ? pinDates(text, first.provenance.created_at) : text));
}
