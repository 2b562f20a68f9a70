// Export tests: golden files of Tabel 1 in every format (text formats literally, zip
// formats by their extracted XML), and every format read back by an independent reader
// and compared cell by cell with the model. UPDATE_GOLDEN=1 rewrites the golden files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { applyDisclosure } from '../../shared/export/disclosure';
import { EXPORT_FORMATS, exportBijlage, exportTable, type ExportFormat } from '../../shared/export/index';
import type { TableModel } from '../../shared/tables/model';
import { COHORT_KEYS, tabel1Model } from './tabel1';
import {
  docxParagraphs, docxTables, firstZipEntry, odfTables, odtParagraphs, parseCsv, parseDutchNumber, parseHtmlTable, parseMarkdownTable, unzip,
} from './readers';

const GOLDEN = __dirname;
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const ZIP_FORMATS: readonly ExportFormat[] = ['xlsx', 'docx', 'ods', 'odt'];
const EXTENSION: Record<ExportFormat, string> = {
  json: 'json', csv: 'csv', 'csv-rfc': 'rfc.csv', md: 'md', html: 'html', xlsx: 'xlsx', docx: 'docx', ods: 'ods', odt: 'odt',
};
/** exceljs wants an ArrayBuffer of exactly the file. */
const arrayBufferOf = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;
const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

/** The XML parts of a zip export as one text, in entry order. */
function xmlDump(bytes: Uint8Array): string {
  return Object.entries(unzip(bytes))
    .map(([path, content]) => `=== ${path} ===\n${content}\n`)
    .join('');
}

function compareGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (UPDATE || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const EXPECTED_TEXTS = [
  ['Peildatum', "'13", "'14", "'15", "'16", "'17", "'18", "'19", "'20", "'21", "'22/'23", 'Totaal'],
  ['01-05-2022', '24', '78', '207', '460', '601', '722', '270', '30', '4', '0', '2.396'],
  ['15-10-2022', '21', '65', '167', '325', '391', '548', '487', '87', '10', '1', '2.102'],
  ['01-07-2023', '14', '56', '138', '232', '258', '308', '627', '645', '156', '2', '2.436'],
];
const CAPTION = 'Tabel 1: ELIP minstens € 9.500 geleend, per cohort (asielmigranten)';
const PROVENANCE_LINE =
  'Ketenlens-snapshot c801c015dd18 · peildatum 15-09-2023 · peildata 01-05-2022, 15-10-2022 en 01-07-2023 · doelgroep asielmigranten · ' +
  'ELIP-A: minstens € 9.500 van de lening gebruikt · cohorten vanaf 2022 samengenomen · ketenlens 0.1.0 · gemaakt 23-11-2026 14:30';

describe('golden files of Tabel 1', () => {
  for (const format of EXPORT_FORMATS) {
    it(`${format} matches test/golden/tabel1.${EXTENSION[format]}`, async () => {
      const bytes = await exportTable(tabel1Model(), format);
      if (ZIP_FORMATS.includes(format)) {
        if (UPDATE) writeFileSync(join(GOLDEN, `tabel1.${EXTENSION[format]}`), bytes);
        compareGolden(`tabel1.${EXTENSION[format]}.xml.txt`, xmlDump(bytes));
      } else {
        compareGolden(`tabel1.${EXTENSION[format]}`, text(bytes));
      }
    });
  }

  it('gives the same bytes every time (fixed zip times, dates from provenance)', async () => {
    for (const format of ZIP_FORMATS) {
      const first = await exportTable(tabel1Model(), format);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const second = await exportTable(tabel1Model(), format);
      expect(Buffer.from(second).equals(Buffer.from(first)), format).toBe(true);
      break; // one slow format proves the clock is not read; the others are covered by their golden XML
    }
  });
});

describe('text formats read back', () => {
  it('csv: Dutch Excel dialect with BOM, semicolons, CRLF and plain numbers', async () => {
    const csv = text(await exportTable(tabel1Model(), 'csv'));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.slice(1), ';');
    expect(rows[0]).toEqual(EXPECTED_TEXTS[0]);
    const model = tabel1Model();
    model.rows.forEach((row, index) => {
      const fields = rows[index + 1] ?? [];
      expect(fields[0]).toBe(String(row.peildatum).split('-').reverse().join('-'));
      [...COHORT_KEYS, 'totaal'].forEach((key, column) => expect(Number(fields[column + 1])).toBe(row[key]));
    });
  });

  it('csv-rfc: commas, dot decimals, ISO dates, quoting, no BOM', async () => {
    const model = mixedModel();
    const csv = text(await exportTable(model, 'csv-rfc'));
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const rows = parseCsv(csv, ',');
    expect(rows[0]).toEqual(model.columns.map((column) => column.label));
    expect(rows[1]).toEqual(['Amsterdam, "centrum"', '2023-01-15', '2023-05', '2023-01-27T13:05:00Z', '1234', '9500.50', '12.5', '3.5', 'true']);
    expect(rows[3]?.[0]).toBe('Totaal');
    expect(rows[3]?.[4]).toBe('1241');
  });

  it('csv (Dutch) writes decimal commas, euros and guards against formulas', async () => {
    const rows = parseCsv(text(await exportTable(mixedModel(), 'csv')).slice(1), ';');
    expect(rows[1]).toEqual(['Amsterdam, "centrum"', '15-01-2023', '2023-05', '27-01-2023 14:05:00', '1234', '9500,50', '12,5', '3,5', 'ja']);
    expect(rows[2]?.[0]).toBe("'=SOM(A1)");
  });

  it('md and html: caption, the published cells, Bron, notes, provenance', async () => {
    const markdown = text(await exportTable(tabel1Model(), 'md'));
    expect(parseMarkdownTable(markdown)).toEqual(EXPECTED_TEXTS);
    expect(markdown).toContain(`**Tabel 1: ELIP minstens € 9.500 geleend, per cohort (asielmigranten)**`);
    expect(markdown).toContain('\nBron: DUO\n');
    expect(markdown).toContain(PROVENANCE_LINE);
    const html = text(await exportTable(tabel1Model(), 'html'));
    expect(parseHtmlTable(html)).toEqual(EXPECTED_TEXTS);
    expect(html).toMatch(/<caption[^>]*><b>Tabel 1: ELIP minstens € 9\.500 geleend, per cohort \(asielmigranten\)<\/b><\/caption>/);
    expect(html).toContain('>Bron: DUO</p>');
    expect(html).toContain(PROVENANCE_LINE);
  });

  it('md and html escape what would break them', async () => {
    const model = mixedModel();
    const markdown = text(await exportTable(model, 'md'));
    expect(parseMarkdownTable(markdown)[1]?.[0]).toBe('Amsterdam, "centrum"');
    expect(parseMarkdownTable(markdown)[2]?.[0]).toBe('=SOM(A1)');
    const html = text(await exportTable(model, 'html'));
    expect(html).toContain('<b>Tabel 1: Gemengd &lt;test&gt; &amp; &quot;zo&quot;</b></caption>');
    expect(parseHtmlTable(html)[3]?.[0]).toBe('Totaal');
  });

  it('json is the model', async () => {
    expect(JSON.parse(text(await exportTable(tabel1Model(), 'json')))).toEqual(tabel1Model());
  });
});

