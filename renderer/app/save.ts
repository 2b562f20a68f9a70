// The host's half of saving an export: the save dialog (export:choose, with the file filter
// for each format) and writing the bytes to the path the person chose (export:write).
import type { ExportWrite, HostApi, PickedFile, WrittenExport } from '../../shared/ipc/contract';

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  'csv-rfc': { name: 'CSV (RFC 4180)', extensions: ['csv'] },
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
  docx: { name: 'Word', extensions: ['docx'] },
  ods: { name: 'OpenDocument-rekenblad', extensions: ['ods'] },
  odt: { name: 'OpenDocument-tekst', extensions: ['odt'] },
  html: { name: 'HTML', extensions: ['html'] },
  md: { name: 'Markdown', extensions: ['md'] },
  png: { name: 'PNG', extensions: ['png'] },
  svg: { name: 'SVG', extensions: ['svg'] },
};

/** Ask where the export goes; null when the person cancels the dialog. */
export function chooseExportPath(host: HostApi, baseName: string, format: string): Promise<PickedFile | null> {
  const filter = FILTERS[format] ?? { name: format, extensions: [format] };
  return host.invoke('export:choose', { suggestedName: `${baseName}.${filter.extensions[0] ?? format}`, filters: [filter] });
}

/** Write an export to the chosen path; the host records `export-written` with its SHA-256. */
export function writeExport(host: HostApi, request: ExportWrite): Promise<WrittenExport> {
  return host.invoke('export:write', request);
}
