// Which grid the menu's "Exporteren → Huidige tabel" means: the one the user last worked
// in (focus inside its card), otherwise the first on the screen. Grids register here.
import { APP_EXPORT_FORMATS } from '../../shared/export/formats';
import type { ExportFormat } from '../worker/protocol';

interface Exporter {
  element: HTMLElement;
  run(format: ExportFormat): void;
  lastFocus: number;
}

const exporters = new Set<Exporter>();
let focusCounter = 0;

export function registerExporter(element: HTMLElement, run: (format: ExportFormat) => void): () => void {
  const exporter: Exporter = { element, run, lastFocus: 0 };
  const onFocus = () => {
    exporter.lastFocus = ++focusCounter;
  };
  element.addEventListener('focusin', onFocus);
  exporters.add(exporter);
  return () => {
    element.removeEventListener('focusin', onFocus);
    exporters.delete(exporter);
  };
}

/** Export the current grid in `format`; false when the screen has no grid. */
export function exportCurrentTable(format: ExportFormat): boolean {
  const present = [...exporters].filter((exporter) => exporter.element.isConnected);
  if (present.length === 0) return false;
  const inDocumentOrder = present.sort((a, b) => (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const focused = inDocumentOrder.reduce<Exporter | null>((best, exporter) => (exporter.lastFocus > (best?.lastFocus ?? 0) ? exporter : best), null);
  (focused ?? inDocumentOrder[0])?.run(format);
  return true;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = APP_EXPORT_FORMATS;

export function asExportFormat(value: string): ExportFormat | null {
  return EXPORT_FORMATS.find((format) => format === value) ?? null;
}
