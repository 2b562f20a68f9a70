// The producer side in Node: seal a folder of CSV extracts (or a plaintext SQLite file)
// into an encrypted snapshot, and re-key an existing snapshot for other readers. The
// plaintext database exists only in memory (sql.js); the only file written is the
// encrypted one, atomically, and nothing is left behind when anything is refused.
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { AgeKey, AgeRecipients, ProgressListener } from '../../age/types';
import { FileReadError, InvalidParameterError, NotSqliteError, SourceDataError } from '../../errors';
import { CsvParser } from '../../seal/csv';
import { DATA_TABLES, isDataTable, SnapshotBuilder, type SealMeta, type TableLoadResult } from '../../seal/builder';
import { isValidDate, isValidInstant } from '../../seal/values';
import { TABLE_COLUMNS } from '../../snapshot/schema';
import { GENERATOR } from '../../version';
import { decryptAgeFile, encryptAge } from '../age/index';
import { assertWritable, writeFileAtomically } from './atomic-write';

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
  /** The built database, still open, for the caller's findings report; call close(). */
  close(): void;
  database: import('sql.js').Database;
}

let sqlJs: Promise<SqlJsStatic> | null = null;
function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

async function readCsvMeta(path: string): Promise<Record<string, string>> {
  const parser = new CsvParser(basename(path));
  const records = [...parser.push(await readFile(path, 'utf8')), ...parser.end()];
  const [header, ...rows] = records;
  if (header === undefined || header.fields.join(',') !== 'key,value') {
    throw new SourceDataError(basename(path), 1, null, "de kopregel moet 'key,value' zijn", "the header row must be 'key,value'");
  }
  const meta: Record<string, string> = {};
  for (const row of rows) {
    const [key, value] = row.fields;
    if (row.fields.length !== 2 || key === null || key === undefined || value === null || value === undefined) {
      throw new SourceDataError(basename(path), row.line, null, 'verwacht twee gevulde velden: key,value', 'expected two filled fields: key,value');
    }
    meta[key] = value;
  }
  return meta;
}

function resolveMeta(fromFile: Record<string, string>, options: SealOptions): SealMeta {
  const now = (options.now ?? (() => new Date()))();
  const peildatum = options.peildatum ?? fromFile.peildatum;
  if (peildatum === undefined) {
    throw new InvalidParameterError('--peildatum', 'geef de peildatum op (of zet hem in meta.csv).', 'give the reference date (or put it in meta.csv).');
  }
  if (!isValidDate(peildatum)) {
    throw new InvalidParameterError('--peildatum', `'${peildatum}' is geen geldige datum JJJJ-MM-DD.`, `'${peildatum}' is not a valid date YYYY-MM-DD.`);
  }
  const gemeenteJaar = options.gemeenteJaar ?? fromFile.gemeente_jaar ?? peildatum.slice(0, 4);
  if (!/^\d{4}$/.test(gemeenteJaar)) {
    throw new InvalidParameterError('--gemeente-jaar', `'${gemeenteJaar}' is geen jaartal.`, `'${gemeenteJaar}' is not a year.`);
  }
  const aangemaaktOp = fromFile.aangemaakt_op ?? now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (!isValidInstant(aangemaaktOp)) {
    throw new SourceDataError('meta.csv', null, 'aangemaakt_op', `'${aangemaaktOp}' is geen geldig tijdstip`, `'${aangemaaktOp}' is not a valid instant`);
  }
  const { schema_version: _ignored, ...rest } = fromFile;
  return {
    ...rest,
    peildatum,
    bron: options.bron ?? fromFile.bron ?? 'DUO',
    gemeente_jaar: gemeenteJaar,
    aangemaakt_op: aangemaaktOp,
    producent: options.producent ?? fromFile.producent ?? GENERATOR,
  };
}

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
  const names = (await readdir(folder)).filter((name) => extname(name).toLowerCase() === '.csv').sort();
  let meta: Record<string, string> = {};
  const tables: { table: (typeof DATA_TABLES)[number]; path: string; name: string; size: number }[] = [];
  for (const name of names) {
    const table = basename(name, extname(name));
    if (table === 'meta') {
      meta = await readCsvMeta(join(folder, name));
      continue;
    }
    if (!isDataTable(table)) {
      throw new SourceDataError(
        name,
        null,
        null,
        `onbekende tabel; een CSV-bestand heet naar een tabel van snapshot v1 (${DATA_TABLES.join(', ')})`,
        `unknown table; a CSV file is named after a table of snapshot v1 (${DATA_TABLES.join(', ')})`,
      );
    }
    tables.push({ table, path: join(folder, name), name, size: (await stat(join(folder, name))).size });
  }
  const total = tables.reduce((sum, t) => sum + t.size, 0);
  let done = 0;
  for (const { table, path, name } of tables) {
    await builder.addCsv(table, name, streamFile(path), (bytes) => {
      done += bytes;
      onProgress?.({ phase: 'read', done, total });
    });
  }
  return meta;
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
  await assertWritable(options.out, options.force === true);
  const kind = await sourceKind(options.source);
  const SQL = await loadSqlJs();
  const builder = new SnapshotBuilder(SQL);
  try {
    const fromFile =
      kind === 'folder' ? await loadFolder(builder, options.source, options.onProgress) : await loadSqlite(builder, SQL, options.source);
    const meta = resolveMeta(fromFile, options);
    const tables = builder.finish(meta);
    options.onProgress?.({ phase: 'encrypt', done: 0, total: 1 });
    const plaintext = builder.db.export();
    const plaintextBytes = plaintext.length;
    const encrypted = await encryptAge(plaintext, options.recipients, { onProgress: options.onProgress });
    plaintext.fill(0);
    options.onProgress?.({ phase: 'write', done: 0, total: encrypted.length });
    const sha256 = await writeFileAtomically(options.out, encrypted, options.force === true);
    return {
      out: options.out,
      sha256,
      encryptedBytes: encrypted.length,
      plaintextBytes,
      tables,
      meta,
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
  await assertWritable(options.out, options.force === true);
  const decrypted = await decryptAgeFile(options.source, options.key, { onProgress: options.onProgress });
  try {
    const encrypted = await encryptAge(decrypted.plaintext, options.recipients, { onProgress: options.onProgress });
    const sha256 = await writeFileAtomically(options.out, encrypted, options.force === true);
    return { out: options.out, sha256, sourceSha256: decrypted.sha256 };
  } finally {
    decrypted.plaintext.fill(0);
  }
}
