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
  /** Rowids the analyses must skip, per table (also put into temp.skip_<table>). */
  skipped?: Partial<Record<SnapshotTable, readonly number[]>>;
  sha256?: string;
}

const DEFAULT_META: SnapshotMeta = { schema_version: '1', peildatum: '2023-09-15', bron: 'DUO', gemeente_jaar: '2023' };

function tableExists(db: Database, name: string): boolean {
  const result = db.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${name.replace(/'/g, "''")}'`);
  return result.length > 0;
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
  const optionalTables = Object.fromEntries(OPTIONAL_TABLES.map((t) => [t, tableExists(db, t)])) as Record<OptionalTable, boolean>;

  const skipped: Partial<Record<SnapshotTable, ReadonlySet<number>>> = {};
  for (const table of [...REQUIRED_TABLES, ...OPTIONAL_TABLES]) {
    db.run(`CREATE TEMP TABLE skip_${table} (rid INTEGER PRIMARY KEY)`);
    const rowids = options.skipped?.[table] ?? [];
    if (rowids.length === 0) continue;
    skipped[table] = new Set(rowids);
    const insert = db.prepare(`INSERT OR IGNORE INTO temp.skip_${table} (rid) VALUES (?)`);
    for (const rowid of rowids) insert.run([rowid]);
    insert.free();
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
