// Turns the decrypted bytes of a snapshot into an OpenedSnapshot: checks that it is an
// SQLite image of schema version 1 with every required table, column and meta key,
// notes which optional tables are present, counts rows and runs the data-quality
// findings. Isomorphic: the host decrypts and passes a sql.js provider.
import type { Database, SqlJsStatic } from 'sql.js';
import {
  InvalidMetaValueError, MissingColumnError, MissingMetaKeyError, MissingTableError, NotSqliteError,
  UnknownSchemaVersionError,
} from '../errors';
import type { ProgressListener } from '../age/types';
import { OPTIONAL_TABLES, REQUIRED_TABLES, type OpenedSnapshot, type OptionalTable, type SnapshotMeta, type SnapshotTable } from './types';
import { REQUIRED_META_KEYS, SCHEMA_VERSION, TABLE_COLUMNS } from './schema';
import type { SqlJsProvider } from './sqljs';
import { refuseCorruptImage, selectRows, selectValue } from './sql';
import { isValidDate } from '../dates';
import { registerChecks, SnapshotChecks } from './findings';
import { ImageBytes } from './image-bytes';
import { SCAN_ASIDE_TABLES, type ScanAside, type ScanAsideAnswer } from './scan-aside';

export interface PlaintextInfo {
  /**
   * SHA-256 hex of the encrypted file. A promise lets the host hash on another thread while
   * the snapshot is loaded and checked; it is awaited last, so the open still ends with it.
   */
  sha256: string | Promise<string>;
  /**
   * Waits for the digest, blocking this thread, and returns it (or throws the file's refusal).
   * A host whose digest is made on a thread it can wait on (Node's verifying worker) passes it,
   * so that `sha256` read before `digested` resolved waits instead of throwing: a command can
   * then build its table while the file is still being verified, and the provenance the table
   * stamps waits for the digest.
   */
  waitForDigest?: () => string;
  fileSize: number;
  keyKind: 'passphrase' | 'identity';
}

export interface OpenOptions {
  onProgress?: ProgressListener;
  /**
   * 'all' (default): every data-quality check runs during the open, as `info` and `validate`
   * need. 'when-needed': a table is checked when its skipped rows or findings are first read
   * (a command that builds one table reads a few of the thirteen tables); the findings of a
   * checked table are the same either way (SnapshotChecks).
   */
  checks?: 'all' | 'when-needed';
  /**
   * 'awaited' (default): the open ends when the file's SHA-256 is known. 'deferred': the open
   * returns as soon as the image is loaded, while a hash promise may still run; `sha256` then
   * throws until `digested` has resolved (so nothing can stamp provenance without it). The app
   * shows its first figures while the hash is still being made (docs/ARCHITECTURE.md).
   */
  digest?: 'awaited' | 'deferred';
  /**
   * A host's second thread for the checks (scan-aside.ts): with checks 'all', the data-leak
   * tables are scanned there while this thread checks the others. Without it, or when it
   * declines or fails, this thread checks everything; the outcome is the same either way.
   */
  scanAside?: ScanAside;
  /**
   * With checks 'when-needed' and a `scanAside`: start the data-leak tables' scan on that
   * thread as the open returns, instead of never. `asideChecked` resolves once its answer is
   * taken (or declined); a check of those tables after that uses it. The app asks this: its
   * headline figures need those tables a moment later, after others the thread overlaps.
   */
  scanAsideAtOnce?: boolean;
}

const SQLITE_HEADER = new TextEncoder().encode('SQLite format 3\0');

/** Whether the bytes start with the 16-byte SQLite 3 file header. */
export function hasSqliteHeader(bytes: Uint8Array): boolean {
  if (bytes.length < SQLITE_HEADER.length) return false;
  return SQLITE_HEADER.every((byte, index) => bytes[index] === byte);
}

/**
 * Every check, with the data-leak tables scanned on the host's second thread (if it has
 * one) while this thread checks the rest; their answers are taken where this thread's
 * scanner would have been asked. A thread that declines or fails costs only its time.
 */
async function checkAll(
  checks: SnapshotChecks, present: readonly SnapshotTable[], ensureChecked: (tables: readonly SnapshotTable[]) => void,
  scanAside: ScanAside | undefined,
): Promise<void> {
  const abort = new AbortController();
  const aside = scanAside === undefined ? null : startScanAside(checks, scanAside, abort.signal);
  if (aside === null) {
    ensureChecked(present);
    return;
  }
  try {
    ensureChecked(present.filter((table) => !SCAN_ASIDE_TABLES.includes(table)));
  } catch (error) {
    abort.abort();
    throw error;
  }
  await aside;
  ensureChecked(present);
}

