// The one set of typed helpers over a sql.js Database: run a statement and get rows back
// as plain arrays (or visit them one by one), and turn SQLite's own "this is not a
// database" errors into the typed refusal. Used by the loader, the findings, the read-only
// query, the analyses' facts and diff.
//
// The null rule: a value read from the database is a SqlValue, and SQL NULL is `null`;
// selectValue answers `null` too when there is no row at all. No helper answers
// `undefined`, so callers test one thing (`=== null`).
import type { Database, SqlValue } from 'sql.js';
import { NotSqliteError } from '../errors';

export type Row = SqlValue[];

/** All rows of one statement (with optional positional parameters). */
export function selectRows(db: Database, sql: string, parameters: SqlValue[] = []): Row[] {
  const statement = db.prepare(sql);
  try {
    if (parameters.length > 0) statement.bind(parameters);
    const rows: Row[] = [];
    while (statement.step()) rows.push(statement.get());
    return rows;
  } finally {
    statement.free();
  }
}

/** The first column of the first row; null when it is NULL or there is no row. */
export function selectValue(db: Database, sql: string, parameters: SqlValue[] = []): SqlValue {
  return selectRows(db, sql, parameters)[0]?.[0] ?? null;
}

/** Call `visit` for each row without collecting them (for large scans). */
export function forEachRow(db: Database, sql: string, visit: (row: Row) => void, parameters: SqlValue[] = []): void {
  const statement = db.prepare(sql);
  try {
    if (parameters.length > 0) statement.bind(parameters);
    while (statement.step()) visit(statement.get());
  } finally {
    statement.free();
  }
}

/** Quote an identifier for SQL text (names come from our own schema lists, but be safe). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const CORRUPT_MESSAGES = [
  'file is not a database', 'database disk image is malformed', 'malformed database schema', 'unsupported file format',
  'database corruption',
];

/** Whether an error thrown by sql.js says the image is damaged or not SQLite at all. */
export function isCorruptImageError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return CORRUPT_MESSAGES.some((fragment) => message.includes(fragment));
}

/** Run `work`; a damaged image surfaces as NotSqliteError, anything else passes through. */
export function refuseCorruptImage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (isCorruptImageError(error)) throw new NotSqliteError();
    throw error;
  }
}
