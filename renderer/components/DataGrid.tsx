// The one grid of Ketenlens: every table model is shown here — toolbar (search, columns,
// the ways out), the table itself (GridTable), a footer and the notes. What it shows is
// held by useGridView; what leaves goes through the one way out with that same view.
import { useState } from 'react';
import type { TableModel, TableRow } from '../../shared/tables/model';
import { useLanguage } from '../i18n/i18n';
import { useGridWayOut } from './GridActions';
import { GridTable } from './GridTable';
import { useGridView } from './use-grid-view';

export interface DataGridProps {
  model: TableModel;
  /** Shown above the grid; defaults to the model's title. */
  caption?: string;
  /** Short name used in test ids and file names. */
  name?: string;
  /** An extra class for a body cell (e.g. Controleren marks differing cells). */
  cellClass?: (row: TableRow, columnKey: string) => string | undefined;
}

export function DataGrid({ model, caption, name, cellClass }: DataGridProps) {
  const { t } = useLanguage();
  const [status, setStatus] = useState('');
  const gridId = name ?? model.id;
  const label = caption ?? model.title;
  const state = useGridView(model);
  const wayOut = useGridWayOut(model, state.view, gridId, setStatus);
  const rowCount = state.order.length;

  return (
    <section className="grid-card" aria-label={label} data-grid={gridId} data-rows={rowCount}>
      <div className="grid-toolbar">
        <h2 className="grid-title">{label}</h2>
        <div className="grid-tools">
          <label className="search">
            <span className="visually-hidden">{t('search')}</span>
            <input type="search" value={state.search} placeholder={t('searchPlaceholder')} onChange={(e) => state.setSearch(e.target.value)} data-testid={`search-${gridId}`} />
          </label>
          <details className="column-menu">
            <summary>{t('columns')}</summary>
            <fieldset>
              <legend className="visually-hidden">{t('columnsShow')}</legend>
              {model.columns.map((column) => (
                <label key={column.key}>
                  <input type="checkbox" checked={state.isVisible(column.key)} onChange={(e) => state.setVisible(column.key, e.target.checked)} />
                  {column.label}
                </label>
              ))}
            </fieldset>
          </details>
          {wayOut.controls}
        </div>
      </div>
      <GridTable model={model} label={label} gridId={gridId} state={state} onCopy={wayOut.copySelection} {...(cellClass === undefined ? {} : { cellClass })} />
      <div className="grid-footer">
        <span>{t('rowsShown', { shown: rowCount.toLocaleString('nl-NL'), total: model.rows.length.toLocaleString('nl-NL') })}</span>
        {model.source !== '' && <span>{t('source', { source: model.source })}</span>}
        <span role="status" className="grid-status">{status}</span>
      </div>
      {model.notes.length > 0 && (
        <details className="notes">
          <summary>{t('notes')}</summary>
          <ul>{model.notes.map((note) => <li key={note}>{note}</li>)}</ul>
        </details>
      )}
    </section>
  );
}
