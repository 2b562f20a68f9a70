// A plain text document (headings, paragraphs, labelled fields, tables in the published
// layout, small notes) written as DOCX or ODT — for drafts such as the art. 33 breach
// notification that are mostly text with a table. Pure; deterministic bytes (fixed zip
// times, dates pinned to the provenance's created_at).
import {
  AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType,
  type IBorderOptions,
} from 'docx';
import type { BijlageFormat } from './formats';
import type { Provenance } from '../tables/model';
import { isNumericType } from '../tables/model';
import { escapeXml } from './xml';
import { columnCharacters, type PublishedTable } from './layout';
import { normalizeZip, textEntry, zipEntries } from './zip';

export type DraftBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** A label and its value; `toFill` marks a field the assessor still has to write. */
  | { kind: 'field'; label: string; value: string; toFill?: boolean }
  | { kind: 'table'; table: PublishedTable }
  | { kind: 'note'; text: string };

export interface DraftDocument {
  title: string;
  blocks: DraftBlock[];
  provenance: Provenance;
}

export type DraftFormat = Extract<BijlageFormat, 'docx' | 'odt'>;
export const DRAFT_FORMATS: readonly DraftFormat[] = ['docx', 'odt'];

const FONT = 'Verdana';
/** Half-points, as Word counts them. */
const SIZE = { title: 28, heading: 22, text: 19, cell: 17, note: 14 } as const;
const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const TEXT_WIDTH = 11906 - 2 * 1134;
const TO_FILL_COLOUR = '8A4B00';

function run(text: string, size: number, options: { bold?: boolean; color?: string; italics?: boolean } = {}): TextRun {
  return new TextRun({
    text, font: FONT, size, bold: options.bold ?? false, italics: options.italics ?? false,
    ...(options.color === undefined ? {} : { color: options.color }),
  });
}

function docxTable(table: PublishedTable): Table {
  const natural = table.columns.map((_, index) => columnCharacters(table, index) * 120 + 280);
  const total = natural.reduce((sum, width) => sum + width, 0);
  const widths = natural.map((width) => Math.floor((width * Math.min(total, TEXT_WIDTH)) / total));
  const cell = (text: string, right: boolean, bold: boolean, bottom: boolean) =>
    new TableCell({
      children: [new Paragraph({ alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [run(text, SIZE.cell, { bold })] })],
      margins: { top: 30, bottom: 30, left: 80, right: 80 },
      borders: { top: NO_BORDER, bottom: bottom ? RULE : NO_BORDER, left: NO_BORDER, right: NO_BORDER },
    });
  const header = new TableRow({
    tableHeader: true,
    children: table.headers.map((label, index) => cell(label, isNumericType(table.columns[index]?.type ?? 'text'), true, true)),
  });
  const rows = table.body.map((cells) => new TableRow({ cantSplit: true, children: cells.map((each) => cell(each.text, each.alignRight, false, false)) }));
  return new Table({
    rows: [header, ...rows],
    columnWidths: widths,
    width: { size: widths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
  });
}

function docxBlocks(block: DraftBlock): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'title':
      return [new Paragraph({ heading: HeadingLevel.TITLE, spacing: { after: 200 }, children: [run(block.text, SIZE.title, { bold: true })] })];
    case 'heading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, spacing: { before: 240, after: 80 }, children: [run(block.text, SIZE.heading, { bold: true })] })];
    case 'paragraph':
      return [new Paragraph({ spacing: { after: 80 }, children: [run(block.text, SIZE.text)] })];
    case 'field':
      return [
        new Paragraph({
          spacing: { after: 60 },
          children: [
            run(`${block.label}: `, SIZE.text, { bold: true }),
            run(block.value, SIZE.text, block.toFill === true ? { color: TO_FILL_COLOUR, italics: true } : {}),
          ],
        }),
      ];
    case 'table':
      return [
        new Paragraph({ keepNext: true, spacing: { before: 120, after: 60 }, children: [run(block.table.caption, SIZE.cell, { bold: true })] }),
        docxTable(block.table),
        new Paragraph({ spacing: { before: 60 }, children: [run(block.table.sourceLine, SIZE.note)] }),
        ...block.table.notes.map((note) => new Paragraph({ children: [run(note, SIZE.note)] })),
      ];
    case 'note':
      return [new Paragraph({ spacing: { after: 60 }, children: [run(block.text, SIZE.note, { color: '595959' })] })];
  }
}

