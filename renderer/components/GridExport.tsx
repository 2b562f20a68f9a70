// Export controls under every grid: a format, an Export button (through the worker's
// exporters and the host's save dialog), and "Kopieer HTML" for pasting into a letter.
import { useEffect, useRef, useState } from 'react';
import { EXPORT_FORMATS, asExportFormat, registerExporter } from '../app/current-export';
import type { TableModel } from '../../shared/tables/model';
import { useApp } from '../app/context';
import { saveBytes } from '../app/save';
import { localized, useLanguage } from '../i18n/i18n';
import { asWireError } from '../worker/client';
import type { ExportFormat } from '../worker/protocol';


interface Props {
  model: TableModel;
  confirmExport?: () => Promise<boolean>;
  personLevel: boolean;
  onStatus(message: string): void;
}

export function GridExport({ model, confirmExport, personLevel, onStatus }: Props) {
  const { core, host } = useApp();
  const { t, language } = useLanguage();
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [busy, setBusy] = useState(false);

  const container = useRef<HTMLSpanElement>(null);
  // The latest exportNow, for the menu's "current table" command.
  const exportLatest = useRef<(chosen: ExportFormat) => void>(() => undefined);
  useEffect(() => {
    const card = container.current?.closest('section, .card') ?? container.current?.parentElement;
    if (!(card instanceof HTMLElement)) return undefined;
    return registerExporter(card, (chosen) => exportLatest.current(chosen));
  }, []);

  async function exportNow(chosen: ExportFormat = format) {
    const confirmed = confirmExport === undefined ? true : await confirmExport();
    if (!confirmed) return;
    setBusy(true);
    try {
      const { bytes } = await core.call('export', { models: [model], format: chosen, disclosure: 'none', personLevelConfirmed: personLevel && confirmed });
      const saved = await saveBytes(host, model.id, chosen, bytes);
      if (saved !== null) {
        onStatus(t('exported', { path: saved.path }));
        void host.invoke('audit:append', { action: 'export-table', details: { table: model.id, format: chosen, path: saved.path, sha256: saved.sha256 } });
      }
    } catch (error) {
      onStatus(localized(asWireError(error), language));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    exportLatest.current = (chosen) => void exportNow(chosen);
  });

  async function copyHtml() {
    try {
      const { html } = await core.call('html', { model });
      const item = new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([html], { type: 'text/plain' }) });
      await navigator.clipboard.write([item]);
      onStatus(t('copiedHtml'));
    } catch (error) {
      onStatus(localized(asWireError(error), language));
    }
  }

  return (
    <span className="grid-export" ref={container}>
      <label>
        <span className="visually-hidden">{t('exportFormat')}</span>
        <select value={format} onChange={(e) => setFormat(asExportFormat(e.target.value) ?? 'xlsx')}>
          {EXPORT_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
      </label>
      <button type="button" onClick={() => void exportNow()} disabled={busy}>{t('export')}</button>
      <button type="button" className="secondary" onClick={() => void copyHtml()}>{t('copyHtml')}</button>
    </span>
  );
}
