// What can leave a grid, and how protected: a disclosure choice (suppression below 10 by
// default for tables), Kopieer selectie, Kopieer HTML, a format and Exporteren — each
// through the one way out (renderer/app/way-out.ts) with what the grid shows. Also the
// target of the menu's "Exporteren → Huidige tabel".
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { DEFAULT_SUPPRESSION_K, type DisclosureChoice } from '../../shared/export/disclosure';
import type { TableModel } from '../../shared/tables/model';
import { EXPORT_FORMATS, asExportFormat, registerExporter } from '../app/current-export';
import { useWayOut } from '../app/use-way-out';
import { defaultDisclosure, type Way } from '../app/way-out';
import { useLanguage } from '../i18n/i18n';
import type { ExportFormat, GridView } from '../worker/protocol';

type DisclosureKey = 'suppress' | 'round5' | 'round10' | 'none';
const DISCLOSURE_KEYS: readonly DisclosureKey[] = ['suppress', 'round5', 'round10', 'none'];

function choiceOf(key: DisclosureKey): DisclosureChoice {
  if (key === 'suppress') return { method: 'suppress', k: DEFAULT_SUPPRESSION_K };
  if (key === 'round5') return { method: 'round', base: 5 };
  if (key === 'round10') return { method: 'round', base: 10 };
  return { method: 'none' };
}

function keyOf(choice: DisclosureChoice): DisclosureKey {
  if (choice.method === 'round') return choice.base === 5 ? 'round5' : 'round10';
  return choice.method;
}

export interface GridWayOut {
  copySelection(): void;
  controls: ReactElement;
}

/** The grid's ways out; `controls` goes in the toolbar, copySelection serves Ctrl+C. */
export function useGridWayOut(model: TableModel, view: GridView, name: string, onStatus: (status: string) => void): GridWayOut {
  const { send, dialog } = useWayOut();
  const { t } = useLanguage();
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [protection, setProtection] = useState<DisclosureKey>(() => keyOf(defaultDisclosure(model)));
  const [busy, setBusy] = useState(false);

  async function run(way: Way, target: Parameters<typeof send>[0]['target']) {
    setBusy(true);
    try {
      onStatus(await send({ way, models: [model], view, disclosure: choiceOf(protection), target, fileName: name }));
    } finally {
      setBusy(false);
    }
  }

  const container = useRef<HTMLSpanElement>(null);
  // The latest run, for the menu's "current table" command.
  const exportLatest = useRef<(chosen: ExportFormat) => void>(() => undefined);
  useEffect(() => {
    exportLatest.current = (chosen) => void run('menu-export', { kind: 'file', format: chosen });
  });
  useEffect(() => {
    const card = container.current?.closest('section, .card') ?? container.current?.parentElement;
    if (!(card instanceof HTMLElement)) return undefined;
    return registerExporter(card, (chosen) => exportLatest.current(chosen));
  }, []);

  const controls = (
    <span className="grid-export" ref={container}>
      <label>
        <span className="visually-hidden">{t('wayOutProtection')}</span>
        <select value={protection} onChange={(e) => setProtection(DISCLOSURE_KEYS.find((key) => key === e.target.value) ?? 'suppress')} data-testid={`protection-${name}`} title={t('wayOutProtection')}>
          {DISCLOSURE_KEYS.map((key) => <option key={key} value={key}>{t(`disclosure_${key}`)}</option>)}
        </select>
      </label>
      <button type="button" className="secondary" onClick={() => void run('copy-selection', { kind: 'clipboard-text' })} disabled={busy}>
        {t('copySelection')}
      </button>
      <button type="button" className="secondary" onClick={() => void run('copy-html', { kind: 'clipboard-html' })} disabled={busy}>{t('copyHtml')}</button>
      <label>
        <span className="visually-hidden">{t('exportFormat')}</span>
        <select value={format} onChange={(e) => setFormat(asExportFormat(e.target.value) ?? 'xlsx')} data-testid={`format-${name}`}>
          {EXPORT_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
      </label>
      <button type="button" onClick={() => void run('grid-export', { kind: 'file', format })} disabled={busy}>{t('export')}</button>
      {dialog}
    </span>
  );
  return { copySelection: () => void run('copy-selection', { kind: 'clipboard-text' }), controls };
}
