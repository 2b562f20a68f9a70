// Test fixtures for analyses: SQL text → an in-memory sql.js database with the v1 schema →
// an OpenedSnapshot (and an AnalysisSession) with the findings and skipped rows a test
// chooses, as the real loader would report them. For tests and benchmarks only.
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { SNAPSHOT_SCHEMA_SQL } from '../../snapshot/schema';
import {
  OPTIONAL_TABLES, REQUIRED_TABLES, type Finding, type OpenedSnapshot, type OptionalTable, type SnapshotMeta, type SnapshotTable,
} from '../../snapshot/types';
import { createAnalysisSession, type AnalysisSession } from '../../tables/session';

let sqlJs: Promise<SqlJsStatic> | null = null;

/** The sql.js module, initialised once per process. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

export interface FixtureOptions {
  /** meta values; defaults: schema_version '1', peildatum '2023-09-15', bron 'DUO', gemeente_jaar '2023'. */
  meta?: Partial<SnapshotMeta>;
  /** Optional tables to leave out of the schema. */
  omit?: readonly OptionalTable[];
  /** Leave out the v1 schema entirely (the SQL text creates its own tables). */
  noSchema?: boolean;
  findings?: Finding[];
  /** Rowids the analyses must skip, per table with rowids (also put into temp.skip_<table>). */
  skipped?: Partial<Record<SnapshotTable, readonly number[]>>;
  /** Keys the analyses must skip in WITHOUT ROWID tables with a one-column key (e.g. inburgeraar ids). */
  skippedKeys?: Partial<Record<SnapshotTable, readonly string[]>>;
  sha256?: string;
}

const DEFAULT_META: SnapshotMeta = { schema_version: '1', peildatum: '2023-09-15', bron: 'DUO', gemeente_jaar: '2023' };

function tableExists(db: Database, name: string): boolean {
  const result = db.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${name.replace(/'/g, "''")}'`);
  return result.length > 0;
}

/** The primary-key columns of a WITHOUT ROWID table, or null when the table has rowids. */
function withoutRowidKey(db: Database, table: string): string[] | null {
  try {
    db.prepare(`SELECT rowid FROM main.${table} LIMIT 0`).free();
    return null;
  } catch {
    const info = db.exec(`PRAGMA main.table_info(${table})`)[0]?.values ?? [];
    return info.filter((column) => Number(column[5]) > 0).sort((a, b) => Number(a[5]) - Number(b[5])).map((column) => String(column[1]));
  }
}

function insertAll(db: Database, sql: string, values: readonly (number | string)[]): void {
  if (values.length === 0) return;
  const insert = db.prepare(sql);
  for (const value of values) insert.run([value]);
  insert.free();
}

/** Run SQL text on a fresh in-memory database with the v1 schema. */
export async function fixtureDatabase(sql: string, options: FixtureOptions = {}): Promise<Database> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  if (options.noSchema !== true) {
    db.run(SNAPSHOT_SCHEMA_SQL);
    for (const table of options.omit ?? []) db.run(`DROP TABLE ${table}`);
    const meta = { ...DEFAULT_META, ...options.meta };
    const insert = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    for (const [key, value] of Object.entries(meta)) if (value !== undefined) insert.run([key, value]);
    insert.free();
  }
  db.run(sql);
  return db;
}

/** An OpenedSnapshot over SQL text, as the loader would hand it to the analyses. */
export async function fixtureSnapshot(sql: string, options: FixtureOptions = {}): Promise<OpenedSnapshot> {
  const db = await fixtureDatabase(sql, options);
  const metaRows = db.exec('SELECT key, value FROM meta');
  const meta: SnapshotMeta = { ...DEFAULT_META };
  for (const [key, value] of metaRows[0]?.values ?? []) meta[String(key)] = String(value);

  const rowCounts: Partial<Record<SnapshotTable, number>> = {};
  for (const table of [...REQUIRED_TABLES, ...OPTIONAL_TABLES]) {
    if (!tableExists(db, table)) continue;
    rowCounts[table] = Number(db.exec(`SELECT count(*) FROM ${table}`)[0]?.values[0]?.[0] ?? 0);
  }
  const optionalTables: Record<OptionalTable, boolean> = { dwangbevel: false, incident: false, kennisgeving: false, ind_levering: false };
  for (const table of OPTIONAL_TABLES) optionalTables[table] = tableExists(db, table);

  // The same TEMP tables and views the real loader makes (see shared/snapshot/findings.ts):
  // skip_<table>(rid) for rowid tables, skip_<table>(<key>) for WITHOUT ROWID ones.
  const skipped: Partial<Record<SnapshotTable, ReadonlySet<number>>> = {};
  for (const table of [...REQUIRED_TABLES, ...OPTIONAL_TABLES]) {
    if (!tableExists(db, table)) continue;
    const keyColumns = withoutRowidKey(db, table);
    if (keyColumns === null) {
      db.run(`CREATE TEMP TABLE skip_${table} (rid INTEGER PRIMARY KEY)`);
      db.run(`CREATE TEMP VIEW usable_${table} AS SELECT * FROM main.${table} WHERE rowid NOT IN (SELECT rid FROM temp.skip_${table})`);
      const rowids = options.skipped?.[table] ?? [];
      if (rowids.length > 0) skipped[table] = new Set(rowids);
      insertAll(db, `INSERT OR IGNORE INTO temp.skip_${table} (rid) VALUES (?)`, rowids);
    } else {
      const columns = keyColumns.join(', ');
      const tuple = keyColumns.length === 1 ? columns : `(${columns})`;
      db.run(`CREATE TEMP TABLE skip_${table} (${columns}, PRIMARY KEY (${columns})) WITHOUT ROWID`);
      db.run(`CREATE TEMP VIEW usable_${table} AS SELECT * FROM main.${table} WHERE ${tuple} NOT IN (SELECT ${columns} FROM temp.skip_${table})`);
      if (keyColumns.length === 1) insertAll(db, `INSERT OR IGNORE INTO temp.skip_${table} VALUES (?)`, options.skippedKeys?.[table] ?? []);
    }
  }

  return {
    db,
    meta,
    sha256: options.sha256 ?? '0'.repeat(64),
    fileSize: 0,
    keyKind: 'passphrase',
    rowCounts,
    optionalTables,
    findings: options.findings ?? [],
    skipped,
    close: () => db.close(),
  };
}

/** An AnalysisSession over SQL text with a fixed clock (provenance is then stable). */
export async function fixtureSession(sql: string, options: FixtureOptions = {}): Promise<AnalysisSession> {
  const snapshot = await fixtureSnapshot(sql, options);
  return createAnalysisSession(snapshot, { now: () => new Date('2026-01-01T00:00:00Z') });
}

/** A finding of skipped rows, for tests that play the loader. */
export function skippedFinding(table: SnapshotTable, kind: Finding['kind'], count: number, descriptionNl: string, descriptionEn = descriptionNl): Finding {
  return { kind, table, descriptionNl, descriptionEn, count, examples: [], skipped: true };
}
