// `ketenlens query <snapshot> "<SELECT …>" [--format table|csv|json] [--max-rows N]`:
// one read-only SQL statement over the snapshot (shared/snapshot/query.ts refuses the rest).
import type { SqlValue } from 'sql.js';
import { InvalidParameterError } from '../../../errors';
import { runReadOnlyQuery, type QueryResult } from '../../../snapshot/query';
import { type Command, parseCommandArgs } from '../command';
import { KEY_HELP, KEY_OPTIONS } from '../keys';
import { openSnapshotForCommand, requirePositionals } from '../../snapshot/open-for-command';
import { commandTrail } from '../trail';
import { auditedSql } from '../../../snapshot/audited-sql';
import { hexOf } from '../../../digest';

export const DEFAULT_MAX_ROWS = 10_000;

const HELP = `Usage: ketenlens query <snapshot> "<SELECT …>" [--format table|csv|json] [--max-rows N] [key options]

Runs one read-only SQL statement (SELECT, WITH … SELECT, VALUES or EXPLAIN) on the
snapshot in memory and prints the result. Anything that could change the data is refused
(exit 7). The TEMP views usable_<table> hold the rows the analyses use (skipped rows left
out); skip_<table> lists the skipped ones. Put -- before the SQL when it starts with '-'
(a comment), e.g. ketenlens query s.age -- "-- mijn query
SELECT 1".

Options:
  --format table|csv|json  output format (default table); csv is RFC 4180 with CRLF, NULL empty
  --max-rows N             print at most N rows (default ${DEFAULT_MAX_ROWS}; 0 = no limit); a note on
                           stderr says when rows were left out
${KEY_HELP}

Exit codes: 0 ok, 2 usage or SQL error, 3 key, 4 damaged or not age, 5 not a snapshot v1,
6 cannot read the file, 7 refused (not read-only, file too large).
`;

const FORMATS = ['table', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

function isFormat(value: string): value is Format {
  return FORMATS.some((format) => format === value);
}

/** A cell as text: NULL as given, blobs as SQL hex literals. */
function cellText(value: SqlValue, nullText: string): string {
  if (value === null) return nullText;
  if (value instanceof Uint8Array) return `x'${hexOf(value)}'`;
  return String(value);
}

export function formatTable(result: QueryResult): string {
  const cells = result.rows.map((row) => row.map((value) => cellText(value, 'NULL')));
  const widths = result.columns.map((column, index) => Math.max(column.length, ...cells.map((row) => row[index]!.length)));
  const numeric = result.columns.map(
    (_, index) =>
      result.rows.some((row) => typeof row[index] === 'number') &&
      result.rows.every((row) => typeof row[index] === 'number' || row[index] === null),
  );
  const line = (values: string[], alignNumbers: boolean) =>
    values.map((value, index) => (alignNumbers && numeric[index] ? value.padStart(widths[index]!) : value.padEnd(widths[index]!))).join('  ').trimEnd();
  return [line(result.columns, false), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map((row) => line(row, true))]
    .map((text) => `${text}\n`)
    .join('');
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatCsv(result: QueryResult): string {
  return [result.columns, ...result.rows.map((row) => row.map((value) => cellText(value, '')))]
    .map((row) => `${row.map(csvField).join(',')}\r\n`)
    .join('');
}

export function formatJson(result: QueryResult): string {
  const rows = result.rows.map((row) => row.map((value) => (value instanceof Uint8Array ? cellText(value, '') : value)));
  return `${JSON.stringify({ columns: result.columns, rows, truncated: result.truncated })}\n`;
}

function parseMaxRows(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_ROWS;
  if (!/^\d+$/.test(text)) throw new InvalidParameterError('--max-rows', `'${text}' is geen geheel getal ≥ 0`, `'${text}' is not a whole number ≥ 0`);
  const value = Number(text);
  return value === 0 ? Infinity : value;
}

export const queryCommand: Command = {
  name: 'query',
  summary: 'run one read-only SQL query on a snapshot (table, csv or json)',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...KEY_OPTIONS, format: { type: 'string', default: 'table' }, 'max-rows': { type: 'string' } });
    const [path, sql] = requirePositionals(positionals, ['snapshot', 'SQL'], 'query');
    const format = values.format;
    if (!isFormat(format)) {
      throw new InvalidParameterError('--format', `'${format}' is niet table, csv of json`, `'${format}' is not table, csv or json`);
    }
    const maxRows = parseMaxRows(values['max-rows']);
    const trail = commandTrail('query', 'required', io);
    const snapshot = await openSnapshotForCommand(path!, values, io, trail);
    try {
      const result = runReadOnlyQuery(snapshot.db, sql!, { maxRows });
      // Recorded before a row is shown: a query result leaves the machine like an export.
      await trail.record('query', {
        sha256: snapshot.sha256, ...auditedSql(sql!), rows: result.rows.length, truncated: result.truncated, format,
      });
      const formatted = format === 'csv' ? formatCsv(result) : format === 'json' ? formatJson(result) : formatTable(result);
      io.stdout.write(formatted);
      if (result.truncated) {
        io.stderr.write(
          io.language === 'nl'
            ? `ketenlens query: alleen de eerste ${result.rows.length} rijen getoond (--max-rows 0 voor alles).\n`
            : `ketenlens query: only the first ${result.rows.length} rows shown (--max-rows 0 for all).\n`,
        );
      }
      return 0;
    } finally {
      snapshot.close();
    }
  },
};
