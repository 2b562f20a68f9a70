// Builds a snapshot v1 database in memory from table sources (CSV byte streams or rows
// of another SQLite file), refusing every value that breaks a column's type or CHECK
// with the file, line and column named. Ids that point nowhere are accepted here: the
// reader reports them as findings, so analysts see the source's own defects.
// Isomorphic: the Node corner feeds it file streams, the app's wizard feeds it File blobs.
import type { Database, SqlJsStatic, Statement } from 'sql.js';
import { SourceDataError } from '../errors';
import { SNAPSHOT_SCHEMA_SQL, TABLE_COLUMNS } from '../snapshot/schema';
import { OPTIONAL_TABLES, REQUIRED_TABLES, type SnapshotTable } from '../snapshot/types';
import { CsvParser, type CsvField, type CsvRecord } from './csv';
import { COLUMN_RULES, ROW_RULES, type ColumnRule, type RowRule } from './rules';
import { isValidDate, isValidInstant } from '../dates';
import { parseInteger } from './values';

/** Tables whose data come from sources (meta is written by the builder itself). */
export const DATA_TABLES = [...REQUIRED_TABLES.filter((t) => t !== 'meta'), ...OPTIONAL_TABLES] as const;
export type DataTable = (typeof DATA_TABLES)[number];

const INDEX_STATEMENT = /CREATE INDEX[^;]*;/g;

export function isDataTable(name: string): name is DataTable {
  return (DATA_TABLES as readonly string[]).includes(name);
}

export interface SealMeta {
  peildatum: string;
  bron: string;
  gemeente_jaar: string;
  aangemaakt_op: string;
  producent: string;
  [key: string]: string;
}

export interface TableLoadResult {
  table: DataTable;
  file: string;
  rows: number;
}

function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let need = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      // A sequence cut off at the end of the chunk continues in the next one.
      if (i + k >= bytes.length) return -1;
      if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

export class SnapshotBuilder {
  readonly db: Database;
  private readonly loaded = new Map<DataTable, TableLoadResult>();
  private finished = false;

  constructor(SQL: SqlJsStatic) {
    this.db = new SQL.Database();
    // Ids that point nowhere must load (they become findings), so foreign keys stay off.
    this.db.exec('PRAGMA foreign_keys = OFF');
    // The database lives in sql.js's in-memory file system: a rollback journal would copy
    // every changed page once more, and a small page cache would push pages through MEMFS
    // on every batch. Nothing here needs crash safety: a failed seal writes nothing.
    this.db.exec('PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -524288; PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY');
    // Indexes are built once after the bulk load (a sort) instead of row by row.
    this.db.exec(SNAPSHOT_SCHEMA_SQL.replace(INDEX_STATEMENT, ''));
    // The optional tables are created by the schema; they are dropped at finish() when no source fed them.
  }

