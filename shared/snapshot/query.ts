// Read-only SQL over an opened snapshot, for `ketenlens query` and the app's SQL screen.
// Three locks, each enough on its own for the common cases: only one statement, and it
// must start with SELECT, WITH, EXPLAIN or VALUES; its compiled program may not contain
// an opcode that writes a table or the schema; and PRAGMA query_only is ON while it runs.
import type { Database, SqlValue, Statement } from 'sql.js';
import { QueryError, ReadOnlyQueryError } from '../errors';

export interface QueryOptions {
  /** Stop after this many rows (the result says it was truncated); default: no limit. */
  maxRows?: number;
}

export interface QueryResult {
  columns: string[];
  rows: SqlValue[][];
  /** True when there were more rows than maxRows. */
  truncated: boolean;
}

const ALLOWED_FIRST_WORDS = new Set(['SELECT', 'WITH', 'VALUES', 'EXPLAIN']);

/**
 * Opcodes of SQLite's virtual machine that change a real table, the schema or the file.
 * Temporary b-trees of a SELECT use OpenEphemeral/OpenAutoindex, never these.
 */
const WRITING_OPCODES = new Set([
  'OpenWrite', 'Clear', 'Destroy', 'CreateBtree', 'ParseSchema', 'DropTable', 'DropIndex', 'DropTrigger',
  'Vacuum', 'IncrVacuum', 'JournalMode', 'SetCookie', 'VUpdate', 'VCreate', 'VDestroy', 'Expire',
]);

/** The first word of the SQL text, skipping whitespace, comments and opening parentheses. */
export function firstWord(sql: string): string {
  let index = 0;
  while (index < sql.length) {
    const rest = sql.slice(index);
    const space = /^[\s(]+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    if (rest.startsWith('--')) {
      const end = rest.indexOf('\n');
      index = end === -1 ? sql.length : index + end + 1;
      continue;
    }
    if (rest.startsWith('/*')) {
      const end = rest.indexOf('*/', 2);
      index = end === -1 ? sql.length : index + end + 2;
      continue;
    }
    break;
  }
  return (/^[A-Za-z_]+/.exec(sql.slice(index))?.[0] ?? '').toUpperCase();
}

/**
 * The text of the one statement in `sql`, checked by SQLite's own parser (a second
 * statement, even after a comment, is found). sql.js frees iterated statements and
 * their text when the iteration ends, so only the text is kept and compiled again.
 */
function singleStatementText(db: Database, sql: string): string {
  const texts: string[] = [];
  try {
    for (const statement of db.iterateStatements(sql)) {
      texts.push(statement.getSQL());
      statement.free();
    }
  } catch (error) {
    throw new QueryError(error instanceof Error ? error.message : String(error));
  }
  if (texts.length === 0) throw new QueryError('empty query / lege query');
  if (texts.length > 1) throw new ReadOnlyQueryError(`only one statement is allowed, this text holds ${texts.length}`);
  return texts[0]!;
}

function writingOpcodes(db: Database, sql: string): string[] {
  const found = new Set<string>();
  const statement = db.prepare(`EXPLAIN ${sql}`);
  try {
    while (statement.step()) {
      const opcode = String(statement.get()[1]);
      if (WRITING_OPCODES.has(opcode)) found.add(opcode);
    }
  } finally {
    statement.free();
  }
  return [...found];
}

/** Refuse anything that is not a single read-only statement; return it compiled. */
export function checkReadOnly(db: Database, sql: string): Statement {
  const word = firstWord(sql);
  if (!ALLOWED_FIRST_WORDS.has(word)) {
    throw new ReadOnlyQueryError(
      `${word === '' ? 'no statement found' : `a ${word} statement is not allowed`}; only SELECT, WITH … SELECT, EXPLAIN and VALUES`,
    );
  }
  const text = singleStatementText(db, sql);
  if (word !== 'EXPLAIN') {
    const writes = writingOpcodes(db, text);
    if (writes.length > 0) throw new ReadOnlyQueryError(`the statement would change the database (${writes.join(', ')})`);
  }
  return db.prepare(text);
}

/** Run one read-only query. Throws ReadOnlyQueryError or QueryError, never changes the data. */
export function runReadOnlyQuery(db: Database, sql: string, options: QueryOptions = {}): QueryResult {
  const statement = checkReadOnly(db, sql);
  const maxRows = options.maxRows ?? Infinity;
  const previous = Number(db.exec('PRAGMA query_only')[0]?.values[0]?.[0] ?? 0);
  db.run('PRAGMA query_only = ON');
  try {
    const columns = statement.getColumnNames();
    const rows: SqlValue[][] = [];
    let truncated = false;
    while (statement.step()) {
      if (rows.length >= maxRows) {
        truncated = true;
        break;
      }
      rows.push(statement.get());
    }
    return { columns, rows, truncated };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/readonly|read-only|query_only/i.test(message)) throw new ReadOnlyQueryError(message);
    throw new QueryError(message);
  } finally {
    statement.free();
    db.run(`PRAGMA query_only = ${previous === 1 ? 'ON' : 'OFF'}`);
  }
}
