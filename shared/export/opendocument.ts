// OpenDocument exports written by hand (no library): a spreadsheet (.ods, a sheet per
// table plus 'Inhoud' for a bijlage) and a text document (.odt, the tables one after the
// other with numbered captions). `mimetype` is the first entry and STORED, as ODF 1.3
// requires; numbers are real floats/currency/dates with Dutch (nl-NL) data styles.
import type { TableModel } from '../tables/model';
import { isNumericType } from '../tables/model';
import { sheetValue, type DateStyleName, type NumberStyle } from './cell-values';
import { columnCharacters, columnMinimumCharacters, fitWidths, publishedTable, type PublishedCell, type PublishedTable } from './layout';
import { escapeXml } from './xml';
import { textEntry, zipEntries } from './zip';

const NAMESPACES = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
].join(' ');

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const FONT = 'Verdana';
const NL = 'number:language="nl" number:country="NL"';

type DocumentKind = 'spreadsheet' | 'text';

const MIME: Record<DocumentKind, string> = {
  spreadsheet: 'application/vnd.oasis.opendocument.spreadsheet',
  text: 'application/vnd.oasis.opendocument.text',
};

function numberElement(decimals: number): string {
  return `<number:number number:decimal-places="${decimals}" number:min-decimal-places="${decimals}" number:min-integer-digits="1" number:grouping="true"/>`;
}

const NUMBER_STYLES: Record<NumberStyle, string> = {
  count: `<number:number-style style:name="N-count" ${NL}>${numberElement(0)}</number:number-style>`,
  decimal1: `<number:number-style style:name="N-decimal1" ${NL}>${numberElement(1)}</number:number-style>`,
  decimal2: `<number:number-style style:name="N-decimal2" ${NL}>${numberElement(2)}</number:number-style>`,
  euro: `<number:currency-style style:name="N-euro" ${NL}><number:currency-symbol ${NL}>€</number:currency-symbol><number:text> </number:text>${numberElement(0)}</number:currency-style>`,
  'euro-cents': `<number:currency-style style:name="N-euro-cents" ${NL}><number:currency-symbol ${NL}>€</number:currency-symbol><number:text> </number:text>${numberElement(2)}</number:currency-style>`,
  percent1: `<number:percentage-style style:name="N-percent1" ${NL}>${numberElement(1)}<number:text>%</number:text></number:percentage-style>`,
  percent2: `<number:percentage-style style:name="N-percent2" ${NL}>${numberElement(2)}<number:text>%</number:text></number:percentage-style>`,
};

const DATE_STYLES: Record<DateStyleName, string> = {
  date: `<number:date-style style:name="N-date" ${NL}><number:day number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:year number:style="long"/></number:date-style>`,
  month: `<number:date-style style:name="N-month" ${NL}><number:month number:style="long" number:textual="true"/><number:text> </number:text><number:year number:style="long"/></number:date-style>`,
  datetime: `<number:date-style style:name="N-datetime" ${NL}><number:day number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:year number:style="long"/><number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/></number:date-style>`,
};

type Emphasis = 'body' | 'header' | 'totals';
const DATA_STYLES = [...Object.keys(NUMBER_STYLES), ...Object.keys(DATE_STYLES), 'text'];

/** Cell style name for an emphasis, an alignment and a data style. */
function cellStyleName(emphasis: Emphasis, alignRight: boolean, dataStyle: string): string {
  return `ce-${emphasis}-${alignRight ? 'r' : 'l'}-${dataStyle}`;
}

function cellStyles(): string {
  const styles: string[] = [];
  for (const emphasis of ['body', 'header', 'totals'] as const) {
    for (const alignRight of [false, true]) {
      for (const dataStyle of DATA_STYLES) {
        const dataAttribute = dataStyle === 'text' ? '' : ` style:data-style-name="N-${dataStyle}"`;
        const border =
          emphasis === 'header' ? ' fo:border-bottom="0.5pt solid #000000"' : emphasis === 'totals' ? ' fo:border-top="0.5pt solid #000000"' : '';
        const weight = emphasis === 'body' ? '' : ' fo:font-weight="bold"';
        styles.push(
          `<style:style style:name="${cellStyleName(emphasis, alignRight, dataStyle)}" style:family="table-cell"${dataAttribute}>` +
            `<style:table-cell-properties fo:padding="0.05cm"${border}/>` +
            `<style:paragraph-properties fo:text-align="${alignRight ? 'end' : 'start'}"/>` +
            `<style:text-properties style:font-name="${FONT}" fo:font-size="9pt"${weight}/></style:style>`,
        );
      }
    }
  }
  return styles.join('');
}