describe('office formats read back', () => {
  it('xlsx: caption, frozen header, real numbers with display formats, Bron, provenance', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBufferOf(await exportTable(tabel1Model(), 'xlsx')));
    const sheet = workbook.getWorksheet('Tabel 1');
    if (sheet === undefined) throw new Error('no sheet Tabel 1');
    expect(sheet.getCell('A1').value).toBe(CAPTION);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(EXPECTED_TEXTS[0]?.map((_, column) => sheet.getCell(2, column + 1).value)).toEqual(EXPECTED_TEXTS[0]);
    const model = tabel1Model();
    model.rows.forEach((row, index) => {
      const date = sheet.getCell(index + 3, 1);
      expect(date.value).toEqual(new Date(`${String(row.peildatum)}T00:00:00Z`));
      expect(date.numFmt).toBe('dd-mm-yyyy');
      [...COHORT_KEYS, 'totaal'].forEach((key, column) => {
        const cell = sheet.getCell(index + 3, column + 2);
        expect(cell.value).toBe(row[key]);
        expect(cell.numFmt).toBe('#,##0');
      });
    });
    expect(sheet.getCell('A7').value).toBe('Bron: DUO');
    expect(sheet.getCell('A8').value).toBe(model.notes[0]);
    expect(sheet.getCell('A9').value).toBe(PROVENANCE_LINE);
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(10);
  });

  it('xlsx: euros from cents, percentages as fractions, totals and hidden cells', async () => {
    const model = applyDisclosure(mixedModel(), 'suppress', { k: 10 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBufferOf(await exportTable(model, 'xlsx', { tableNumber: 4 })));
    const sheet = workbook.getWorksheet('Tabel 4');
    if (sheet === undefined) throw new Error('no sheet Tabel 4');
    expect(sheet.getCell('A1').value).toBe('Tabel 4: Gemengd <test> & "zo"');
    expect(sheet.getCell('F3').value).toBe(9500.5);
    expect(sheet.getCell('F3').numFmt).toBe('"€" #,##0.00');
    expect(sheet.getCell('F4').numFmt).toBe('"€" #,##0');
    expect(sheet.getCell('G3').value).toBe(0.125);
    expect(sheet.getCell('G3').numFmt).toBe('0.0%');
    // 7 is hidden as '<10'; the cheapest cell that keeps it from the column total is 1234.
    expect(sheet.getCell('E4').value).toBe('<10');
    expect(sheet.getCell('E3').value).toBe('x');
    expect(sheet.getCell('A5').value).toBe('Totaal');
    expect(sheet.getCell('E5').value).toBe(1241);
    expect(sheet.getCell('E5').font?.bold).toBe(true);
  });

  it('ods: mimetype first and stored, floats with Dutch data styles, dates, Bron', async () => {
    const bytes = await exportTable(tabel1Model(), 'ods');
    expect(firstZipEntry(bytes)).toEqual({ name: 'mimetype', method: 0 });
    const files = unzip(bytes);
    expect(files.mimetype).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(Object.keys(files)).toEqual(['mimetype', 'META-INF/manifest.xml', 'content.xml', 'styles.xml', 'meta.xml', 'settings.xml']);
    // The caption and header rows stay in view, as in the XLSX.
    expect(files['settings.xml']).toMatch(/<config:config-item-map-entry config:name="Tabel 1">.*VerticalSplitPosition" config:type="int">2</);
    expect(files['META-INF/manifest.xml']).toContain('manifest:full-path="settings.xml"');
    expect(files['content.xml']).toContain('<number:number-style style:name="N-count" number:language="nl" number:country="NL">');
    const [sheet] = odfTables(files['content.xml'] ?? '');
    expect(sheet?.name).toBe('Tabel 1');
    const rows = sheet?.rows ?? [];
    expect(rows[0]?.[0]?.text).toBe(CAPTION);
    expect(rows.slice(1, 5).map((row) => row.map((cell) => cell.text))).toEqual(EXPECTED_TEXTS);
    const model = tabel1Model();
    model.rows.forEach((row, index) => {
      const cells = rows[index + 2] ?? [];
      expect(cells[0]).toMatchObject({ type: 'date', dateValue: row.peildatum });
      [...COHORT_KEYS, 'totaal'].forEach((key, column) => {
        expect(cells[column + 1]?.type).toBe('float');
        expect(Number(cells[column + 1]?.value)).toBe(row[key]);
        expect(parseDutchNumber(cells[column + 1]?.text ?? '')).toBe(row[key]);
      });
    });
    expect(rows.map((row) => row[0]?.text)).toContain('Bron: DUO');
    expect(rows.at(-1)?.[0]?.text).toBe(PROVENANCE_LINE);
    expect(files['meta.xml']).toContain('<meta:creation-date>2026-11-23T13:30:00Z</meta:creation-date>');
  });

  it('ods: currency, percentage, date, month and instant cells of every column type', async () => {
    const [sheet] = odfTables(unzip(await exportTable(mixedModel(), 'ods'))['content.xml'] ?? '');
    const row = sheet?.rows[2] ?? [];
    expect(row[0]).toMatchObject({ type: 'string', text: 'Amsterdam, "centrum"' });
    expect(row[1]).toMatchObject({ type: 'date', dateValue: '2023-01-15', text: '15-01-2023' });
    expect(row[2]).toMatchObject({ type: 'date', dateValue: '2023-05-01', text: 'mei 2023' });
    expect(row[3]).toMatchObject({ type: 'date', dateValue: '2023-01-27T14:05:00', text: '27-01-2023 14:05' });
    expect(row[4]).toMatchObject({ type: 'float', value: '1234', text: '1.234' });
    expect(row[5]).toMatchObject({ type: 'currency', value: '9500.5', text: '€ 9.500,50' });
    expect(row[6]).toMatchObject({ type: 'percentage', value: '0.125', text: '12,5%' });
    expect(row[7]).toMatchObject({ type: 'float', value: '3.5', text: '3,5' });
    expect(row[8]).toMatchObject({ type: 'string', text: 'ja' });
    expect(sheet?.rows[4]?.[0]?.text).toBe('Totaal');
  });

  it('refuses an unknown format from an untyped caller', async () => {
    await expect(exportTable(tabel1Model(), JSON.parse('"pdf"'))).rejects.toThrow(/not an export format/);
  });

  it('odt: caption, table cells, Bron, notes and provenance paragraphs', async () => {
    const bytes = await exportTable(tabel1Model(), 'odt');
    expect(firstZipEntry(bytes)).toEqual({ name: 'mimetype', method: 0 });
    const content = unzip(bytes)['content.xml'] ?? '';
    const [table] = odfTables(content);
    expect(table?.rows.map((row) => row.map((cell) => cell.text))).toEqual(EXPECTED_TEXTS);
    expect(Number(table?.rows[1]?.[11]?.value)).toBe(2396);
    expect(odtParagraphs(content)).toEqual([CAPTION, 'Bron: DUO', tabel1Model().notes[0], PROVENANCE_LINE]);
  });

  it('docx: caption, table cells, Bron, notes and provenance paragraphs', async () => {
    const files = unzip(await exportTable(tabel1Model(), 'docx'));
    const documentXml = files['word/document.xml'] ?? '';
    expect(docxTables(documentXml)).toEqual([EXPECTED_TEXTS]);
    expect(docxParagraphs(documentXml).filter((paragraph) => paragraph !== '')).toEqual([CAPTION, 'Bron: DUO', tabel1Model().notes[0], PROVENANCE_LINE]);
    expect(files['docProps/core.xml']).toContain('2026-11-23T13:30:00Z');
  });

  it('shows rounding marks and hidden cells the same way in every format', async () => {
    const rounded = applyDisclosure({ ...tabel1Model(), totals: totalsOf(tabel1Model()) }, 'round5');
    const markdown = parseMarkdownTable(text(await exportTable(rounded, 'md')));
    expect(markdown[0]?.at(-1)).toBe('Totaal*');
    expect(markdown[4]?.[0]).toBe('Totaal*');
    expect(markdown[1]).toEqual(['01-05-2022', '25', '80', '205', '460', '600', '720', '270', '30', '5', '0', '2.395']);
    const suppressed = applyDisclosure({ ...tabel1Model(), totals: totalsOf(tabel1Model()) }, 'suppress', { k: 10 });
    const docxRows = docxTables(unzip(await exportTable(suppressed, 'docx'))['word/document.xml'] ?? '')[0] ?? [];
    const odtRows = odfTables(unzip(await exportTable(suppressed, 'odt'))['content.xml'] ?? '')[0]?.rows.map((row) => row.map((cell) => cell.text));
    const htmlRows = parseHtmlTable(text(await exportTable(suppressed, 'html')));
    expect(odtRows).toEqual(docxRows);
    expect(htmlRows).toEqual(docxRows);
    expect(docxRows[1]?.[9]).toBe('<10');
    expect(docxRows.flat().filter((cell) => cell === 'x').length).toBe(countHiddenAsX(suppressed));
    expect(docxRows.flat().filter((cell) => cell === '<10').length).toBe(
      [...suppressed.rows, suppressed.totals ?? {}].reduce((sum, row) => sum + (row._suppressed?.length ?? 0), 0) - countHiddenAsX(suppressed),
    );
  });
});

