// DOCX export (the `docx` package): the tables one after the other in the published
// layout — bold caption "Tabel N: title" kept with the table, header row repeated on each
// page with a rule under it, numbers right-aligned, totals with a rule above, then the
// Bron line, notes and a small grey provenance line.
import {
  AlignmentType, BorderStyle, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType,
  type IBorderOptions, type ISectionOptions,
} from 'docx';
import type { TableModel } from '../tables/model';
import { isNumericType } from '../tables/model';
import { columnCharacters, columnMinimumCharacters, fitWidths, publishedTable, type PublishedCell, type PublishedTable } from './layout';
import { normalizeZip } from './zip';

const FONT = 'Verdana';
/** Sizes in half-points, as Word counts them. */
const SIZE = { caption: 20, cell: 17, compactCell: 14, source: 17, note: 14, provenance: 13 } as const;
const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
/** A4 in twips, with 2 cm margins; the text area portrait and landscape. */
const PAGE = { width: 11906, height: 16838, margin: 1134 } as const;
const TEXT_WIDTH = { portrait: PAGE.width - 2 * PAGE.margin, landscape: PAGE.height - 2 * PAGE.margin } as const;

type Orientation = keyof typeof TEXT_WIDTH;

function run(text: string, size: number, options: { bold?: boolean; color?: string } = {}): TextRun {
  return new TextRun({ text, font: FONT, size, bold: options.bold ?? false, ...(options.color === undefined ? {} : { color: options.color }) });
}

function cell(text: string, alignRight: boolean, options: { bold?: boolean; top?: boolean; bottom?: boolean; size: number }): TableCell {
  const side = options.size < SIZE.cell ? 40 : 80;
  return new TableCell({
    children: [new Paragraph({ alignment: alignRight ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [run(text, options.size, { bold: options.bold ?? false })] })],
    margins: { top: 30, bottom: 30, left: side, right: side },
    borders: {
      top: options.top === true ? RULE : NO_BORDER,
      bottom: options.bottom === true ? RULE : NO_BORDER,
      left: NO_BORDER,
      right: NO_BORDER,
    },
  });
}

/** About 120 twips per character of 8.5 pt Verdana, plus the cell margins left and right. */
function naturalWidths(table: PublishedTable): number[] {
  return table.columns.map((_, index) => columnCharacters(table, index) * 120 + 280);
}

/** Tables wider than a portrait page go on a landscape page, as in printed appendices. */
function orientationOf(table: PublishedTable): Orientation {
  return naturalWidths(table).reduce((sum, width) => sum + width, 0) > TEXT_WIDTH.portrait ? 'landscape' : 'portrait';
}

function bodyCell(published: PublishedCell, totals: boolean, size: number): TableCell {
  return cell(published.text, published.alignRight, { bold: totals, top: totals, size });
}

interface TableLayout {
  widths: number[];
  /** Cell text size in half-points: smaller for tables that do not fit even when wrapped. */
  size: number;
}

function layoutOf(table: PublishedTable): TableLayout {
  const available = TEXT_WIDTH[orientationOf(table)];
  const widthsAt = (perCharacter: number, padding: number) => {
    const natural = table.columns.map((_, index) => columnCharacters(table, index) * perCharacter + padding);
    const minimum = table.columns.map((_, index) => columnMinimumCharacters(table, index) * perCharacter + padding);
    return { natural, minimum, fits: minimum.reduce((sum, width) => sum + width, 0) <= available };
  };
  const regular = widthsAt(120, 280);
  // 7 pt and narrower cell margins when even the narrowest wrapping does not fit (very wide tables).
  const chosen = regular.fits ? regular : widthsAt(95, 160);
  return { widths: fitWidths(chosen.natural, chosen.minimum, available).map(Math.floor), size: regular.fits ? SIZE.cell : SIZE.compactCell };
}

function tableBlock(table: PublishedTable): (Paragraph | Table)[] {
  const { widths, size } = layoutOf(table);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.headers.map((label, index) => cell(label, isNumericType(table.columns[index]?.type ?? 'text'), { bold: true, bottom: true, size })),
  });
  const rows = table.body.map((cells) => new TableRow({ cantSplit: true, children: cells.map((published) => bodyCell(published, false, size)) }));
  const totals = table.totals === null ? [] : [new TableRow({ cantSplit: true, children: table.totals.map((published) => bodyCell(published, true, size)) })];
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

/** Consecutive tables of one orientation share a section (a page style). */
function sectionsOf(tables: PublishedTable[]): ISectionOptions[] {
  const sections: { orientation: Orientation; tables: PublishedTable[] }[] = [];
  for (const table of tables) {
    const orientation = orientationOf(table);
    const last = sections.at(-1);
    if (last !== undefined && last.orientation === orientation) last.tables.push(table);
    else sections.push({ orientation, tables: [table] });
  }
  return sections.map((section) => ({
    properties: {
      page: {
        size: {
          width: PAGE.width,
          height: PAGE.height,
          orientation: section.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
      },
    },
    children: section.tables.flatMap(tableBlock),
  }));
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
    sections: sectionsOf(tables),
  });
  const bytes = new Uint8Array(await Packer.toArrayBuffer(document));
  return normalizeZip(bytes, (path, text) => (path === 'docProps/core.xml' ? pinDates(text, first.provenance.created_at) : text));
}
