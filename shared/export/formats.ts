// The export formats, once: every other list or union of formats (the command line's,
// the app's menu, the worker protocol, the reconcile readers) is derived from these. Kept
// apart from the exporters so the UI can name formats without loading them.

export const EXPORT_FORMATS = ['json', 'csv', 'csv-rfc', 'md', 'html', 'xlsx', 'docx', 'ods', 'odt'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Formats that are text (may go to stdout); the others are zip containers. */
export const TEXT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'csv-rfc', 'md', 'html'];

/** Formats that hold a bijlage (several tables in one document or workbook). */
export const BIJLAGE_FORMATS = ['docx', 'odt', 'xlsx', 'ods'] as const satisfies readonly ExportFormat[];
export type BijlageFormat = (typeof BIJLAGE_FORMATS)[number];

/** The formats of the app's export menu, in its order: all but JSON (the command line's machine format). */
export const APP_EXPORT_FORMATS = ['csv', 'csv-rfc', 'xlsx', 'docx', 'ods', 'odt', 'html', 'md'] as const satisfies readonly ExportFormat[];
export type AppExportFormat = (typeof APP_EXPORT_FORMATS)[number];

export const FILE_EXTENSIONS: Record<ExportFormat, string> = {
  json: '.json', csv: '.csv', 'csv-rfc': '.csv', md: '.md', html: '.html', xlsx: '.xlsx', docx: '.docx', ods: '.ods', odt: '.odt',
};

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  'csv-rfc': 'text/csv;charset=utf-8',
  md: 'text/markdown;charset=utf-8',
  html: 'text/html;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odt: 'application/vnd.oasis.opendocument.text',
};

export function isExportFormat(text: string): text is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(text);
}

export function isBijlageFormat(text: string): text is BijlageFormat {
  return (BIJLAGE_FORMATS as readonly string[]).includes(text);
}
