// The core operations the worker performs on behalf of the UI. All state that holds
// personal data (the decrypted database, the analysis session) lives here and only here.
import { decryptAge, type Progress } from '../../shared/age/index';
import { applyDisclosure } from '../../shared/export/disclosure';
import { openSnapshotFromPlaintext } from '../../shared/snapshot/open';
import { runReadOnlyQuery, type QueryResult } from '../../shared/snapshot/query';
import { cachedSqlJsProvider } from '../../shared/snapshot/sqljs';
import { UsageError } from '../../shared/errors';
import { assertExportAllowed, exportBijlage, exportTable } from '../../shared/export/index';
import type { OpenedSnapshot } from '../../shared/snapshot/types';
import { buildTable } from '../../shared/tables/catalogue';
import { createAnalysisSession, type AnalysisSession } from '../../shared/tables/session';
import type { ColumnType, TableColumn, TableModel, TableRow } from '../../shared/tables/model';
import type { CoreRequests, IncidentRow, SnapshotSummary } from './protocol';
import { loadSqlJs } from './sql-provider';
import { buildFromFiles, encryptBuilt, type BuiltSnapshot } from '../../shared/seal/seal-files';
import type { SealFile } from '../../shared/seal/files';
import { parseRecipient } from '../../shared/age/keys';
import { GENERATOR } from '../../shared/version';

const sqlJs = cachedSqlJsProvider(loadSqlJs);

type Handler<O extends keyof CoreRequests> = (
  payload: CoreRequests[O]['request'],
  progress: (progress: Progress) => void,
) => Promise<CoreRequests[O]['response']>;

let snapshot: OpenedSnapshot | null = null;
let session: AnalysisSession | null = null;

function requireSession(): AnalysisSession {
  if (session === null) throw new UsageError('Er is geen snapshot geopend.', 'No snapshot is open.');
  return session;
}

function wipe(): boolean {
  const wasOpen = snapshot !== null;
  snapshot?.close();
  snapshot = null;
  session = null;
  return wasOpen;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const open: Handler<'open'> = async ({ bytes, key, fileName }, progress) => {
  wipe();
  const timings: Record<string, number> = {};
  let started = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    timings[phase] = Math.round(now - started);
    started = now;
  };
  progress({ phase: 'read', done: bytes.length, total: bytes.length });
  const sha256 = await sha256Hex(bytes);
  lap('read');
  progress({ phase: 'decrypt', done: 0, total: bytes.length });
  const plaintext = await decryptAge(bytes, key, { onProgress: progress });
  lap('decrypt');
  progress({ phase: 'load', done: 0, total: plaintext.length });
  // The database takes ownership of the plaintext and zeroes it when closed.
  const opened = await openSnapshotFromPlaintext(
    plaintext,
    { sha256, fileSize: bytes.length, keyKind: key.kind === 'passphrase' ? 'passphrase' : 'identity' },
    sqlJs,
    { onProgress: (step) => { if (step.phase === 'check' && timings.load === undefined) lap('load'); progress(step); } },
  );
  lap('check');
  snapshot = opened;
  session = createAnalysisSession(opened);
  return {
    fileName,
    meta: opened.meta,
    sha256: opened.sha256,
    fileSize: opened.fileSize,
    keyKind: opened.keyKind,
    rowCounts: opened.rowCounts,
    optionalTables: opened.optionalTables,
    findings: opened.findings,
    timings,
  } satisfies SnapshotSummary;
};

const table: Handler<'table'> = async ({ id, parameters }) => buildTable(requireSession(), id, parameters);

const PERSON_COLUMNS = /(^|_)(id|inburgeraar_id|signaal_id|gebruiker)$/i;
const QUERY_ROW_LIMIT = 1_000_000;

/** The query result as a table model, so the SQL screen uses the same grid and exporters. */
function queryModel(sql: string, result: QueryResult, current: AnalysisSession, personLevel: boolean): TableModel {
  const rows: TableRow[] = result.rows.map((values) => {
    const row: TableRow = {};
    result.columns.forEach((name, index) => {
      const value = values[index];
      row[name] = value instanceof Uint8Array ? `(${value.length} bytes)` : (value ?? null);
    });
    return row;
  });
  const columns = result.columns.map((name): TableColumn => {
    const values = rows.map((row) => row[name]).filter((value) => value !== null);
    const isNumber = values.length > 0 && values.every((value) => typeof value === 'number');
    const fractional = isNumber && values.some((value) => typeof value === 'number' && !Number.isInteger(value));
    // Fractions are measurements, not counts: disclosure control must leave them alone.
    const type: ColumnType = fractional ? 'number' : isNumber ? 'count' : 'text';
    return fractional ? { key: name, label: name, type, decimals: 2 } : { key: name, label: name, type };
  });
  return {
    id: 'query',
    title: 'Query',
    columns,
    rows,
    totals: null,
    notes: [sql.trim()],
    source: current.snapshot.meta.bron,
    parameters: { sql: sql.trim(), person_level: personLevel },
    disclosure: { method: 'none' },
    provenance: current.provenance(),
  };
}

