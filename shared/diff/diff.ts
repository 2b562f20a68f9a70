// Compare two snapshots table by table: per cell the old value, the new value and the
// difference, at the same parameters and with each snapshot at its own peildatum; for the
// ELIP, fine-backlog and data-leak tables the difference decomposed by cause, in counts,
// when the snapshots share a pseudonym domain (snapshot-v1.md, addendum). Isomorphic; only
// counts leave this module, never a person id. Definitions: docs/DIFF.md.
import { buildTable, type TableRequest } from '../tables/catalogue';
import type { AnalysisSession } from '../tables/session';
import type { CellValue, ColumnType, TableModel, TableRow } from '../tables/model';
import { CAUSES, attributeCauses, type Cause } from './causes';
import { DECOMPOSABLE_TABLES, cellKey, isDecomposableColumn, personContributions, type Contributions } from './contributions';

export type Comparison = 'gelijke_parameters' | 'eigen_peildatum';
export const COMPARISONS: readonly Comparison[] = ['gelijke_parameters', 'eigen_peildatum'];

/** Persons (or records) that came into a cell and that left it, for one cause. */
export interface CauseCount {
  added: number;
  removed: number;
}

export interface CellDifference {
  row: string;
  rowLabel: string;
  column: string;
  columnLabel: string;
  type: ColumnType;
  old: CellValue;
  new: CellValue;
  /** new − old for numeric cells; null otherwise. */
  difference: number | null;
  /** Per cause (all of CAUSES); null when the cell is not decomposed. Σ (added − removed) = difference. */
  causes: Record<Cause, CauseCount> | null;
}

export interface TableComparison {
  tableId: string;
  title: string;
  comparison: Comparison;
  oldParameters: Record<string, unknown>;
  newParameters: Record<string, unknown>;
  /**
   * Cells whose value differs, then every cell of the totals row (row '__totaal__'), then
   * (decomposed tables) unchanged cells that persons entered and left in equal numbers.
   */
  cells: CellDifference[];
  /** Whether the count cells were decomposed by cause. */
  decomposed: boolean;
  /** Why not, when not: 'not_comparable' (pseudonym domains) or 'table' (no cause decomposition for this table). */
  notDecomposedBecause: 'not_comparable' | 'table' | null;
  /** Decomposable cells whose person contributions did not add up to the table's cell (then left undecomposed). */
  unexplainedCells: number;
}

export type Comparability = { comparable: true; domain: string } | { comparable: false; reason: 'absent' | 'different'; old: string | null; new: string | null };

export interface SnapshotSide {
  peildatum: string;
  sha256: string;
  pseudoniem_domein: string | null;
  titel: string | null;
}

export interface DiffReport {
  old: SnapshotSide;
  new: SnapshotSide;
  comparability: Comparability;
  tables: TableComparison[];
}

export const TOTAL_ROW = '__totaal__';

/** The columns that identify a row of a table (its first column when not listed). */
const ROW_KEY_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  'elip-cohorten': ['peildatum'],
  'elip-gemeenten': ['gemeente_code'],
  'boete-achterstand': ['maand'],
  'boete-ouderdom': ['band'],
  'incasso-achterstand': ['jaar', 'soort'],
  'datalek-gemeenten': ['gemeente_code'],
  'datalek-categorieen': ['categorie'],
  'kennisgeving-vertraging': ['doelgroep'],
};
/** Columns that name a row rather than hold a figure. */
const LABEL_COLUMNS = new Set(['gemeente', 'omschrijving']);

const meta = (session: AnalysisSession, key: string): string | null => {
  const value = session.snapshot.meta[key];
  return value === undefined || value.trim() === '' ? null : value;
};

/** Whether person ids of the two snapshots may be matched (snapshot-v1.md, addendum). */
export function comparabilityOf(oldSession: AnalysisSession, newSession: AnalysisSession): Comparability {
  const before = meta(oldSession, 'pseudoniem_domein');
  const after = meta(newSession, 'pseudoniem_domein');
  if (before !== null && before === after) return { comparable: true, domain: before };
  return { comparable: false, reason: before === null || after === null ? 'absent' : 'different', old: before, new: after };
}

function side(session: AnalysisSession): SnapshotSide {
  return {
    peildatum: session.snapshot.meta.peildatum,
    sha256: session.snapshot.sha256,
    pseudoniem_domein: meta(session, 'pseudoniem_domein'),
    titel: meta(session, 'titel'),
  };
}

interface KeyedRows {
  rows: Map<string, TableRow>;
  labels: Map<string, string>;
}

function keyedRows(model: TableModel, ownPeildatum: boolean): KeyedRows {
  const keyColumns = ROW_KEY_COLUMNS[model.id] ?? [model.columns[0]?.key ?? ''];
  const rows = new Map<string, TableRow>();
  const labels = new Map<string, string>();
  for (const row of model.rows) {
    const parts = keyColumns.map((column) => (ownPeildatum && column === 'peildatum' ? 'eigen' : row[column] === null || row[column] === undefined ? 'null' : String(row[column])));
    const key = parts.join('/');
    rows.set(key, row);
    const name = typeof row.gemeente === 'string' ? row.gemeente : null;
    labels.set(key, name === null ? key : key === 'null' ? name : `${name} (${key})`);
  }
  return { rows, labels };
}