const PARAGRAPH_STYLES =
  `<style:style style:name="P-caption" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/><style:text-properties style:font-name="${FONT}" fo:font-size="10pt" fo:font-weight="bold"/></style:style>` +
  `<style:style style:name="P-caption-landscape" style:family="paragraph" style:master-page-name="Landscape"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/><style:text-properties style:font-name="${FONT}" fo:font-size="10pt" fo:font-weight="bold"/></style:style>` +
  `<style:style style:name="P-caption-portrait" style:family="paragraph" style:master-page-name="Standard"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/><style:text-properties style:font-name="${FONT}" fo:font-size="10pt" fo:font-weight="bold"/></style:style>` +
  `<style:style style:name="P-compact" style:family="paragraph"><style:text-properties fo:font-size="7pt"/></style:style>` +
  `<style:style style:name="P-source" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.1cm"/><style:text-properties style:font-name="${FONT}" fo:font-size="9pt"/></style:style>` +
  `<style:style style:name="P-note" style:family="paragraph"><style:text-properties style:font-name="${FONT}" fo:font-size="7.5pt"/></style:style>` +
  `<style:style style:name="P-provenance" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.3cm"/><style:text-properties style:font-name="${FONT}" fo:font-size="7pt" fo:color="#595959"/></style:style>`;

const SHEET_TEXT_STYLES =
  `<style:style style:name="ce-caption" style:family="table-cell"><style:text-properties style:font-name="${FONT}" fo:font-size="10pt" fo:font-weight="bold"/></style:style>` +
  `<style:style style:name="ce-source" style:family="table-cell"><style:text-properties style:font-name="${FONT}" fo:font-size="9pt"/></style:style>` +
  `<style:style style:name="ce-note" style:family="table-cell"><style:text-properties style:font-name="${FONT}" fo:font-size="8pt"/></style:style>` +
  `<style:style style:name="ce-provenance" style:family="table-cell"><style:text-properties style:font-name="${FONT}" fo:font-size="7pt" fo:color="#595959"/></style:style>`;

function automaticStyles(kind: DocumentKind, columnWidths: number[], tableStyles = ''): string {
  const widths = [...new Set(columnWidths)].map(
    (width) => `<style:style style:name="co-${width}" style:family="table-column"><style:table-column-properties style:column-width="${(width * CM_PER_CHARACTER).toFixed(2)}cm"/></style:style>`,
  );
  const tableStyle =
    kind === 'text'
      ? '<style:style style:name="ta-table" style:family="table"><style:table-properties table:align="left" fo:margin-top="0cm" fo:margin-bottom="0cm"/></style:style>'
      : '<style:style style:name="ta-table" style:family="table"><style:table-properties table:display="true"/></style:style>';
  return [
    '<office:automatic-styles>',
    ...Object.values(NUMBER_STYLES),
    ...Object.values(DATE_STYLES),
    tableStyle,
    tableStyles,
    ...widths,
    cellStyles(),
    kind === 'text' ? PARAGRAPH_STYLES : SHEET_TEXT_STYLES,
    '</office:automatic-styles>',
  ].join('');
}

/** Width of a column in characters, with room for the cell padding, within sensible bounds. */
function columnWidth(table: PublishedTable, index: number, headerWraps: boolean): number {
  return Math.min(40, columnCharacters(table, index, headerWraps) + 2);
}

/** Centimetres per character of 9 pt Verdana, a wide font. */
const CM_PER_CHARACTER = 0.18;

/** A paragraph style inside table cells; `P-compact` shrinks the text of very wide tables. */
function paragraphStart(paragraphStyle: string | undefined): string {
  return paragraphStyle === undefined ? '<text:p>' : `<text:p text:style-name="${paragraphStyle}">`;
}

function tableCell(cell: PublishedCell, emphasis: Emphasis, paragraphStyle?: string): string {
  const stored = sheetValue(cell);
  const dataStyle = stored.kind === 'text' ? 'text' : stored.style;
  const style = cellStyleName(emphasis, cell.alignRight, dataStyle);
  const paragraph = cell.text === '' ? '' : `${paragraphStart(paragraphStyle)}${escapeXml(cell.text)}</text:p>`;
  switch (stored.kind) {
    case 'number': {
      const isCurrency = stored.style === 'euro' || stored.style === 'euro-cents';
      const isPercent = stored.style === 'percent1' || stored.style === 'percent2';
      const type = isCurrency ? 'currency" office:currency="EUR' : isPercent ? 'percentage' : 'float';
      return `<table:table-cell table:style-name="${style}" office:value-type="${type}" office:value="${stored.value}">${paragraph}</table:table-cell>`;
    }
    case 'date':
      return `<table:table-cell table:style-name="${style}" office:value-type="date" office:date-value="${stored.iso}">${paragraph}</table:table-cell>`;
    case 'text':
      return cell.text === ''
        ? `<table:table-cell table:style-name="${style}"/>`
        : `<table:table-cell table:style-name="${style}" office:value-type="string">${paragraph}</table:table-cell>`;
  }
}