const query: Handler<'query'> = async ({ sql }) => {
  const current = requireSession();
  const started = performance.now();
  const result = runReadOnlyQuery(current.snapshot.db, sql, { maxRows: QUERY_ROW_LIMIT });
  const personLevel = result.columns.some((name) => PERSON_COLUMNS.test(name));
  return {
    model: queryModel(sql, result, current, personLevel),
    personLevel,
    truncated: result.truncated,
    milliseconds: Math.round(performance.now() - started),
  };
};

const incidents: Handler<'incidents'> = async () => {
  const current = requireSession();
  if (!current.snapshot.optionalTables.incident) return { incidents: [] };
  const result = current.snapshot.db.exec(
    'SELECT id, titel, soort, ontdekt_op, gemeld_ap_op, gemeenten_geinformeerd_op, betrokkenen_geinformeerd_op, beschrijving FROM incident ORDER BY ontdekt_op',
  )[0];
  const rows: IncidentRow[] = (result?.values ?? []).map((values) => {
    const text = (index: number) => (values[index] === null || values[index] === undefined ? null : String(values[index]));
    return {
      id: String(values[0]), titel: String(values[1]), soort: String(values[2]), ontdekt_op: String(values[3]),
      gemeld_ap_op: text(4), gemeenten_geinformeerd_op: text(5), betrokkenen_geinformeerd_op: text(6), beschrijving: text(7),
    };
  });
  return { incidents: rows };
};

const exportModels: Handler<'export'> = async ({ models, format, disclosure, personLevelConfirmed }) => {
  const [model] = models;
  if (model === undefined) throw new UsageError('Er is geen tabel om te exporteren.', 'There is no table to export.');
  assertExportAllowed(model, { confirmedUnprotected: personLevelConfirmed });
  return { bytes: await exportTable(applyDisclosure(model, disclosure), format) };
};

const bijlage: Handler<'bijlage'> = async ({ models, format, disclosure }) => {
  for (const model of models) assertExportAllowed(model);
  return { bytes: await exportBijlage(models.map((model) => applyDisclosure(model, disclosure)), format) };
};

const html: Handler<'html'> = async ({ model }) => ({ html: new TextDecoder().decode(await exportTable(model, 'html')) });

const close: Handler<'close'> = async () => ({ closed: wipe() });

// ── Snapshot maken ─────────────────────────────────────────────────────────────────
let sealDraft: BuiltSnapshot | null = null;

function discardDraft(): boolean {
  const had = sealDraft !== null;
  sealDraft?.database.close();
  sealDraft = null;
  return had;
}

/** A picked File as a seal source, streamed in chunks so large extracts never sit whole in memory. */
function sealFile(file: File): SealFile {
  return {
    name: file.name,
    size: file.size,
    async *chunks() {
      const reader = file.stream().getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    },
  };
}

const sealValidate: Handler<'sealValidate'> = async ({ files, overrides }, progress) => {
  discardDraft();
  sealDraft = await buildFromFiles(await sqlJs(), files.map(sealFile), overrides, { now: new Date(), producent: GENERATOR, onProgress: progress });
  return sealDraft.report;
};

const sealEncrypt: Handler<'sealEncrypt'> = async ({ recipients }, progress) => {
  if (sealDraft === null) throw new UsageError('Controleer eerst de bestanden.', 'Check the files first.');
  if (recipients.kind === 'x25519') recipients.recipients.forEach((recipient) => parseRecipient(recipient));
  const bytes = await encryptBuilt(sealDraft.database, recipients, progress);
  discardDraft();
  return { bytes };
};

const sealDiscard: Handler<'sealDiscard'> = async () => ({ discarded: discardDraft() });

export const handlers: { [O in keyof CoreRequests]: Handler<O> } = {
  open, table, query, incidents, export: exportModels, bijlage, html, close, sealValidate, sealEncrypt, sealDiscard,
};

