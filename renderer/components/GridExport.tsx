// Export controls under every grid: a format, an Export button (through the worker's
// exporters and the host's save dialog), and "Kopieer HTML" for pasting into a letter.
import { useState } from 'react';
import type { TableModel } from '../../shared/tables/model';
import { useApp } from '../app/context';
import { saveBytes } from '../app/save';
import { localized, useLanguage } from '../i18n/i18n';
import { asWireError } from '../worker/client';
import type { ExportFormat } from '../worker/protocol';

const FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'docx', 'ods', 'odt', 'html', 'md'];

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

  async function exportNow() {
    const confirmed = confirmExport === undefined ? true : await confirmExport();
    if (!confirmed) return;
    setBusy(true);
    try {
      const { bytes } = await core.call('export', { models: [model], format, disclosure: 'none', personLevelConfirmed: personLevel && confirmed });
      const saved = await saveBytes(host, model.id, format, bytes);
      if (saved !== null) {
        onStatus(t('exported', { path: saved.path }));
        void host.invoke('audit:append', { action: 'export-table', details: { table: model.id, format, path: saved.path, sha256: saved.sha256 } });
      }
    } catch (error) {
      onStatus(localized(asWireError(error), language));
    } finally {
      setBusy(false);
    }
  }

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
    <span className="grid-export">
      <label>
        <span className="visually-hidden">{t('exportFormat')}</span>
        <select value={format} onChange={(e) => setFormat(FORMATS.find((f) => f === e.target.value) ?? 'xlsx')}>
          {FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
      </label>
      <button type="button" onClick={() => void exportNow()} disabled={busy}>{t('export')}</button>
      <button type="button" className="secondary" onClick={() => void copyHtml()}>{t('copyHtml')}</button>
    </span>
  );
}
