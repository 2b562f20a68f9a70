// Saving exports through the host's export:save, with the file filter for each format.
import type { HostApi, SavedFile } from '../../shared/ipc/contract';

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

export function saveBytes(host: HostApi, baseName: string, format: string, bytes: Uint8Array): Promise<SavedFile | null> {
  const filter = FILTERS[format] ?? { name: format, extensions: [format] };
  return host.invoke('export:save', { suggestedName: `${baseName}.${filter.extensions[0] ?? format}`, filters: [filter], bytes });
}