describe('bijlage', () => {
  const models = () => [tabel1Model(), mixedModel()];

  it('docx and odt: one document with captions Tabel 1 and Tabel 2', async () => {
    const documentXml = unzip(await exportBijlage(models(), 'docx'))['word/document.xml'] ?? '';
    expect(docxTables(documentXml)).toHaveLength(2);
    const captions = docxParagraphs(documentXml).filter((paragraph) => paragraph.startsWith('Tabel '));
    expect(captions).toEqual([CAPTION, 'Tabel 2: Gemengd <test> & "zo"']);
    const content = unzip(await exportBijlage(models(), 'odt'))['content.xml'] ?? '';
    expect(odfTables(content)).toHaveLength(2);
    expect(odtParagraphs(content).filter((paragraph) => paragraph.startsWith('Tabel '))).toEqual(captions);
  });

  it('xlsx and ods: the contents sheet Inhoud and a sheet per table', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBufferOf(await exportBijlage(models(), 'xlsx')));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Inhoud', 'Tabel 1', 'Tabel 2']);
    const contents = workbook.getWorksheet('Inhoud');
    expect(contents?.getCell('A3').value).toBe(1);
    expect(contents?.getCell('B4').text).toBe('Gemengd <test> & "zo"');
    expect(contents?.getCell('C4').value).toBe('Tabel 2');
    expect(workbook.getWorksheet('Tabel 2')?.getCell('A1').value).toBe('Tabel 2: Gemengd <test> & "zo"');
    const sheets = odfTables(unzip(await exportBijlage(models(), 'ods'))['content.xml'] ?? '');
    expect(sheets.map((sheet) => sheet.name)).toEqual(['Inhoud', 'Tabel 1', 'Tabel 2']);
    expect(sheets[0]?.rows[3]?.map((cell) => cell.text)).toEqual(['2', 'Gemengd <test> & "zo"', 'Tabel 2']);
  });

  it('refuses an empty bijlage', async () => {
    await expect(exportBijlage([], 'docx')).rejects.toThrow(/minstens één tabel|at least one table/);
  });
});