/**
 * The data-leak tables not checked yet, scanned on the host's other thread; the promise
 * resolves once its answer is handed to `checks` (which uses it only where its own scanner
 * would have been asked), or at once when there is nothing to scan. Null when there is
 * nothing to scan aside. Never rejects: a thread that declines or fails costs only its time.
 */
function startScanAside(checks: SnapshotChecks, scanAside: ScanAside, signal: AbortSignal): Promise<void> | null {
  const request = checks.scanAsideRequest();
  if (request === null) return null;
  return scanAside(request, signal)
    .catch((): ScanAsideAnswer | null => null)
    .then((answer) => {
      if (answer !== null && !signal.aborted) checks.acceptScannedAside(answer);
    });
}

/**
 * Open decrypted snapshot bytes. The database takes ownership of `plaintext`: it must
 * not be changed afterwards, and close() wipes it (fills it with zeros).
 */
export async function openSnapshotFromPlaintext(
  plaintext: Uint8Array,
  info: PlaintextInfo,
  provider: SqlJsProvider,
  options: OpenOptions = {},
): Promise<OpenedSnapshot> {
  // A hash still running must not end as an unhandled rejection when the open is refused.
  if (info.sha256 instanceof Promise) info.sha256.catch(() => undefined);
  const image = ImageBytes.over(plaintext);
  image.ensure(0, 100);
  if (!hasSqliteHeader(image)) throw new NotSqliteError();
  const sql: SqlJsStatic = await provider();
  options.onProgress?.({ phase: 'load', done: 0, total: plaintext.length });
  const db = new sql.Database(image);
  let closed = false;
  // A scan aside still running when the snapshot closes is stopped, and its answer ignored.
  const asideAbort = new AbortController();
  const close = (): void => {
    if (closed) return;
    closed = true;
    asideAbort.abort();
    db.close();
    image.wipe();
  };
  try {
    const structure = refuseCorruptImage(() => checkStructure(db));
    options.onProgress?.({ phase: 'load', done: plaintext.length, total: plaintext.length });
    const present = structure.present;
    // Check progress belongs to the open: a check run later, when an analysis first needs a
    // table, reports nothing (a command's progress bar is cleared once the open returns).
    let opening = true;
    let checkedTables = 0;
    const checks = new SnapshotChecks(db, present, {
      image: plaintext,
      onTable: () => {
        checkedTables++;
        if (opening) options.onProgress?.({ phase: 'check', done: checkedTables, total: present.length });
      },
    });
    const ensureChecked = (tables: readonly SnapshotTable[]): void => {
      // The image is wiped on close: a check then would read zeros. A programming error, not input.
      if (closed) throw new Error('Ketenlens: a closed snapshot cannot be checked.');
      refuseCorruptImage(() => checks.check(tables));
    };
    registerChecks(db, ensureChecked);
    if (options.checks !== 'when-needed') {
      options.onProgress?.({ phase: 'check', done: 0, total: present.length });
      await checkAll(checks, present, ensureChecked, options.scanAside);
    }
    opening = false;
    const asideChecked = options.checks === 'when-needed' && options.scanAsideAtOnce === true && options.scanAside !== undefined
      ? (startScanAside(checks, options.scanAside, asideAbort.signal) ?? Promise.resolve())
      : Promise.resolve();
    let sha256: string | null = null;
    const digested = Promise.resolve(info.sha256).then((value) => {
      sha256 = value;
      return value;
    });
    if (options.digest !== 'deferred') await digested;
    // Without every check the counts come from count(*), which the checks' passes equal
    // (they LEFT JOIN only parents with unique keys); findings.test.ts holds them equal.
    let countedRows: Partial<Record<SnapshotTable, number>> | null = null;
    const countRows = (): Partial<Record<SnapshotTable, number>> => {
      if (checks.complete) return checks.outcome().rowCounts;
      if (closed) throw new Error('Ketenlens: a closed snapshot cannot be counted.');
      countedRows ??= Object.fromEntries(present.map((table) => [table, Number(selectValue(db, `SELECT count(*) FROM main."${table}"`))]));
      return { ...countedRows };
    };
    const skipped: Partial<Record<SnapshotTable, ReadonlySet<number>>> = {};
    const skippedKeys: Partial<Record<SnapshotTable, ReadonlySet<string>>> = {};
    for (const table of present) {
      const lazily = (read: () => ReadonlySet<number> | ReadonlySet<string> | undefined): PropertyDescriptor => ({
        enumerable: true,
        get: () => {
          ensureChecked([table]);
          return read();
        },
      });
      if (checks.hasRowid(table)) Object.defineProperty(skipped, table, lazily(() => checks.skippedRowsOf(table)));
      else Object.defineProperty(skippedKeys, table, lazily(() => checks.skippedKeysOf(table)));
    }
    return {
      db,
      meta: structure.meta,
      get sha256(): string {
        if (sha256 === null && info.waitForDigest !== undefined) sha256 = info.waitForDigest();
        if (sha256 === null) throw new Error('Ketenlens: the file digest is not known yet (await `digested`).');
        return sha256;
      },
      digested,
      fileSize: info.fileSize,
      keyKind: info.keyKind,
      get rowCounts() {
        return countRows();
      },
      optionalTables: structure.optionalTables,
      get findings() {
        ensureChecked(present);
        return checks.findingsOf(present);
      },
      skipped,
      skippedKeys,
      ensureChecked,
      checkReading(tables, riders) {
        if (closed) throw new Error('Ketenlens: a closed snapshot cannot be checked.');
        refuseCorruptImage(() => checks.checkReading(tables, riders));
      },
      findingsOf(tables) {
        ensureChecked(tables);
        return checks.findingsOf(tables);
      },
      get checksComplete() {
        return checks.complete;
      },
      asideChecked,
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}

interface Structure {
  meta: SnapshotMeta;
  present: SnapshotTable[];
  optionalTables: Record<OptionalTable, boolean>;
}

/** The refusals, in a fixed order: version first (a newer format fails for that reason). */
function checkStructure(db: Database): Structure {
  const tables = new Set(
    selectRows(db, "SELECT lower(name) FROM sqlite_schema WHERE type = 'table'").map((row) => String(row[0])),
  );
  if (!tables.has('meta')) throw new UnknownSchemaVersionError(null);
  requireColumns(db, 'meta');
  const version = selectValue(db, "SELECT value FROM meta WHERE key = 'schema_version'");
  if (version === null || version === undefined) throw new UnknownSchemaVersionError(null);
  if (String(version) !== SCHEMA_VERSION) throw new UnknownSchemaVersionError(String(version));

  for (const table of REQUIRED_TABLES) {
    if (!tables.has(table)) throw new MissingTableError(table);
    requireColumns(db, table);
  }
  const optionalTables: Record<OptionalTable, boolean> = {
    dwangbevel: tables.has('dwangbevel'),
    incident: tables.has('incident'),
    kennisgeving: tables.has('kennisgeving'),
    ind_levering: tables.has('ind_levering'),
  };
  for (const table of OPTIONAL_TABLES) if (optionalTables[table]) requireColumns(db, table);

  const meta = readMeta(db);
  const present: SnapshotTable[] = [...REQUIRED_TABLES, ...OPTIONAL_TABLES.filter((table) => optionalTables[table])];
  return { meta, present, optionalTables };
}

function requireColumns(db: Database, table: SnapshotTable): void {
  const columns = new Set(
    selectRows(db, 'SELECT lower(name) FROM pragma_table_info(?)', [table]).map((row) => String(row[0])),
  );
  for (const column of TABLE_COLUMNS[table]) if (!columns.has(column)) throw new MissingColumnError(table, column);
}

function readMeta(db: Database): SnapshotMeta {
  const values: Record<string, string> = {};
  // The first value of a key wins if a producer left out the primary key and wrote it twice.
  for (const [key, value] of selectRows(db, 'SELECT key, value FROM meta WHERE key IS NOT NULL')) {
    const name = String(key);
    if (!(name in values) && value !== null) values[name] = value instanceof Uint8Array ? '' : String(value);
  }
  for (const key of REQUIRED_META_KEYS) if (values[key] === undefined) throw new MissingMetaKeyError(key);
  const peildatum = values.peildatum!;
  const gemeenteJaar = values.gemeente_jaar!;
  const bron = values.bron!;
  if (!isValidDate(peildatum)) {
    throw new InvalidMetaValueError('peildatum', peildatum, 'een geldige datum JJJJ-MM-DD', 'a valid date YYYY-MM-DD');
  }
  if (!/^\d{4}$/.test(gemeenteJaar)) {
    throw new InvalidMetaValueError('gemeente_jaar', gemeenteJaar, 'een jaartal van vier cijfers', 'a four-digit year');
  }
  if (bron.trim() === '') {
    throw new InvalidMetaValueError('bron', bron, 'de naam van de bron, niet leeg', 'the name of the source, not empty');
  }
  // Required keys first so every listing shows them in the same order.
  const { schema_version: _version, ...others } = values;
  return { schema_version: SCHEMA_VERSION, peildatum, bron, gemeente_jaar: gemeenteJaar, ...others };
}
