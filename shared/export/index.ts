// One entry point for every export format of a TableModel and of a bijlage (several
// tables in one file). Pure: returns bytes, never touches the file system, so the app,
// the command line and a Web Worker use the same code.
import { InvalidParameterError } from '../errors';
import type { TableModel } from '../tables/model';
import { exportCsv } from './csv';
import type { DocxOptions } from './docx';
import { exportHtml } from './html';
import { exportMarkdown } from './markdown';
import { exportOds, exportOdt } from './opendocument';
import { exportXlsx } from './xlsx';
import { buildProvenance, embedProvenance } from './provenance';
import { EXPORT_FORMATS, type BijlageFormat, type ExportFormat } from './formats';

export {
  APP_EXPORT_FORMATS, BIJLAGE_FORMATS, EXPORT_FORMATS, FILE_EXTENSIONS, isBijlageFormat, isExportFormat, MEDIA_TYPES, TEXT_FORMATS,
  type AppExportFormat, type BijlageFormat, type ExportFormat,
} from './formats';

export interface ExportOptions {
  /** Caption number: "Tabel N" (default 1). */
  tableNumber?: number;
}

function checkedNumber(tableNumber: number | undefined): number {
  const number = tableNumber ?? 1;
  if (!Number.isInteger(number) || number < 1) {
    throw new InvalidParameterError('tableNumber', `het tabelnummer moet een positief geheel getal zijn (gekregen: ${number}).`, `the table number must be a positive integer (got: ${number}).`);
  }
  return number;
}

const utf8 = new TextEncoder();

/**
 * The DOCX writer on first use: the `docx` package is ≈ 1 MB of module that every start of
 * the command line would otherwise parse (≈ 50 ms), for the few exports that write DOCX.
 */
async function exportDocx(models: readonly TableModel[], options: DocxOptions): Promise<Uint8Array> {
  const docx = await import('./docx');
  return docx.exportDocx(models, options);
}

/** The model as the exporters render it: what it holds, including disclosure (see docs/EXPORT.md). */
export async function exportTable(model: TableModel, format: ExportFormat, options: ExportOptions = {}): Promise<Uint8Array> {
  const number = checkedNumber(options.tableNumber);
  return embedProvenance(await renderTable(model, format, number), format, buildProvenance([model], format, number));
}

async function renderTable(model: TableModel, format: ExportFormat, number: number): Promise<Uint8Array> {
  switch (format) {
    case 'json':
      return utf8.encode(`${JSON.stringify(model, null, 2)}\n`);
    case 'csv':
      return utf8.encode(exportCsv(model, 'excel-nl'));
    case 'csv-rfc':
      return utf8.encode(exportCsv(model, 'rfc4180'));
    case 'md':
      return utf8.encode(exportMarkdown(model, number));
    case 'html':
      return utf8.encode(exportHtml(model, number));
    case 'xlsx':
      return exportXlsx([model], { firstNumber: number });
    case 'docx':
      return exportDocx([model], { firstNumber: number });
    case 'ods':
      return exportOds([model], { firstNumber: number });
    case 'odt':
      return exportOdt([model], { firstNumber: number });
    default:
      return unknownFormat(format);
  }
}

/** Callers outside TypeScript (IPC, a worker message) can still pass any string. */
function unknownFormat(format: never): never {
  const list = EXPORT_FORMATS.join(', ');
  throw new InvalidParameterError('format', `'${String(format)}' is geen exportformaat; kies ${list}.`, `'${String(format)}' is not an export format; choose ${list}.`);
}

export interface BijlageOptions {
  /** Document title (default: 'Bijlage'). */
  title?: string;
}

/**
 * Several tables in one file: DOCX/ODT as one document with captions Tabel 1…N;
 * XLSX/ODS as the contents sheet 'Inhoud' and a sheet per table.
 */
export async function exportBijlage(models: readonly TableModel[], format: BijlageFormat, options: BijlageOptions = {}): Promise<Uint8Array> {
  if (models.length === 0) {
    throw new InvalidParameterError('--tables', 'een bijlage heeft minstens één tabel nodig.', 'a bijlage needs at least one table.');
  }
  const title = options.title ?? 'Bijlage';
  return embedProvenance(await renderBijlage(models, format, title), format, buildProvenance(models, format));
}

async function renderBijlage(models: readonly TableModel[], format: BijlageFormat, title: string): Promise<Uint8Array> {
  switch (format) {
    case 'docx':
      return exportDocx(models, { title });
    case 'odt':
      return exportOdt(models, { title });
    case 'xlsx':
      return exportXlsx(models, { title, contents: true });
    case 'ods':
      return exportOds(models, { title, contents: true });
    default:
      return unknownFormat(format);
  }
}

export { applyDisclosure, parseDisclosure, type DisclosureChoice } from './disclosure';
export { assertExportAllowed, countSmallCells, isPersonLevel } from './guard';
export { tableHtml } from './html';
export {
  buildProvenance, embedProvenance, needsProvenanceSidecar, provenanceSidecar, provenanceSidecarName, readProvenance,
  withAuditReference, type ExportProvenance,
} from './provenance';