function headerCells(table: PublishedTable, paragraphStyle?: string): string {
  return table.headers
    .map((label, index) => {
      const alignRight = isNumericType(table.columns[index]?.type ?? 'text');
      return `<table:table-cell table:style-name="${cellStyleName('header', alignRight, 'text')}" office:value-type="string">${paragraphStart(paragraphStyle)}${escapeXml(label)}</text:p></table:table-cell>`;
    })
    .join('');
}

function bodyRows(table: PublishedTable, paragraphStyle?: string): string {
  const body = table.body.map((cells) => `<table:table-row>${cells.map((cell) => tableCell(cell, 'body', paragraphStyle)).join('')}</table:table-row>`);
  const totals =
    table.totals === null ? [] : [`<table:table-row>${table.totals.map((cell) => tableCell(cell, 'totals', paragraphStyle)).join('')}</table:table-row>`];
  return [...body, ...totals].join('');
}

function columnElements(table: PublishedTable, headerWraps: boolean): string {
  return table.columns.map((_, index) => `<table:table-column table:style-name="co-${columnWidth(table, index, headerWraps)}"/>`).join('');
}

function textRow(text: string, style: string): string {
  return `<table:table-row><table:table-cell table:style-name="${style}" office:value-type="string"><text:p>${escapeXml(text)}</text:p></table:table-cell></table:table-row>`;
}

const EMPTY_ROW = '<table:table-row><table:table-cell/></table:table-row>';

/** One sheet in the published layout: caption, header, body, totals, then Bron, notes, provenance. */
function sheet(table: PublishedTable, name: string): string {
  return [
    `<table:table table:name="${escapeXml(name)}" table:style-name="ta-table">`,
    columnElements(table, false),
    textRow(table.caption, 'ce-caption'),
    `<table:table-header-rows><table:table-row>${headerCells(table)}</table:table-row></table:table-header-rows>`,
    bodyRows(table),
    EMPTY_ROW,
    textRow(table.sourceLine, 'ce-source'),
    ...table.notes.map((note) => textRow(note, 'ce-note')),
    textRow(table.provenanceLine, 'ce-provenance'),
    '</table:table>',
  ].join('');
}

export interface ContentsEntry {
  number: number;
  title: string;
  sheetName: string;
}

export const CONTENTS_SHEET = 'Inhoud';

/** The name of the sheet holding table N ('Tabel 1'): short, unique and valid in every spreadsheet. */
export function sheetName(number: number): string {
  return `Tabel ${number}`;
}

function contentsSheet(entries: ContentsEntry[]): string {
  const header = ['Nummer', 'Titel', 'Blad']
    .map((label, index) => `<table:table-cell table:style-name="${cellStyleName('header', index === 0, 'text')}" office:value-type="string"><text:p>${label}</text:p></table:table-cell>`)
    .join('');
  const rows = entries.map(
    (entry) =>
      '<table:table-row>' +
      `<table:table-cell table:style-name="${cellStyleName('body', true, 'count')}" office:value-type="float" office:value="${entry.number}"><text:p>${entry.number}</text:p></table:table-cell>` +
      `<table:table-cell table:style-name="${cellStyleName('body', false, 'text')}" office:value-type="string"><text:p>${escapeXml(entry.title)}</text:p></table:table-cell>` +
      `<table:table-cell table:style-name="${cellStyleName('body', false, 'text')}" office:value-type="string"><text:p>${escapeXml(entry.sheetName)}</text:p></table:table-cell>` +
      '</table:table-row>',
  );
  return [
    `<table:table table:name="${CONTENTS_SHEET}" table:style-name="ta-table">`,
    '<table:table-column table:style-name="co-8"/><table:table-column table:style-name="co-60"/><table:table-column table:style-name="co-12"/>',
    textRow('Inhoud', 'ce-caption'),
    `<table:table-header-rows><table:table-row>${header}</table:table-row></table:table-header-rows>`,
    ...rows,
    '</table:table>',
  ].join('');
}

function document(kind: DocumentKind, styles: string, body: string): string {
  return `${XML_DECLARATION}<office:document-content ${NAMESPACES} office:version="1.3">${styles}<office:body><office:${kind}>${body}</office:${kind}></office:body></office:document-content>`;
}

