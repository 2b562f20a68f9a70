// The one SQL-text fixture factory of the tests: SQL text → a sql.js database with the v1
// schema and the default meta (fixtureDatabase), and from there
//   - an SQLite image (buildPlaintext) → an age-encrypted snapshot file in a fresh temp
//     directory (buildSnapshotFile), or an OpenedSnapshot through the real loader (openFixture);
//   - an OpenedSnapshot / AnalysisSession with the findings and skipped rows a test chooses,
//     as the loader would report them (fixtureSnapshot, fixtureSession), for the analyses.
// The plaintext only ever exists in memory; only encrypted files are written. Test-only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { encryptAge } from '../../shared/node/age';
import { nodeSqlJsProvider } from '../../shared/node/snapshot/sqljs-node';
import { SNAPSHOT_SCHEMA_SQL, TABLE_COLUMNS } from '../../shared/snapshot/schema';
import type { AgeRecipients } from '../../shared/age/types';
import {
  OPTIONAL_TABLES, REQUIRED_TABLES, type Finding, type OpenedSnapshot, type OptionalTable, type SnapshotMeta, type SnapshotTable,
} from '../../shared/snapshot/types';
import { openSnapshotFromPlaintext } from '../../shared/snapshot/open';
import { createAnalysisSession, type AnalysisSession } from '../../shared/tables/session';

/** The sql.js module, initialised once per process (the Node corner's provider). */
export function loadSqlJs(): Promise<SqlJsStatic> {
  return nodeSqlJsProvider();
}

/** The passphrase fixtures use unless told otherwise. */
export const FIXTURE_PASSPHRASE = 'correct horse battery staple';

/** The meta every fixture gets unless told otherwise (the demo snapshot's reference date). */
export const DEFAULT_META: SnapshotMeta = { schema_version: '1', peildatum: '2023-09-15', bron: 'DUO', gemeente_jaar: '2023' };

/** DEFAULT_META as SQL, for tests that build the database themselves. */
export const DEFAULT_META_SQL = `INSERT INTO meta (key, value) VALUES ${Object.entries(DEFAULT_META)
  .map(([key, value]) => `('${key}', '${String(value)}')`)
  .join(', ')};`;

/**
 * The snapshot tables with their columns only: no types, keys, CHECKs or NOT NULLs, and
 * all with rowids — how a careless producer might make them, to test the re-checks.
 */
export const LOOSE_SCHEMA_SQL = Object.entries(TABLE_COLUMNS)
  .map(([table, columns]) => `CREATE TABLE ${table} (${columns.join(', ')});`)
  .join('\n');

export interface PlaintextOptions {
  /**
   * 'strict' (default): SNAPSHOT_SCHEMA_SQL, with CHECKs declared but not enforced on the
   * fixture's INSERTs (PRAGMA ignore_check_constraints) so bad rows can be written;
   * 'loose': LOOSE_SCHEMA_SQL; 'none': build the schema yourself in `sql`.
   */
  schema?: 'strict' | 'loose' | 'none';
  /** Meta values over DEFAULT_META; `false`: insert no meta rows (default: DEFAULT_META). */
  meta?: Partial<SnapshotMeta> | false;
  /** Optional tables to leave out of the schema. */
  omit?: readonly OptionalTable[];
}

/** Run SQL text on a fresh in-memory database with the schema and the meta (the caller closes it). */
export async function fixtureDatabase(sql: string, options: PlaintextOptions = {}): Promise<Database> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    const schema = options.schema ?? 'strict';
    db.run('PRAGMA ignore_check_constraints = ON');
    if (schema === 'strict') db.run(SNAPSHOT_SCHEMA_SQL);
    if (schema === 'loose') db.run(LOOSE_SCHEMA_SQL);
    for (const table of options.omit ?? []) db.run(`DROP TABLE ${table}`);
    if (schema !== 'none' && options.meta !== false) {
      const insert = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
      for (const [key, value] of Object.entries({ ...DEFAULT_META, ...options.meta })) if (value !== undefined) insert.run([key, value]);
      insert.free();
    }
    if (sql.trim() !== '') db.run(sql);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Build the SQLite image in memory and return its bytes. */
export async function buildPlaintext(sql: string, options: PlaintextOptions = {}): Promise<Uint8Array> {
  const db = await fixtureDatabase(sql, options);
  try {
    return db.export();
  } finally {
    db.close();
  }
}

export interface SnapshotFileOptions extends PlaintextOptions {
  /** Who to encrypt to; default: FIXTURE_PASSPHRASE with a cheap scrypt work factor. */
  to?: AgeRecipients;
  armor?: boolean;
  /** File name inside the temp directory. */
  name?: string;
}

export interface SnapshotFixture {
  path: string;
  directory: string;
  /** Remove the temp directory. */
  remove(): void;
  /** The same as remove(). */
  cleanup(): void;
}

/** A fresh temp directory for a test's files. */
export function makeTempDirectory(prefix = 'ketenlens-test-'): SnapshotFixture {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(directory, { recursive: true, force: true });
  return { path: directory, directory, remove, cleanup: remove };
}

/** Encrypt arbitrary plaintext bytes into a snapshot file (for refusal tests). */
export async function writeEncryptedFile(plaintext: Uint8Array, options: SnapshotFileOptions = {}): Promise<SnapshotFixture> {
  const to: AgeRecipients = options.to ?? { kind: 'passphrase', passphrase: FIXTURE_PASSPHRASE, logN: 10 };
  const encrypted = await encryptAge(plaintext, to, { armor: options.armor === true });
  const temp = makeTempDirectory();
  const path = join(temp.directory, options.name ?? 'fixture.snapshot.age');
  writeFileSync(path, encrypted);
  return { ...temp, path };
}

/** SQL text → encrypted snapshot file in a temp directory; returns its path. */
export async function buildSnapshotFile(sql: string, options: SnapshotFileOptions = {}): Promise<SnapshotFixture> {
  return writeEncryptedFile(await buildPlaintext(sql, options), options);
}

/** SQL text → an OpenedSnapshot in memory (no encryption, no file): the fast path for unit tests. */
export async function openFixture(sql: string, options: PlaintextOptions = {}): Promise<OpenedSnapshot> {
  const plaintext = await buildPlaintext(sql, options);
  return openSnapshotFromPlaintext(plaintext, { sha256: '0'.repeat(64), fileSize: plaintext.length, keyKind: 'passphrase' }, nodeSqlJsProvider);
}

export interface FixtureOptions extends PlaintextOptions {
  findings?: Finding[];
  /** Rowids the analyses must skip, per table with rowids (also put into temp.skip_<table>). */
  skipped?: Partial<Record<SnapshotTable, readonly number[]>>;
  /** Keys the analyses must skip in WITHOUT ROWID tables with a one-column key (e.g. inburgeraar ids). */
  skippedKeys?: Partial<Record<SnapshotTable, readonly string[]>>;
  sha256?: string;
}

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

  const findings = options.findings ?? [];
  const sha256 = options.sha256 ?? '0'.repeat(64);
  return {
    db,
    meta,
    sha256,
    digested: Promise.resolve(sha256),
    fileSize: 0,
    keyKind: 'passphrase',
    rowCounts,
    optionalTables,
    findings,
    skipped,
    // The fixture plays a loader that has checked everything already.
    ensureChecked: () => undefined,
    findingsOf: (tables) => findings.filter((finding) => tables.includes(finding.table)),
    checksComplete: true,
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
