// What a grid shows of its model: sorting and column visibility (held by TanStack Table),
// column filters, the search, and the selected rows — and that state as the GridView the
// way out applies, so exports and copies carry exactly what the person sees.
import { useMemo, useState, type MouseEvent } from 'react';
import { getCoreRowModel, useReactTable, type ColumnDef, type SortingState, type Table, type VisibilityState } from '@tanstack/react-table';
import type { TableColumn, TableModel, TableRow } from '../../shared/tables/model';
import type { GridView } from '../worker/protocol';
import { filterRows, sortRows } from './grid-rows';

const NO_ROWS: TableRow[] = [];

export interface GridViewState {
  table: Table<TableRow>;
  /** Row indices in shown order. */
  order: Uint32Array;
  visibleColumns: TableColumn[];
  selected: ReadonlySet<number>;
  view: GridView;
  search: string;
  setSearch(text: string): void;
  filterFor(key: string): string;
  setFilter(key: string, text: string): void;
  isVisible(key: string): boolean;
  setVisible(key: string, visible: boolean): void;
  selectRow(event: MouseEvent, position: number): void;
  selectAll(): void;
}

export function useGridView(model: TableModel): GridViewState {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnFilters, setColumnFilters] = useState<Record<string, string>>({});
  const [search, setSearch] = useState('');
  const [visibility, setVisibility] = useState<VisibilityState>({});
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);

  const columns = useMemo<ColumnDef<TableRow>[]>(
    () => model.columns.map((column) => ({ id: column.key, accessorFn: (row) => row[column.key] ?? null, header: column.label })),
    [model.columns],
  );

  // TanStack Table holds the column state (sorting, visibility); the rows themselves are
  // filtered and sorted over an index array (grid-rows.ts), which stays fast at 1M rows.
  // TanStack keeps its own mutable state; the React compiler then skips this hook, as intended.
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

  const sortKeys = useMemo(() => sorting.map((s) => ({ key: s.id, descending: s.desc })), [sorting]);
  const filtered = useMemo(() => filterRows(model.rows, model.columns, columnFilters, search), [model.rows, model.columns, columnFilters, search]);
  const order = useMemo(() => sortRows(model.rows, filtered, sortKeys), [model.rows, filtered, sortKeys]);
  const visibleColumns = model.columns.filter((c) => visibility[c.key] !== false);

  const view: GridView = {
    filters: columnFilters,
    search,
    sorting: sortKeys,
    hiddenColumns: model.columns.filter((c) => visibility[c.key] === false).map((c) => c.key),
    selectedRows: Array.from(selected),
  };

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

  return {
    table,
    order,
    visibleColumns,
    selected,
    view,
    search,
    setSearch,
    filterFor: (key) => columnFilters[key] ?? '',
    setFilter: (key, text) => setColumnFilters((previous) => ({ ...previous, [key]: text })),
    isVisible: (key) => visibility[key] !== false,
    setVisible: (key, visible) => setVisibility((previous) => ({ ...previous, [key]: visible })),
    selectRow,
    selectAll: () => setSelected(new Set(order)),
  };
}