const isNumber = (value: unknown): value is number => typeof value === 'number';

function emptyCauses(): Record<Cause, CauseCount> {
  return Object.fromEntries(CAUSES.map((cause) => [cause, { added: 0, removed: 0 }])) as Record<Cause, CauseCount>;
}

/** Per-person totals over the rows of a column (for the totals row). */
function columnTotals(contributions: Contributions): Contributions {
  const totals: Contributions = new Map();
  for (const [person, cells] of contributions) {
    const summed = new Map<string, number>();
    for (const [key, amount] of cells) {
      const column = key.slice(key.indexOf('\u0000') + 1);
      summed.set(cellKey(TOTAL_ROW, column), (summed.get(cellKey(TOTAL_ROW, column)) ?? 0) + amount);
    }
    totals.set(person, summed);
  }
  return totals;
}

interface Decomposition {
  byCell: Map<string, Record<Cause, CauseCount>>;
}

/** Attribute every person whose contribution to a cell changed to one cause; counts per cell. */
function decompose(
  oldSession: AnalysisSession, newSession: AnalysisSession, before: Contributions, after: Contributions, keys: ReadonlySet<string>,
): Decomposition {
  const changed = new Map<string, Map<string, number>>();
  for (const person of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(person);
    const now = after.get(person);
    for (const key of new Set([...(was?.keys() ?? []), ...(now?.keys() ?? [])])) {
      if (!keys.has(key)) continue;
      const delta = (now?.get(key) ?? 0) - (was?.get(key) ?? 0);
      if (delta === 0) continue;
      const deltas = changed.get(person) ?? new Map<string, number>();
      deltas.set(key, delta);
      changed.set(person, deltas);
    }
  }
  const causes = attributeCauses(oldSession.snapshot.db, newSession.snapshot.db, [...changed.keys()], oldSession.snapshot.meta.peildatum);
  const byCell = new Map<string, Record<Cause, CauseCount>>();
  for (const [person, deltas] of changed) {
    const cause = causes.get(person) ?? 'overig';
    for (const [key, delta] of deltas) {
      const counts = byCell.get(key) ?? emptyCauses();
      if (delta > 0) counts[cause].added += delta;
      else counts[cause].removed -= delta;
      byCell.set(key, counts);
    }
  }
  return { byCell };
}

function sumOf(contributions: Contributions, key: string): number {
  let sum = 0;
  for (const cells of contributions.values()) sum += cells.get(key) ?? 0;
  return sum;
}