export async function exportDraftDocx(document: DraftDocument): Promise<Uint8Array> {
  const built = new Document({
    creator: document.provenance.generator,
    lastModifiedBy: document.provenance.generator,
    title: document.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE.text } } } },
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children: document.blocks.flatMap(docxBlocks) }],
  });
  const bytes = new Uint8Array(await Packer.toArrayBuffer(built));
  const createdAt = document.provenance.created_at;
  return normalizeZip(bytes, (path, text) =>
    path === 'docProps/core.xml' ? text.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${createdAt}$2`) : text,
  );
}

const ODT_NAMESPACES = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
].join(' ');
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const ODT_MIME = 'application/vnd.oasis.opendocument.text';

const ODT_STYLES =
  '<office:automatic-styles>' +
  '<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.35cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>' +
  '<style:style style:name="H" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="11pt" fo:font-weight="bold"/></style:style>' +
  '<style:style style:name="P" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.15cm"/><style:text-properties fo:font-size="9.5pt"/></style:style>' +
  '<style:style style:name="Note" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.1cm"/><style:text-properties fo:font-size="7pt" fo:color="#595959"/></style:style>' +
  '<style:style style:name="Cell" style:family="paragraph"><style:text-properties fo:font-size="8.5pt"/></style:style>' +
  '<style:style style:name="CellRight" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="8.5pt"/></style:style>' +
  '<style:style style:name="CellHead" style:family="paragraph"><style:text-properties fo:font-size="8.5pt" fo:font-weight="bold"/></style:style>' +
  '<style:style style:name="CellHeadRight" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="8.5pt" fo:font-weight="bold"/></style:style>' +
  '<style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>' +
  '<style:style style:name="ToFill" style:family="text"><style:text-properties fo:font-style="italic" fo:color="#8a4b00"/></style:style>' +
  '<style:style style:name="HeadCell" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" fo:border-bottom="0.5pt solid #000000" fo:border-top="none" fo:border-left="none" fo:border-right="none"/></style:style>' +
  '<style:style style:name="BodyCell" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" fo:border="none"/></style:style>' +
  '</office:automatic-styles>';

function odtTable(table: PublishedTable, index: number): string {
  const header = table.headers
    .map((label, column) => {
      const style = isNumericType(table.columns[column]?.type ?? 'text') ? 'CellHeadRight' : 'CellHead';
      return `<table:table-cell table:style-name="HeadCell" office:value-type="string"><text:p text:style-name="${style}">${escapeXml(label)}</text:p></table:table-cell>`;
    })
    .join('');
  const rows = table.body
    .map((cells) =>
      `<table:table-row>${cells
        .map((cell) => `<table:table-cell table:style-name="BodyCell" office:value-type="string"><text:p text:style-name="${cell.alignRight ? 'CellRight' : 'Cell'}">${escapeXml(cell.text)}</text:p></table:table-cell>`)
        .join('')}</table:table-row>`,
    )
    .join('');
  return (
    `<text:p text:style-name="H">${escapeXml(table.caption)}</text:p>` +
    `<table:table table:name="Tabel${index}"><table:table-column table:number-columns-repeated="${table.columns.length}"/>` +
    `<table:table-header-rows><table:table-row>${header}</table:table-row></table:table-header-rows>${rows}</table:table>` +
    `<text:p text:style-name="Note">${escapeXml(table.sourceLine)}</text:p>` +
    table.notes.map((note) => `<text:p text:style-name="Note">${escapeXml(note)}</text:p>`).join('')
  );
}

function odtBlock(block: DraftBlock, index: number): string {
  switch (block.kind) {
    case 'title':
      return `<text:h text:style-name="Title" text:outline-level="1">${escapeXml(block.text)}</text:h>`;
    case 'heading':
      return `<text:h text:style-name="H" text:outline-level="2">${escapeXml(block.text)}</text:h>`;
    case 'paragraph':
      return `<text:p text:style-name="P">${escapeXml(block.text)}</text:p>`;
    case 'field':
      return `<text:p text:style-name="P"><text:span text:style-name="Bold">${escapeXml(block.label)}: </text:span>` +
        (block.toFill === true ? `<text:span text:style-name="ToFill">${escapeXml(block.value)}</text:span>` : escapeXml(block.value)) + '</text:p>';
    case 'table':
      return odtTable(block.table, index);
    case 'note':
      return `<text:p text:style-name="Note">${escapeXml(block.text)}</text:p>`;
  }
}

export function exportDraftOdt(document: DraftDocument): Uint8Array {
  const content =
    `${XML_DECLARATION}<office:document-content ${ODT_NAMESPACES} office:version="1.3">` +
    `<office:font-face-decls><style:font-face style:name="${FONT}" svg:font-family="${FONT}" style:font-family-generic="swiss"/></office:font-face-decls>` +
    `${ODT_STYLES}<office:body><office:text>${document.blocks.map(odtBlock).join('')}</office:text></office:body></office:document-content>`;
  const styles =
    `${XML_DECLARATION}<office:document-styles ${ODT_NAMESPACES} office:version="1.3">` +
    `<office:font-face-decls><style:font-face style:name="${FONT}" svg:font-family="${FONT}" style:font-family-generic="swiss"/></office:font-face-decls>` +
    `<office:styles><style:default-style style:family="paragraph"><style:text-properties style:font-name="${FONT}" fo:font-size="9.5pt" fo:language="nl" fo:country="NL"/></style:default-style></office:styles>` +
    '<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout></office:automatic-styles>' +
    '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles></office:document-styles>';
  const meta =
    `${XML_DECLARATION}<office:document-meta ${ODT_NAMESPACES} office:version="1.3"><office:meta>` +
    `<meta:generator>${escapeXml(document.provenance.generator)}</meta:generator><dc:title>${escapeXml(document.title)}</dc:title>` +
    `<dc:language>nl-NL</dc:language><meta:creation-date>${escapeXml(document.provenance.created_at)}</meta:creation-date>` +
    `<dc:date>${escapeXml(document.provenance.created_at)}</dc:date></office:meta></office:document-meta>`;
  const manifest =
    `${XML_DECLARATION}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">` +
    `<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${ODT_MIME}"/>` +
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>' +
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>';
  return zipEntries([
    textEntry('mimetype', ODT_MIME, true),
    textEntry('META-INF/manifest.xml', manifest),
    textEntry('content.xml', content),
    textEntry('styles.xml', styles),
    textEntry('meta.xml', meta),
  ]);
}

export function exportDraft(document: DraftDocument, format: DraftFormat): Promise<Uint8Array> {
  return format === 'docx' ? exportDraftDocx(document) : Promise.resolve(exportDraftOdt(document));
}
