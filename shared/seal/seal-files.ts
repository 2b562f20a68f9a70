// Sealing in one place for every host: build the validated database from named files
// (with the report the producer sees: rows per table and the reader's findings), then
// encrypt it, with progress by phase (read → check → build → encrypt). The command line streams files from disk; the app's wizard hands in the
// files of a picked folder inside its Web Worker.
import type { Database, SqlJsStatic } from 'sql.js';
import type { AgeRecipients, ProgressListener } from '../age/types';
import { encryptAge } from '../age/index';
import { runFindings } from '../snapshot/findings';
import { OPTIONAL_TABLES, REQUIRED_TABLES, type Finding, type SnapshotTable } from '../snapshot/types';
import { SnapshotBuilder, type SealMeta, type TableLoadResult } from './builder';
import { loadFiles, resolveMeta, type MetaOverrides, type SealFile } from './files';

export interface SealReport {
  meta: SealMeta;
  tables: TableLoadResult[];
  findings: Finding[];
}

export interface BuiltSnapshot {
  database: Database;
  report: SealReport;
}

/** The reader's findings on a freshly built database (ids that point nowhere, …), reported per table as phase 'check'. */
export function sealFindings(database: Database, tables: readonly TableLoadResult[], onProgress?: ProgressListener): Finding[] {
  const present: SnapshotTable[] = [...REQUIRED_TABLES, ...OPTIONAL_TABLES.filter((t) => tables.some((l) => l.table === t))];
  onProgress?.({ phase: 'check', done: 0, total: present.length });
  return runFindings(database, present, { onTable: (done, total) => onProgress?.({ phase: 'check', done, total }) }).findings;
}

/**
 * The database as one image to encrypt (phase 'build': one step of sql.js, so reported
 * before and after). The caller wipes the image once it is encrypted.
 */
export function buildImage(database: Database, onProgress?: ProgressListener): Uint8Array {
  onProgress?.({ phase: 'build', done: 0, total: 1 });
  const image = database.export();
  onProgress?.({ phase: 'build', done: 1, total: 1 });
  return image;
}

/** Parse, validate and load the files; refusals throw SourceDataError naming file and line. */
export async function buildFromFiles(
  SQL: SqlJsStatic,
  files: readonly SealFile[],
  overrides: MetaOverrides,
  options: { now: Date; producent: string; onProgress?: ProgressListener },
): Promise<BuiltSnapshot> {
  const builder = new SnapshotBuilder(SQL);
  try {
    const fromFile = await loadFiles(builder, files, options.onProgress);
    const meta = resolveMeta(fromFile, overrides, options.now, options.producent);
    const tables = builder.finish(meta);
    return { database: builder.db, report: { meta, tables, findings: sealFindings(builder.db, tables, options.onProgress) } };
  } catch (error) {
    builder.db.close();
    throw error;
  }
}

/** Encrypt a built database; its exported image is wiped once encrypted. */
export async function encryptBuilt(database: Database, recipients: AgeRecipients, onProgress?: ProgressListener): Promise<Uint8Array> {
  const plaintext = buildImage(database, onProgress);
  onProgress?.({ phase: 'encrypt', done: 0, total: plaintext.length });
  try {
    return await encryptAge(plaintext, recipients, { onProgress });
  } finally {
    plaintext.fill(0);
  }
}
