// The one grid of Ketenlens: every table model is shown here, with sorting, per-column
// filters, a global search, column show/hide, virtualised rows (a million stays smooth),
// Dutch number and date formats by column type, TSV copy of a selection, and export.
import { useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { getCoreRowModel, useReactTable, type ColumnDef, type SortingState, type VisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CellValue, TableColumn, TableModel, TableRow } from '../../shared/tables/model';
import { isNumericType } from '../../shared/tables/model';
import { formatCell } from '../../shared/format/index';
import { useLanguage } from '../i18n/i18n';
import { cellText, rowsAsTsv } from './grid-filters';
import { filterRows, sortRows } from './grid-rows';
import { GridExport } from './GridExport';

const ROW_HEIGHT = 34;
const VISIBLE_ROWS = 16;

export interface DataGridProps {
  model: TableModel;
  /** Shown above the grid; defaults to the model's title. */
  caption?: string;
  /** Asked before an export; resolve false to cancel (person-level SQL results). */
  confirmExport?: () => Promise<boolean>;
  personLevel?: boolean;
  /** Short name used in test ids and file names. */
  name?: string;
}

const NO_ROWS: TableRow[] = [];

export function DataGrid({ model, caption, confirmExport, personLevel = false, name }: DataGridProps) {
  const { t } = useLanguage();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnFilters, setColumnFilters] = useState<Record<string, string>>({});
  const [search, setSearch] = useState('');
  const [visibility, setVisibility] = useState<VisibilityState>({});
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridId = name ?? model.id;

  const columns = useMemo<ColumnDef<TableRow>[]>(
    () => model.columns.map((column) => ({ id: column.key, accessorFn: (row) => row[column.key] ?? null, header: column.label })),
    [model.columns],
  );

  // TanStack Table holds the column state (sorting, visibility); the rows themselves are
  // filtered and sorted over an index array (grid-rows.ts), which stays fast at 1M rows.
  // TanStack keeps its own mutable state; the React compiler then skips this component, as intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: NO_ROWS,
    columns,
    state: { sorting, columnVisibility: visibility },
    onSortingChange: setSorting,
    onColumnVisibilityChange: setVisibility,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: true,
    // Without rows TanStack cannot guess a direction; the first click always sorts ascending.
    sortDescFirst: false,
    getCoreRowModel: getCoreRowModel(),
  });

  const filtered = useMemo(() => filterRows(model.rows, model.columns, columnFilters, search), [model.rows, model.columns, columnFilters, search]);
  const order = useMemo(
    () => sortRows(model.rows, filtered, sorting.map((s) => ({ key: s.id, descending: s.desc }))),
    [model.rows, filtered, sorting],
  );
  const rowCount = order.length;
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const visibleColumns = model.columns.filter((c) => visibility[c.key] !== false);
  // A totals row that names itself (e.g. gemeente 'Totaal') needs no extra label.
  const totalsLabelled = model.totals !== null && Object.values(model.totals).some((value) => typeof value === 'string' && value !== '');
  const height = Math.min(Math.max(rowCount, 1), VISIBLE_ROWS) * ROW_HEIGHT + ROW_HEIGHT * 2 + 8 + (model.totals ? ROW_HEIGHT : 0);

  function selectRow(event: MouseEvent, position: number) {
    const index = order[position] ?? 0;
    const next = new Set(event.ctrlKey || event.metaKey ? selected : []);
    if (event.shiftKey && anchor !== null) {
      const from = order.indexOf(anchor);
      for (let i = Math.min(from, position); i <= Math.max(from, position); i += 1) next.add(order[i] ?? 0);
    } else if (next.has(index)) next.delete(index);
    else next.add(index);
    setSelected(next);
    if (!event.shiftKey) setAnchor(index);
  }

  async function copySelection() {
    const positions = selected.size > 0 ? Array.from(order).filter((index) => selected.has(index)) : Array.from(order);
    const copied = positions.map((index) => model.rows[index]).filter((row): row is TableRow => row !== undefined);
    try {
      await navigator.clipboard.writeText(rowsAsTsv(copied, visibleColumns));
      setStatus(t('copiedRows', { count: copied.length.toLocaleString('nl-NL') }));
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    }
  }

  function onGridKey(event: KeyboardEvent) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c') {
      event.preventDefault();
      void copySelection();
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      setSelected(new Set(order));
    }
  }

  const filterFor = (key: string) => columnFilters[key] ?? '';
  const setFilter = (key: string, value: string) => setColumnFilters((previous) => ({ ...previous, [key]: value }));

  return (
    <section className="grid-card" aria-label={caption ?? model.title} data-grid={gridId} data-rows={rowCount}>
      <div className="grid-toolbar">
        <h2 className="grid-title">{caption ?? model.title}</h2>
        <div className="grid-tools">
          <label className="search">
            <span className="visually-hidden">{t('search')}</span>
            <input type="search" value={search} placeholder={t('searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} data-testid={`search-${gridId}`} />
          </label>
          <details className="column-menu">
            <summary>{t('columns')}</summary>
            <fieldset>
              <legend className="visually-hidden">{t('columnsShow')}</legend>
              {model.columns.map((column) => (
                <label key={column.key}>
                  <input
                    type="checkbox"
                    checked={visibility[column.key] !== false}
                    onChange={(e) => setVisibility((previous) => ({ ...previous, [column.key]: e.target.checked }))}
                  />
                  {column.label}
                </label>
              ))}
            </fieldset>
          </details>
          <button type="button" className="secondary" onClick={() => void copySelection()}>
            {t('copySelection')}
          </button>
          <GridExport model={model} confirmExport={confirmExport} personLevel={personLevel} onStatus={setStatus} />
        </div>
      </div>
      <div
        className="grid-scroll"
        ref={scrollRef}
        style={{ height }}
        tabIndex={0}
        onKeyDown={onGridKey}
        role="region"
        aria-label={`${caption ?? model.title}: ${t('rowsShown', { shown: rowCount, total: model.rows.length })}`}
      >
        <table className="grid" aria-rowcount={rowCount + 2}>
          <thead>
            <tr>
              {table.getVisibleLeafColumns().map((column) => {
                const meta = model.columns.find((c) => c.key === column.id);
                const sorted = column.getIsSorted();
                return (
                  <th
                    key={column.id}
                    scope="col"
                    className={meta && isNumericType(meta.type) ? 'num' : undefined}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                  >
                    <button type="button" className="sort" onClick={column.getToggleSortingHandler()}>
                      {meta?.label ?? column.id}
                      <span aria-hidden="true" className="sort-mark">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
            <tr className="filters">
              {table.getVisibleLeafColumns().map((column) => {
                const meta = model.columns.find((c) => c.key === column.id);
                return (
                  <td key={column.id} className="filter-cell">
                    <input
                      type="text"
                      aria-label={t('filterColumn', { column: meta?.label ?? column.id })}
                      value={filterFor(column.id)}
                      onChange={(e) => setFilter(column.id, e.target.value)}
                      title={meta && isNumericType(meta.type) ? t('filterNumberHint') : undefined}
                      data-testid={`filter-${gridId}-${column.id}`}
                    />
                  </td>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {paddingTop > 0 && <tr aria-hidden="true" style={{ height: paddingTop }} />}
            {items.map((item) => {
              const index = order[item.index];
              const row = index === undefined ? undefined : model.rows[index];
              if (row === undefined || index === undefined) return null;
              const isSelected = selected.has(index);
              return (
                <tr
                  key={index}
                  aria-rowindex={item.index + 3}
                  aria-selected={isSelected}
                  className={isSelected ? 'selected' : undefined}
                  onClick={(event) => selectRow(event, item.index)}
                  style={{ height: ROW_HEIGHT }}
                >
                  {visibleColumns.map((column) => <GridCell key={column.key} row={row} column={column} />)}
                </tr>
              );
            })}
            {paddingBottom > 0 && <tr aria-hidden="true" style={{ height: paddingBottom }} />}
            {rowCount === 0 && (
              <tr>
                <td colSpan={visibleColumns.length} className="empty">{t('noRows')}</td>
              </tr>
            )}
          </tbody>
          {model.totals !== null && (
            <tfoot>
              <tr>
                {visibleColumns.map((column, index) => (
                  <GridCell key={column.key} row={model.totals ?? {}} column={column} fallback={index === 0 && !totalsLabelled ? t('totals') : ''} header={index === 0} />
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
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

function GridCell({ row, column, fallback = '', header = false }: { row: TableRow; column: TableColumn; fallback?: string; header?: boolean }) {
  const { t } = useLanguage();
  const value: CellValue | string[] | undefined = row[column.key];
  const suppressed = row._suppressed?.includes(column.key) === true;
  const text = suppressed ? '·' : value === null || value === undefined ? fallback : formatCell(value, column);
  const className = isNumericType(column.type) ? 'num' : undefined;
  const title = suppressed ? t('suppressed') : undefined;
  if (header && text !== '') return <th scope="row" className={className}>{text}</th>;
  return <td className={className} title={title} aria-label={suppressed ? t('suppressed') : undefined}>{text || cellText(row, column)}</td>;
}
