// The grid's table: sortable headers, a filter row, virtualised body rows (a million stays
// smooth), and the totals row. Kept as plain <table>/<th>/<td> so the stylesheet can make
// headers wrap and the first column sticky for wide tables.
import { useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CellValue, TableColumn, TableModel, TableRow } from '../../shared/tables/model';
import { isNumericType } from '../../shared/tables/model';
import { formatCell } from '../../shared/format/index';
import { useLanguage } from '../i18n/i18n';
import { cellText } from './grid-filters';
import type { GridViewState } from './use-grid-view';

const ROW_HEIGHT = 34;
const VISIBLE_ROWS = 16;

interface Props {
  model: TableModel;
  label: string;
  gridId: string;
  state: GridViewState;
  onCopy(): void;
  cellClass?: (row: TableRow, columnKey: string) => string | undefined;
}

export function GridTable({ model, label, gridId, state, onCopy, cellClass }: Props) {
  const { t } = useLanguage();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { table, order, visibleColumns, selected } = state;
  const rowCount = order.length;
  // TanStack Virtual keeps its own mutable state; the React compiler then skips this component, as intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  // A totals row that names itself (e.g. gemeente 'Totaal') needs no extra label.
  const totalsLabelled = model.totals !== null && Object.values(model.totals).some((value) => typeof value === 'string' && value !== '');
  const height = Math.min(Math.max(rowCount, 1), VISIBLE_ROWS) * ROW_HEIGHT + ROW_HEIGHT * 2 + 8 + (model.totals ? ROW_HEIGHT : 0);

  function onGridKey(event: KeyboardEvent) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c') {
      event.preventDefault();
      onCopy();
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      state.selectAll();
    }
  }

  return (
    <div
      className="grid-scroll"
      ref={scrollRef}
      style={{ height }}
      tabIndex={0}
      onKeyDown={onGridKey}
      role="region"
      aria-label={`${label}: ${t('rowsShown', { shown: rowCount, total: model.rows.length })}`}
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
                    value={state.filterFor(column.id)}
                    onChange={(e) => state.setFilter(column.id, e.target.value)}
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
                onClick={(event) => state.selectRow(event, item.index)}
                style={{ height: ROW_HEIGHT }}
              >
                {visibleColumns.map((column) => <GridCell key={column.key} row={row} column={column} extraClass={cellClass?.(row, column.key)} />)}
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
  );
}

function GridCell({ row, column, fallback = '', header = false, extraClass }: { row: TableRow; column: TableColumn; fallback?: string; header?: boolean; extraClass?: string | undefined }) {
  const { t } = useLanguage();
  const value: CellValue | string[] | undefined = row[column.key];
  const suppressed = row._suppressed?.includes(column.key) === true;
  const text = suppressed ? '·' : value === null || value === undefined ? fallback : formatCell(value, column);
  const className = [isNumericType(column.type) ? 'num' : '', extraClass ?? ''].filter((each) => each !== '').join(' ') || undefined;
  const title = suppressed ? t('suppressed') : undefined;
  if (header && text !== '') return <th scope="row" className={className}>{text}</th>;
  return <td className={className} title={title} aria-label={suppressed ? t('suppressed') : undefined}>{text || cellText(row, column)}</td>;
}