  /** Load one table from CSV bytes (streamed in chunks); `file` names it in messages. */
  async addCsv(
    table: DataTable,
    file: string,
    chunks: AsyncIterable<Uint8Array>,
    onBytes?: (bytes: number) => void,
  ): Promise<TableLoadResult> {
    this.assertOpen(table, file);
    const parser = new CsvParser(file);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let linesDecoded = 0;
    let loader: RowLoader | null = null;
    let rows = 0;
    const take = (records: CsvRecord[]): void => {
      for (const record of records) {
        if (loader === null) {
          loader = new RowLoader(this.db, table, file, record.fields, record.line);
          continue;
        }
        loader.add(record.fields, record.line);
        rows++;
      }
    };
    this.db.exec('BEGIN');
    try {
      for await (const chunk of chunks) {
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch {
          const found = invalidUtf8Offset(chunk);
          const offset = found === -1 ? chunk.length : found;
          const prefix = new TextDecoder('utf-8').decode(chunk.subarray(0, offset));
          throw new SourceDataError(
            file,
            linesDecoded + countNewlines(prefix) + 1,
            null,
            'het bestand is geen geldige UTF-8-tekst (sla het op als UTF-8)',
            'the file is not valid UTF-8 text (save it as UTF-8)',
          );
        }
        linesDecoded += countNewlines(text);
        take(parser.push(text));
        onBytes?.(chunk.length);
      }
      try {
        decoder.decode();
      } catch {
        throw new SourceDataError(file, linesDecoded + 1, null, 'het bestand eindigt midden in een UTF-8-teken', 'the file ends inside a UTF-8 character');
      }
      take(parser.end());
      if (loader === null) {
        throw new SourceDataError(
          file,
          1,
          null,
          `het bestand is leeg; verwacht een kopregel met de kolommen ${TABLE_COLUMNS[table].join(', ')}`,
          `the file is empty; expected a header row with the columns ${TABLE_COLUMNS[table].join(', ')}`,
        );
      }
      (loader as RowLoader).finish();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    const result = { table, file, rows };
    this.loaded.set(table, result);
    return result;
  }

  /** Load one table from rows of another database (a plaintext SQLite source). */
  addRows(table: DataTable, file: string, header: string[], rows: Iterable<{ label: number; values: CsvField[] }>): TableLoadResult {
    this.assertOpen(table, file);
    this.db.exec('BEGIN');
    let count = 0;
    try {
      const loader = new RowLoader(this.db, table, file, header, 0);
      for (const row of rows) {
        loader.add(row.values, row.label);
        count++;
      }
      loader.finish();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    const result = { table, file, rows: count };
    this.loaded.set(table, result);
    return result;
  }

  /** Check that every required table was loaded, drop absent optional tables, write meta. */
  finish(meta: SealMeta): TableLoadResult[] {
    const missing = DATA_TABLES.filter((t) => (REQUIRED_TABLES as readonly string[]).includes(t) && !this.loaded.has(t));
    if (missing.length > 0) {
      throw new SourceDataError(
        `${missing[0]}.csv`,
        null,
        null,
        `verplichte tabel ontbreekt (${missing.map((t) => `${t}.csv`).join(', ')})`,
        `required table missing (${missing.map((t) => `${t}.csv`).join(', ')})`,
      );
    }
    for (const table of OPTIONAL_TABLES) {
      if (!this.loaded.has(table)) this.db.exec(`DROP TABLE ${table}`);
    }
    for (const statement of SNAPSHOT_SCHEMA_SQL.match(INDEX_STATEMENT) ?? []) {
      const table = /\bON\s+(\w+)/i.exec(statement)?.[1];
      if (table !== undefined && (!isDataTable(table) || this.loaded.has(table) || !(OPTIONAL_TABLES as readonly string[]).includes(table))) {
        this.db.exec(statement);
      }
    }
    const insert = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    try {
      insert.run(['schema_version', '1']);
      for (const [key, value] of Object.entries(meta)) insert.run([key, value]);
    } finally {
      insert.free();
    }
    this.finished = true;
    return [...this.loaded.values()];
  }

  private assertOpen(table: DataTable, file: string): void {
    if (this.finished) throw new Error('SnapshotBuilder: finish() was already called');
    if (this.loaded.has(table)) {
      throw new SourceDataError(file, null, null, `tabel ${table} komt twee keer voor`, `table ${table} is given twice`);
    }
  }
}

/** Validates and inserts the rows of one table, named by its header. */
class RowLoader {
  private readonly statement: Statement;
  private readonly rules: ColumnRule[];
  private readonly columns: string[];
  /** The cross-column rules of this table, with the positions of their columns in the header. */
  private readonly rowRules: { rule: RowRule; positions: number[] }[];
  /** Reused for every row: sql.js copies the values when binding. */
  private readonly values: (string | number | null)[];

  constructor(
    private readonly db: Database,
    private readonly table: DataTable,
    private readonly file: string,
    header: CsvField[],
    headerLine: number,
  ) {
    const expected: readonly string[] = TABLE_COLUMNS[table];
    const names = header.map((name) => (name ?? '').trim());
    const seen = new Set<string>();
    for (const name of names) {
      if (!expected.includes(name)) {
        throw new SourceDataError(
          file,
          headerLine,
          name,
          `onbekende kolom '${name}' in de kopregel; verwacht: ${expected.join(', ')}`,
          `unknown column '${name}' in the header row; expected: ${expected.join(', ')}`,
        );
      }
      if (seen.has(name)) {
        throw new SourceDataError(file, headerLine, name, `kolom '${name}' staat twee keer in de kopregel`, `column '${name}' appears twice in the header row`);
      }
      seen.add(name);
    }
    const absent = expected.filter((name) => !seen.has(name));
    if (absent.length > 0) {
      throw new SourceDataError(
        file,
        headerLine,
        absent[0] ?? null,
        `de kopregel mist kolom(men) ${absent.join(', ')}`,
        `the header row lacks column(s) ${absent.join(', ')}`,
      );
    }
    this.columns = names;
    this.rowRules = ROW_RULES.filter((rule) => rule.table === table).map((rule) => ({ rule, positions: rule.columns.map((c) => names.indexOf(c)) }));
    this.values = new Array<string | number | null>(names.length).fill(null);
    const ruleSet: Record<string, ColumnRule> = COLUMN_RULES[table];
    this.rules = names.map((name) => ruleSet[name] as ColumnRule);
    this.statement = db.prepare(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    );
  }

  add(fields: CsvField[], line: number): void {
    const columns = this.columns;
    if (fields.length !== columns.length) {
      throw new SourceDataError(
        this.file,
        line,
        null,
        `${fields.length} velden in plaats van ${columns.length} (zoals de kopregel)`,
        `${fields.length} fields instead of ${columns.length} (as in the header row)`,
      );
    }
    const values = this.values;
    for (let i = 0; i < columns.length; i++) {
      values[i] = this.check(fields[i] ?? null, i, line);
    }
    for (const { rule, positions } of this.rowRules) {
      const row: Record<string, string | null> = {};
      rule.columns.forEach((column, k) => {
        row[column] = fields[positions[k] ?? -1] ?? null;
      });
      if (!rule.holds(row)) {
        throw new SourceDataError(this.file, line, rule.columns.join('/'), rule.describeNl, rule.describeEn);
      }
    }
    try {
      this.statement.run(values);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message.includes('UNIQUE') || message.includes('PRIMARY KEY')) {
        throw new SourceDataError(
          this.file,
          line,
          null,
          `dubbele sleutel: deze rij herhaalt de primaire sleutel van een eerdere rij (${message})`,
          `duplicate key: this row repeats the primary key of an earlier row (${message})`,
        );
      }
      throw new SourceDataError(this.file, line, null, `rij geweigerd door de database: ${message}`, `row refused by the database: ${message}`);
    }
  }

  finish(): void {
    this.statement.free();
  }

  private refuse(line: number, index: number, nl: string, en: string): never {
    throw new SourceDataError(this.file, line, this.columns[index] ?? null, nl, en);
  }

  // No closures or regular-expression matches per value: at national scale this runs forty million times.
  private check(field: CsvField, index: number, line: number): string | number | null {
    const rule = this.rules[index] as ColumnRule;
    if (field === null) {
      if (rule.notNull) this.refuse(line, index, 'verplichte waarde ontbreekt (leeg veld)', 'a required value is missing (empty field)');
      return null;
    }
    switch (rule.kind) {
      case 'integer': {
        const number = parseInteger(field);
        if (number === null) this.refuse(line, index, `'${field}' is geen geheel getal`, `'${field}' is not a whole number`);
        if (rule.allowed !== undefined && !rule.allowed.includes(field)) {
          this.refuse(line, index, `'${field}' is niet toegestaan; toegestaan: ${rule.allowed.join(', ')}`, `'${field}' is not allowed; allowed: ${rule.allowed.join(', ')}`);
        }
        return number;
      }
      case 'date':
        if (!isValidDate(field)) this.refuse(line, index, `'${field}' is geen geldige datum JJJJ-MM-DD`, `'${field}' is not a valid date YYYY-MM-DD`);
        return field;
      case 'instant':
        if (!isValidInstant(field)) {
          this.refuse(line, index, `'${field}' is geen geldig tijdstip JJJJ-MM-DDTUU:MM:SSZ (UTC)`, `'${field}' is not a valid instant YYYY-MM-DDTHH:MM:SSZ (UTC)`);
        }
        return field;
      case 'text':
        if (rule.allowed !== undefined && !rule.allowed.includes(field)) {
          this.refuse(line, index, `'${field}' is niet toegestaan; toegestaan: ${rule.allowed.join(', ')}`, `'${field}' is not allowed; allowed: ${rule.allowed.join(', ')}`);
        }
        if (rule.pattern !== undefined && !rule.pattern.regex.test(field)) {
          this.refuse(line, index, `'${field}' heeft niet de vorm ${rule.pattern.describe}`, `'${field}' does not have the form ${rule.pattern.describe}`);
        }
        return field;
    }
  }
}

export type { SnapshotTable };