function stylesXml(): string {
  return (
    `${XML_DECLARATION}<office:document-styles ${NAMESPACES} office:version="1.3">` +
    `<office:font-face-decls><style:font-face style:name="${FONT}" svg:font-family="${FONT}" style:font-family-generic="swiss"/></office:font-face-decls>` +
    '<office:styles>' +
    `<style:default-style style:family="paragraph"><style:text-properties style:font-name="${FONT}" fo:font-size="10pt" fo:language="nl" fo:country="NL"/></style:default-style>` +
    `<style:default-style style:family="table-cell"><style:text-properties style:font-name="${FONT}" fo:font-size="9pt" fo:language="nl" fo:country="NL"/></style:default-style>` +
    '</office:styles>' +
    '<office:automatic-styles>' +
    '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>' +
    '<style:page-layout style:name="pm2"><style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>' +
    '</office:automatic-styles>' +
    '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/><style:master-page style:name="Landscape" style:page-layout-name="pm2"/></office:master-styles>' +
    '</office:document-styles>'
  );
}

function metaXml(title: string, model: TableModel): string {
  return (
    `${XML_DECLARATION}<office:document-meta ${NAMESPACES} office:version="1.3"><office:meta>` +
    `<meta:generator>${escapeXml(model.provenance.generator)}</meta:generator>` +
    `<dc:title>${escapeXml(title)}</dc:title>` +
    `<dc:language>nl-NL</dc:language>` +
    `<meta:creation-date>${escapeXml(model.provenance.created_at)}</meta:creation-date>` +
    `<dc:date>${escapeXml(model.provenance.created_at)}</dc:date>` +
    '</office:meta></office:document-meta>'
  );
}

function manifestXml(kind: DocumentKind, withSettings: boolean): string {
  return (
    `${XML_DECLARATION}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">` +
    `<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${MIME[kind]}"/>` +
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>' +
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>' +
    (withSettings ? '<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>' : '') +
    '</manifest:manifest>'
  );
}

/**
 * Spreadsheet view settings: the caption and header rows (1–2) of every sheet stay in
 * view while scrolling, as the frozen header of the XLSX export.
 */
function settingsXml(sheetNames: readonly string[]): string {
  const item = (name: string, type: string, value: string | number) =>
    `<config:config-item config:name="${name}" config:type="${type}">${value}</config:config-item>`;
  const sheets = sheetNames
    .map(
      (name) =>
        `<config:config-item-map-entry config:name="${escapeXml(name)}">` +
        item('HorizontalSplitMode', 'short', 0) +
        item('VerticalSplitMode', 'short', 2) +
        item('VerticalSplitPosition', 'int', 2) +
        item('ActiveSplitRange', 'short', 2) +
        item('PositionTop', 'int', 0) +
        item('PositionBottom', 'int', 2) +
        '</config:config-item-map-entry>',
    )
    .join('');
  return (
    `${XML_DECLARATION}<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3">` +
    '<office:settings><config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>' +
    item('ViewId', 'string', 'view1') +
    `<config:config-item-map-named config:name="Tables">${sheets}</config:config-item-map-named>` +
    '</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>'
  );
}

function packageDocument(kind: DocumentKind, content: string, title: string, first: TableModel, frozenSheets: readonly string[] = []): Uint8Array {
  return zipEntries([
    textEntry('mimetype', MIME[kind], true),
    textEntry('META-INF/manifest.xml', manifestXml(kind, frozenSheets.length > 0)),
    textEntry('content.xml', content),
    textEntry('styles.xml', stylesXml()),
    textEntry('meta.xml', metaXml(title, first)),
    ...(frozenSheets.length > 0 ? [textEntry('settings.xml', settingsXml(frozenSheets))] : []),
  ]);
}

export interface OpenDocumentOptions {
  /** Number of the first table's caption (default 1); the others follow. */
  firstNumber?: number;
  /** Add the 'Inhoud' sheet (ODS) — done for bijlagen. */
  contents?: boolean;
  /** Document title in meta.xml (default: the first caption). */
  title?: string;
}

function tablesOf(models: readonly TableModel[], firstNumber: number): PublishedTable[] {
  return models.map((model, index) => publishedTable(model, firstNumber + index));
}

function firstModel(models: readonly TableModel[]): TableModel {
  const first = models[0];
  if (first === undefined) throw new RangeError('at least one table is needed');
  return first;
}