function compareTables(
  oldSession: AnalysisSession, newSession: AnalysisSession, oldModel: TableModel, newModel: TableModel,
  comparison: Comparison, comparability: Comparability,
): TableComparison {
  const ownPeildatum = comparison === 'eigen_peildatum';
  const before = keyedRows(oldModel, ownPeildatum);
  const after = keyedRows(newModel, ownPeildatum);
  const keyColumns = new Set(ROW_KEY_COLUMNS[newModel.id] ?? [newModel.columns[0]?.key ?? '']);
  const columns = [...newModel.columns, ...oldModel.columns.filter((column) => !newModel.columns.some((each) => each.key === column.key))]
    .filter((column) => !keyColumns.has(column.key) && !LABEL_COLUMNS.has(column.key));
  const rowKeys = [...new Set([...before.rows.keys(), ...after.rows.keys()])];
  const decomposable = DECOMPOSABLE_TABLES.includes(newModel.id);
  const decomposed = decomposable && comparability.comparable;

  const cells: CellDifference[] = [];
  const valueOf = (row: TableRow | undefined | null, column: { key: string; type: ColumnType }): CellValue => {
    const value = row?.[column.key];
    if (value === undefined || Array.isArray(value)) return column.type === 'count' ? 0 : null;
    return value;
  };
  for (const rowKey of rowKeys) {
    for (const column of columns) {
      const was = valueOf(before.rows.get(rowKey), column);
      const now = valueOf(after.rows.get(rowKey), column);
      if (was === now) continue;
      cells.push({
        row: rowKey, rowLabel: after.labels.get(rowKey) ?? before.labels.get(rowKey) ?? rowKey, column: column.key, columnLabel: column.label,
        type: column.type, old: was, new: now, difference: isNumber(was) && isNumber(now) ? now - was : null, causes: null,
      });
    }
  }
  if (oldModel.totals !== null || newModel.totals !== null) {
    for (const column of columns) {
      const was = valueOf(oldModel.totals, column);
      const now = valueOf(newModel.totals, column);
      cells.push({
        row: TOTAL_ROW, rowLabel: 'Totaal', column: column.key, columnLabel: column.label, type: column.type,
        old: was, new: now, difference: isNumber(was) && isNumber(now) ? now - was : null, causes: null,
      });
    }
  }

  let unexplainedCells = 0;
  if (decomposed) {
    const request = (model: TableModel) => ({ tableId: model.id, model, ...(ownPeildatum ? { peildatumRowKey: 'eigen' } : {}) });
    let oldContributions = personContributions(oldSession.snapshot.db, request(oldModel));
    let newContributions = personContributions(newSession.snapshot.db, request(newModel));
    const totalsWanted = cells.some((cell) => cell.row === TOTAL_ROW);
    if (totalsWanted) {
      // Totals are decomposed from each person's sum over the rows, so a move between rows nets out.
      const merge = (contributions: Contributions): Contributions => {
        const totals = columnTotals(contributions);
        for (const [person, cellsOfPerson] of contributions) for (const [key, amount] of totals.get(person) ?? []) cellsOfPerson.set(key, amount);
        return contributions;
      };
      oldContributions = merge(oldContributions);
      newContributions = merge(newContributions);
    }
    const wanted = new Set<string>();
    for (const cell of cells) {
      if (!isDecomposableColumn(newModel.id, cell.column) || cell.difference === null) continue;
      const key = cellKey(cell.row, cell.column);
      // Decompose only where the persons add up to the cells the tables show, in both snapshots.
      if (sumOf(oldContributions, key) === (cell.old ?? 0) && sumOf(newContributions, key) === (cell.new ?? 0)) wanted.add(key);
      else unexplainedCells++;
    }
    // Cells whose value did not change but whose persons did (as many in as out): listed too.
    const listed = new Set(cells.map((cell) => cellKey(cell.row, cell.column)));
    const unchanged = new Map<string, CellDifference>();
    for (const contributions of [oldContributions, newContributions]) {
      for (const cellsOfPerson of contributions.values()) {
        for (const key of cellsOfPerson.keys()) {
          if (listed.has(key) || unchanged.has(key)) continue;
          const [row = '', columnKey = ''] = key.split('\u0000');
          const column = columns.find((each) => each.key === columnKey);
          if (column === undefined || row === TOTAL_ROW || !isDecomposableColumn(newModel.id, columnKey)) continue;
          const was = valueOf(before.rows.get(row), column);
          const now = valueOf(after.rows.get(row), column);
          if (was !== now || !isNumber(was) || sumOf(oldContributions, key) !== was || sumOf(newContributions, key) !== now) continue;
          unchanged.set(key, {
            row, rowLabel: after.labels.get(row) ?? before.labels.get(row) ?? row, column: column.key, columnLabel: column.label,
            type: column.type, old: was, new: now, difference: 0, causes: null,
          });
          wanted.add(key);
        }
      }
    }
    const { byCell } = decompose(oldSession, newSession, oldContributions, newContributions, wanted);
    for (const [key, cell] of unchanged) if (byCell.has(key)) cells.push(cell);
    for (const cell of cells) {
      const key = cellKey(cell.row, cell.column);
      if (wanted.has(key)) cell.causes = byCell.get(key) ?? emptyCauses();
    }
  }
  return {
    tableId: newModel.id,
    title: newModel.title,
    comparison,
    oldParameters: oldModel.parameters,
    newParameters: newModel.parameters,
    cells,
    decomposed,
    notDecomposedBecause: decomposed ? null : decomposable ? 'not_comparable' : 'table',
    unexplainedCells,
  };
}

export interface DiffOptions {
  tableIds: readonly string[];
  /** Parameters for the comparison at the same parameters; without peildata: the old snapshot's peildatum. */
  request?: TableRequest;
  comparisons?: readonly Comparison[];
}

/** Compare two opened snapshots; `oldSession` is the earlier one. */
export function diffSnapshots(oldSession: AnalysisSession, newSession: AnalysisSession, options: DiffOptions): DiffReport {
  const comparability = comparabilityOf(oldSession, newSession);
  const request = options.request ?? {};
  const same: TableRequest = { ...request, peildata: request.peildata ?? [oldSession.snapshot.meta.peildatum] };
  const tables: TableComparison[] = [];
  for (const tableId of options.tableIds) {
    for (const comparison of options.comparisons ?? COMPARISONS) {
      const oldRequest = comparison === 'gelijke_parameters' ? same : { ...request, peildata: [oldSession.snapshot.meta.peildatum] };
      const newRequest = comparison === 'gelijke_parameters' ? same : { ...request, peildata: [newSession.snapshot.meta.peildatum] };
      const oldModel = buildTable(oldSession, tableId, oldRequest);
      const newModel = buildTable(newSession, tableId, newRequest);
      tables.push(compareTables(oldSession, newSession, oldModel, newModel, comparison, comparability));
    }
  }
  return { old: side(oldSession), new: side(newSession), comparability, tables };
}

/** Σ over causes of (added − removed): equals the cell's difference whenever the cell is decomposed. */
export function netOfCauses(causes: Record<Cause, CauseCount>): number {
  return CAUSES.reduce((sum, cause) => sum + causes[cause].added - causes[cause].removed, 0);
}
