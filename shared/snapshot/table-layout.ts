// Where a table's columns are in its stored records, read from the schema through sql.js,
// so the b-tree scanner (btree.ts) can read rows by column name: the root page, whether the
// table is WITHOUT ROWID (then the record holds the primary key columns first), and which
// column is an alias of the rowid (stored as NULL, its value is the rowid). Tables whose
// layout the scanner cannot reproduce exactly (generated columns, a column added later
// with a default) get no layout, and their callers use SQL.
import type { Database } from 'sql.js';
import { quoteIdentifier as q, selectRows } from './sql';

/** The rowid stands for this column (an INTEGER PRIMARY KEY of a rowid table). */
export const ROWID_COLUMN = -1;

export interface TableLayout {
  table: string;
  rootPage: number;
  withoutRowid: boolean;
  /** Lower-case column name → index in the record, or ROWID_COLUMN. */
  columns: Map<string, number>;
  /** Lower-case column names in declaration order. */
  names: string[];
  /** Lower-case column names whose declared type gives REAL affinity (integers read back as reals). */
  realAffinity: Set<string>;
}

/** SQLite's affinity rules (https://www.sqlite.org/datatype3.html, 3.1), only whether it is REAL. */
function isRealAffinity(declaredType: string): boolean {
  const type = declaredType.toUpperCase();
  if (type.includes('INT') || type.includes('CHAR') || type.includes('CLOB') || type.includes('TEXT') || type.includes('BLOB')) return false;
  return type.includes('REAL') || type.includes('FLOA') || type.includes('DOUB');
}

/** The layout of table `table` of the main database, or null when the scanner cannot read it exactly. */
export function tableLayout(db: Database, table: string): TableLayout | null {
  const root = selectRows(db, "SELECT rootpage FROM main.sqlite_schema WHERE type = 'table' AND lower(name) = lower(?)", [table]);
  if (root.length !== 1 || typeof root[0]![0] !== 'number' || root[0]![0] < 1) return null;
  // cid, name, type, notnull, dflt_value, pk, hidden
  const info = selectRows(db, 'SELECT cid, lower(name), type, dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid', [table]);
  if (info.length === 0 || info.some((row) => Number(row[5]) !== 0 || row[3] !== null)) return null;
  let withoutRowid = false;
  try {
    db.prepare(`SELECT rowid FROM main.${q(table)} LIMIT 0`).free();
  } catch {
    withoutRowid = true;
  }
  const columns = new Map<string, number>();
  const realAffinity = new Set<string>();
  for (const row of info) if (isRealAffinity(String(row[2] ?? ''))) realAffinity.add(String(row[1]));
  if (withoutRowid) {
    // The record is that of the primary key index: key columns in key order, then the rest.
    const key = info.filter((row) => Number(row[4]) > 0).sort((a, b) => Number(a[4]) - Number(b[4]));
    const rest = info.filter((row) => Number(row[4]) === 0);
    [...key, ...rest].forEach((row, index) => columns.set(String(row[1]), index));
  } else {
    info.forEach((row, index) => columns.set(String(row[1]), index));
    const key = info.filter((row) => Number(row[4]) > 0);
    if (key.length === 1) {
      // Whether the one key column is the rowid: the compiled read of it uses the Rowid opcode
      // (an INTEGER PRIMARY KEY DESC, for one, is not an alias).
      const name = String(key[0]![1]);
      const program = selectRows(db, `EXPLAIN SELECT ${q(name)} FROM main.${q(table)} NOT INDEXED`).map((row) => String(row[1]));
      if (program.includes('Rowid')) columns.set(name, ROWID_COLUMN);
    }
  }
  const rootPage = Number(root[0]![0]);
  return { table, rootPage, withoutRowid, columns, names: info.map((row) => String(row[1])), realAffinity };
}
