// What the analyses add to the SQL helpers of shared/snapshot/sql.ts (which they use to
// read rows): the SQL condition that leaves out the rows the loader marked to skip, and
// small SQL text and value helpers.
import type { Database, SqlValue } from 'sql.js';
import { selectRows } from '../../snapshot/sql';
import { ensureChecked } from '../../snapshot/findings';
import type { SnapshotTable } from '../../snapshot/types';

export function tableExists(db: Database, table: string): boolean {
  return selectRows(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).length > 0;
}

/**
 * SQL condition over `alias` that is true for a row the analyses may use: not in
 * temp.skip_<table> (keyed by rowid as `rid`, or by the primary key of a WITHOUT ROWID
 * table). Without a skip table every row is usable.
 */
export function usableCondition(db: Database, table: SnapshotTable, alias: string): string {
  // A snapshot opened with checks when needed checks the table now, so its skip table is complete.
  ensureChecked(db, [table]);
  const columns = selectRows(db, `PRAGMA temp.table_info(skip_${table})`).map((row) => String(row[1]));
  if (columns.length === 0) return '1';
  const skipTable = `temp.skip_${table}`;
  // Most snapshots skip nothing: then no per-row lookup at all.
  if (selectRows(db, `SELECT 1 FROM ${skipTable} LIMIT 1`).length === 0) return '1';
  if (columns.length === 1 && columns[0] === 'rid') return `${alias}.rowid NOT IN (SELECT rid FROM ${skipTable})`;
  const own = columns.map((column) => `${alias}.${column}`).join(', ');
  const tuple = columns.length === 1 ? own : `(${own})`;
  return `${tuple} NOT IN (SELECT ${columns.join(', ')} FROM ${skipTable})`;
}

/** An SQL text literal. */
export function sqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Day number (days since 1970-01-01) of a date column, NULL unless it looks like 'YYYY-MM-DD'. */
export function sqlDay(expression: string): string {
  return `CASE WHEN ${expression} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN julianday(${expression}) - 2440587.5 END`;
}

/** A number cell read from sql.js (NULL → NaN). */
export function numberOrNaN(value: SqlValue | undefined): number {
  return typeof value === 'number' ? value : Number.NaN;
}

/**
 * A person row the analyses may use: not skipped by the loader, and its municipality is
 * NULL or a known, usable one (a person pointing at an unknown municipality is a
 * dangling reference and is left out, as the loader does).
 */
export function usablePersonCondition(db: Database, alias: string): string {
  return `${usableCondition(db, 'inburgeraar', alias)} AND (${alias}.gemeente_code IS NULL OR ${alias}.gemeente_code IN
    (SELECT g.code FROM gemeente g WHERE ${usableCondition(db, 'gemeente', 'g')} AND g.code GLOB 'GM[0-9][0-9][0-9][0-9]'))`;
}

/** The position of a value read from the database in a list of allowed values, or -1. */
export function indexIn<T>(values: readonly T[], value: unknown): number {
  return values.findIndex((each) => each === value);
}
