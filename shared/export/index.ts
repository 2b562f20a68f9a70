// One entry point for every export format of a TableModel (placeholder: json only until
// the exporters land). Pure: returns bytes or text, never touches the file system.
import type { TableModel } from '../tables/model';
import { UsageError } from '../errors';

export type ExportFormat = 'json' | 'csv' | 'csv-rfc' | 'md' | 'html' | 'xlsx' | 'docx' | 'ods' | 'odt';

export interface ExportOptions {
  /** Caption number: "Tabel N". */
  tableNumber?: number;
}

export async function exportTable(model: TableModel, format: ExportFormat, _options: ExportOptions = {}): Promise<Uint8Array> {
  if (format === 'json') return new TextEncoder().encode(`${JSON.stringify(model, null, 2)}\n`);
  throw new UsageError(`Exportformaat ${format} is nog niet beschikbaar.`, `Export format ${format} is not available yet.`);
}
