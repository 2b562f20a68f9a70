// The producer side in Node: seal a folder of CSV extracts (or a plaintext SQLite file)
// into an encrypted snapshot, and re-key an existing snapshot for other readers. The
// plaintext database exists only in memory (sql.js); the only file written is the
// encrypted one, atomically, and nothing is left behind when anything is refused.
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import type { AgeKey, AgeRecipients, ProgressListener } from '../../age/types';
import { FileReadError, NotSqliteError, SourceDataError } from '../../errors';
import { DATA_TABLES, SnapshotBuilder, type SealMeta, type TableLoadResult } from '../../seal/builder';
import { loadFiles, resolveMeta, type SealFile } from '../../seal/files';
import { buildImage, sealFindings } from '../../seal/seal-files';
import type { Finding } from '../../snapshot/types';
import { TABLE_COLUMNS } from '../../snapshot/schema';
import { GENERATOR } from '../../version';
import { decryptAgeFile, encryptAge } from '../age/index';
import { nodeSqlJsProvider } from '../snapshot/sqljs-node';
import { checkWriteTarget, writeFileSafely } from '../files/safe-write';

export interface SealOptions {
  /** A folder of CSV files (one per table) or a plaintext SQLite file. */
  source: string;
  out: string;
  recipients: AgeRecipients;
  /** Override meta.csv; peildatum is required from one of the two. */
  peildatum?: string;
  bron?: string;
  gemeenteJaar?: string;
  producent?: string;
  force?: boolean;
  onProgress?: ProgressListener;
  now?: () => Date;
}

export interface SealResult {
  out: string;
  sha256: string;
  encryptedBytes: number;
  plaintextBytes: number;
  tables: TableLoadResult[];
  meta: SealMeta;
  /** The reader's findings on the sealed data (the source's own defects). */
  findings: Finding[];
  /** The built database, still open, for the caller's findings report; call close(). */
  close(): void;
  database: import('sql.js').Database;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

async function* streamFile(path: string): AsyncIterable<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    if (chunk instanceof Uint8Array) yield chunk;
  }
}

async function sourceKind(source: string): Promise<'folder' | 'sqlite'> {
  let info;
  try {
    info = await stat(source);
  } catch (error) {
    throw new FileReadError(source, 'het bestaat niet of is niet bereikbaar', 'it does not exist or cannot be reached', { cause: error });
  }
  return info.isDirectory() ? 'folder' : 'sqlite';
}

async function loadFolder(builder: SnapshotBuilder, folder: string, onProgress?: ProgressListener): Promise<Record<string, string>> {
  const files: SealFile[] = [];
  for (const name of await readdir(folder)) {
    const path = join(folder, name);
    const info = await stat(path);
    if (info.isFile()) files.push({ name, size: info.size, chunks: () => streamFile(path) });
  }
  return loadFiles(builder, files, onProgress);
}

async function loadSqlite(builder: SnapshotBuilder, SQL: SqlJsStatic, path: string): Promise<Record<string, string>> {
  const bytes = new Uint8Array(await readFile(path));
  if (new TextDecoder('latin1').decode(bytes.subarray(0, 16)) !== SQLITE_HEADER) throw new NotSqliteError();
  const source = new SQL.Database(bytes);
  try {
    const present = new Set(
      (source.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values ?? []).map((row) => String(row[0])),
    );
    const name = basename(path);
    for (const table of DATA_TABLES) {
      if (!present.has(table)) continue;
      const columns = [...TABLE_COLUMNS[table]];
      // Tables of snapshot v1 may be WITHOUT ROWID: rows are named by their position instead.
      const statement = source.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`);
      const rows = function* (): Generator<{ label: number; values: (string | null)[] }> {
        try {
          let position = 0;
          while (statement.step()) {
            const values = statement.get();
            yield { label: ++position, values: values.map((v) => (v === null || v === undefined ? null : String(v))) };
          }
        } finally {
          statement.free();
        }
      };
      builder.addRows(table, `${name}:${table}`, columns, rows());
    }
    if (!present.has('meta')) return {};
    const meta: Record<string, string> = {};
    for (const [key, value] of source.exec('SELECT key, value FROM meta')[0]?.values ?? []) meta[String(key)] = String(value);
    return meta;
  } catch (error) {
    if (error instanceof Error && /no such column|file is not a database|malformed/.test(error.message)) {
      throw new SourceDataError(basename(path), null, null, `de SQLite-bron volgt snapshot v1 niet: ${error.message}`, `the SQLite source does not follow snapshot v1: ${error.message}`);
    }
    throw error;
  } finally {
    source.close();
  }
}

/** Seal a source into an encrypted snapshot. Refusals throw before anything is written. */
export async function sealSnapshot(options: SealOptions): Promise<SealResult> {
  await checkWriteTarget(options.out, { force: options.force === true });
  const kind = await sourceKind(options.source);
  const SQL = await nodeSqlJsProvider();
  const builder = new SnapshotBuilder(SQL);
  try {
    const fromFile =
      kind === 'folder' ? await loadFolder(builder, options.source, options.onProgress) : await loadSqlite(builder, SQL, options.source);
    const meta = resolveMeta(
      fromFile,
      { peildatum: options.peildatum, bron: options.bron, gemeenteJaar: options.gemeenteJaar, producent: options.producent },
      (options.now ?? (() => new Date()))(),
      GENERATOR,
    );
    const tables = builder.finish(meta);
    const findings = sealFindings(builder.db, tables, options.onProgress);
    const plaintext = buildImage(builder.db, options.onProgress);
    const plaintextBytes = plaintext.length;
    options.onProgress?.({ phase: 'encrypt', done: 0, total: plaintextBytes });
    const encrypted = await encryptAge(plaintext, options.recipients, { onProgress: options.onProgress });
    plaintext.fill(0);
    options.onProgress?.({ phase: 'write', done: 0, total: encrypted.length });
    const sha256 = (await writeFileSafely(options.out, encrypted, { force: options.force === true })).sha256;
    return {
      out: options.out,
      sha256,
      encryptedBytes: encrypted.length,
      plaintextBytes,
      tables,
      meta,
      findings,
      database: builder.db,
      close: () => builder.db.close(),
    };
  } catch (error) {
    builder.db.close();
    throw error;
  }
}

export interface RekeyOptions {
  source: string;
  key: AgeKey;
  out: string;
  recipients: AgeRecipients;
  force?: boolean;
  onProgress?: ProgressListener;
}

/** Re-encrypt a snapshot for other readers; the plaintext stays in memory and is wiped. */
export async function rekeySnapshot(options: RekeyOptions): Promise<{ out: string; sha256: string; sourceSha256: string }> {
  await checkWriteTarget(options.out, { force: options.force === true });
  const decrypted = await decryptAgeFile(options.source, options.key, { onProgress: options.onProgress });
  try {
    const encrypted = await encryptAge(decrypted.plaintext, options.recipients, { onProgress: options.onProgress });
    const sha256 = (await writeFileSafely(options.out, encrypted, { force: options.force === true })).sha256;
    return { out: options.out, sha256, sourceSha256: decrypted.sha256 };
  } finally {
    decrypted.plaintext.fill(0);
  }
}