// ── fixtures ───────────────────────────────────────────────────────────────────────

function totalsOf(model: TableModel): TableModel['totals'] {
  const totals: NonNullable<TableModel['totals']> = { peildatum: null };
  for (const key of [...COHORT_KEYS, 'totaal']) {
    totals[key] = model.rows.reduce((sum, row) => sum + (typeof row[key] === 'number' ? row[key] : 0), 0);
  }
  return totals;
}

/** How many hidden cells show 'x': secondary ones and hidden totals. */
function countHiddenAsX(model: TableModel): number {
  return [...model.rows, ...(model.totals === null ? [] : [model.totals])].reduce((sum, row) => {
    const secondary = Array.isArray(row._secondary) ? row._secondary : [];
    const hidden = row._suppressed ?? [];
    return sum + hidden.filter((key) => row === model.totals || key === 'totaal' || secondary.includes(key)).length;
  }, 0);
}

/** Every column type, text that needs escaping and quoting, and a totals row. */
function mixedModel(): TableModel {
  return {
    id: 'gemengd',
    title: 'Gemengd <test> & "zo"',
    columns: [
      { key: 'naam', label: 'Naam', type: 'text' },
      { key: 'datum', label: 'Datum', type: 'date' },
      { key: 'maand', label: 'Maand', type: 'month' },
      { key: 'moment', label: 'Moment', type: 'instant' },
      { key: 'aantal', label: 'Aantal', type: 'count' },
      { key: 'bedrag', label: 'Bedrag', type: 'money_cent' },
      { key: 'aandeel', label: 'Aandeel', type: 'percent' },
      { key: 'dagen', label: 'Dagen', type: 'days' },
      { key: 'bijzonder', label: 'Bijzonder', type: 'boolean' },
    ],
    rows: [
      { naam: 'Amsterdam, "centrum"', datum: '2023-01-15', maand: '2023-05', moment: '2023-01-27T13:05:00Z', aantal: 1234, bedrag: 950050, aandeel: 12.5, dagen: 3.5, bijzonder: true },
      { naam: '=SOM(A1)', datum: '2023-02-01', maand: '2023-06', moment: '2023-07-01T10:00:00Z', aantal: 7, bedrag: 100000, aandeel: 50, dagen: 10, bijzonder: false },
    ],
    totals: { naam: null, aantal: 1241, bedrag: null },
    notes: ['Een noot met | pijp en *ster*.'],
    source: 'DUO & IND',
    parameters: {},
    disclosure: { method: 'none' },
    provenance: { snapshot_sha256: '0123456789abcdef'.repeat(4), peildatum: '2023-09-15', generator: 'ketenlens 0.1.0', created_at: '2026-01-02T03:04:05Z' },
  };
}