export function exportOds(models: readonly TableModel[], options: OpenDocumentOptions = {}): Uint8Array {
  const first = firstModel(models);
  const tables = tablesOf(models, options.firstNumber ?? 1);
  const widths = [8, 12, 60, ...tables.flatMap((table) => table.columns.map((_, index) => columnWidth(table, index, false)))];
  const contents: ContentsEntry[] = tables.map((table) => ({ number: table.number, title: table.title, sheetName: sheetName(table.number) }));
  const body = [
    ...(options.contents === true ? [contentsSheet(contents)] : []),
    ...tables.map((table) => sheet(table, sheetName(table.number))),
  ].join('');
  const content = document('spreadsheet', automaticStyles('spreadsheet', widths), body);
  const sheetNames = [...(options.contents === true ? [CONTENTS_SHEET] : []), ...tables.map((table) => sheetName(table.number))];
  return packageDocument('spreadsheet', content, options.title ?? tables[0]?.caption ?? first.title, first, sheetNames);
}

/** The text area of A4 with 2 cm margins, in cm. */
const TEXT_WIDTH_CM = { portrait: 17, landscape: 25.7 } as const;
type Orientation = keyof typeof TEXT_WIDTH_CM;

interface TextLayout {
  table: PublishedTable;
  orientation: Orientation;
  widths: number[];
  captionStyle: string;
  /** Very wide tables get 7 pt cell text (P-compact) when even wrapped columns do not fit. */
  compact: boolean;
}

/** Wide tables go on landscape pages; the caption that changes orientation starts the page. */
function textLayouts(tables: PublishedTable[]): TextLayout[] {
  let previous: Orientation = 'portrait';
  return tables.map((table) => {
    const natural = table.columns.map((_, index) => columnWidth(table, index, true) * CM_PER_CHARACTER);
    const orientation: Orientation = natural.reduce((sum, width) => sum + width, 0) > TEXT_WIDTH_CM.portrait ? 'landscape' : 'portrait';
    const captionStyle = orientation === previous ? 'P-caption' : `P-caption-${orientation}`;
    previous = orientation;
    const available = TEXT_WIDTH_CM[orientation];
    const minimum = table.columns.map((_, index) => (columnMinimumCharacters(table, index) + 1) * CM_PER_CHARACTER);
    const compact = minimum.reduce((sum, width) => sum + width, 0) > available;
    const scale = compact ? 7 / 9 : 1;
    const widths = fitWidths(natural.map((width) => width * scale), minimum.map((width) => width * scale), available);
    return { table, orientation, widths, captionStyle, compact };
  });
}

function textTableStyles(layout: TextLayout): string {
  const number = layout.table.number;
  const total = layout.widths.reduce((sum, width) => sum + width, 0);
  return (
    `<style:style style:name="ta-${number}" style:family="table"><style:table-properties style:width="${total.toFixed(2)}cm" table:align="left" fo:margin-top="0cm" fo:margin-bottom="0cm"/></style:style>` +
    layout.widths
      .map((width, index) => `<style:style style:name="co-${number}-${index}" style:family="table-column"><style:table-column-properties style:column-width="${width.toFixed(2)}cm"/></style:style>`)
      .join('')
  );
}

/** One table in a text document: caption paragraph, the table, then Bron, notes, provenance. */
function textTable(layout: TextLayout): string {
  const { table } = layout;
  const paragraphStyle = layout.compact ? 'P-compact' : undefined;
  return [
    `<text:p text:style-name="${layout.captionStyle}">${escapeXml(table.caption)}</text:p>`,
    `<table:table table:name="${escapeXml(sheetName(table.number))}" table:style-name="ta-${table.number}">`,
    table.columns.map((_, index) => `<table:table-column table:style-name="co-${table.number}-${index}"/>`).join(''),
    `<table:table-header-rows><table:table-row>${headerCells(table, paragraphStyle)}</table:table-row></table:table-header-rows>`,
    bodyRows(table, paragraphStyle),
    '</table:table>',
    `<text:p text:style-name="P-source">${escapeXml(table.sourceLine)}</text:p>`,
    ...table.notes.map((note) => `<text:p text:style-name="P-note">${escapeXml(note)}</text:p>`),
    `<text:p text:style-name="P-provenance">${escapeXml(table.provenanceLine)}</text:p>`,
  ].join('');
}

export function exportOdt(models: readonly TableModel[], options: OpenDocumentOptions = {}): Uint8Array {
  const first = firstModel(models);
  const layouts = textLayouts(tablesOf(models, options.firstNumber ?? 1));
  const content = document('text', automaticStyles('text', [], layouts.map(textTableStyles).join('')), layouts.map(textTable).join(''));
  return packageDocument('text', content, options.title ?? layouts[0]?.table.caption ?? first.title, first);
}
