// The core operations the worker performs on behalf of the UI. All state that holds
// personal data (the decrypted database, the analysis session) lives here and only here.
import { decryptAge, type Progress } from '../../shared/age/index';
import { openSnapshotFromPlaintext } from '../../shared/snapshot/open';
import { runReadOnlyQuery } from '../../shared/snapshot/query';
import { cachedSqlJsProvider } from '../../shared/snapshot/sqljs';
import { UsageError } from '../../shared/errors';
import type { OpenedSnapshot } from '../../shared/snapshot/types';
import { buildTable } from '../../shared/tables/catalogue';
import { readIncidents } from '../../shared/analyses/datalek/incident-timeline';
import { createAnalysisSession, type AnalysisSession } from '../../shared/tables/session';
import type { CoreRequests, OpenRequest, SnapshotSummary } from './protocol';
import { loadSqlJs } from './sql-provider';
import { queryModel } from './query-model';
import { isAggregatedByConstruction, prepareNotification, prepareOutgoing } from './way-out';
import { buildFromFiles, encryptBuilt, type BuiltSnapshot } from '../../shared/seal/seal-files';
import type { SealFile } from '../../shared/seal/files';
import { parseRecipient } from '../../shared/age/keys';
import { GENERATOR } from '../../shared/version';
import { diffSnapshots } from '../../shared/diff/diff';
import { diffTableModels } from '../../shared/diff/diff-tables';
import { reconcileInWorker } from './reconcile-op';
import { datalekFacts } from '../../shared/analyses/datalek/facts';
import { municipalityUsers, userViews } from '../../shared/analyses/datalek/drilldown';
import { art34Model } from '../../shared/analyses/datalek/art34';
import { endOfDate } from '../../shared/dates';
import { peildatumOf } from '../../shared/analyses/common/parameters';
import { sha256Hex } from '../../shared/digest';

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
  wipeComparison();
  snapshot?.close();
  snapshot = null;
  session = null;
  return wasOpen;
}

// The second snapshot of *Vergelijken met…*; never open without the first.
let comparison: AnalysisSession | null = null;

function wipeComparison(): boolean {
  const wasOpen = comparison !== null;
  comparison?.snapshot.close();
  comparison = null;
  return wasOpen;
}

const open: Handler<'open'> = async (request, progress) => {
  wipe();
  const { opened, summary } = await openBytes(request, progress);
  snapshot = opened;
  session = createAnalysisSession(opened);
  return summary;
};

const openComparison: Handler<'openComparison'> = async (request, progress) => {
  requireSession();
  wipeComparison();
  const { opened, summary } = await openBytes(request, progress);
  comparison = createAnalysisSession(opened);
  return summary;
};

const compare: Handler<'compare'> = async ({ tableId, parameters }) => {
  const first = requireSession();
  if (comparison === null) throw new UsageError('Er is geen tweede snapshot geopend.', 'No second snapshot is open.');
  // The snapshot with the earlier peildatum is the old one; on a tie, the one opened first.
  const secondIsOlder = comparison.snapshot.meta.peildatum < first.snapshot.meta.peildatum;
  const [older, newer] = secondIsOlder ? [comparison, first] : [first, comparison];
  const report = diffSnapshots(older, newer, { tableIds: [tableId], request: parameters });
  return { report, models: diffTableModels(report, newer.provenance()) };
};

const closeComparison: Handler<'closeComparison'> = async () => ({ closed: wipeComparison() });

/**
 * The file's SHA-256: the host's digest when it hashed the bytes as it read them (the
 * desktop host, with node:crypto), else the bytes through Web Crypto — which copies them
 * all first, before decryption can start (2.5 s for 519 MB,
 * docs/performance/app-responsiveness.md).
 */
function fileDigest({ bytes, sha256 }: OpenRequest): Promise<string> {
  return sha256 !== undefined ? Promise.resolve(sha256) : sha256Hex(bytes);
}

async function openBytes(
  request: OpenRequest, progress: (progress: Progress) => void,
): Promise<{ opened: OpenedSnapshot; summary: SnapshotSummary }> {
  const { bytes, key, fileName } = request;
  const timings: Record<string, number> = {};
  let started = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    timings[phase] = Math.round(now - started);
    started = now;
  };
  progress({ phase: 'read', done: bytes.length, total: bytes.length });
  // Not awaited here: the hash is made while this thread decrypts and checks; the open
  // awaits it last.
  const sha256 = fileDigest(request);
  sha256.catch(() => undefined);
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
  const summary: SnapshotSummary = {
    fileName,
    meta: opened.meta,
    sha256: opened.sha256,
    fileSize: opened.fileSize,
    keyKind: opened.keyKind,
    rowCounts: opened.rowCounts,
    optionalTables: opened.optionalTables,
    findings: opened.findings,
    timings,
  };
  return { opened, summary };
}

const table: Handler<'table'> = async ({ id, parameters }) => buildTable(requireSession(), id, parameters);

const QUERY_ROW_LIMIT = 1_000_000;

const query: Handler<'query'> = async ({ sql }) => {
  const current = requireSession();
  const started = performance.now();
  const result = runReadOnlyQuery(current.snapshot.db, sql, { maxRows: QUERY_ROW_LIMIT });
  const model = queryModel(sql, result, current);
  return {
    model,
    personLevel: !isAggregatedByConstruction(model),
    truncated: result.truncated,
    milliseconds: Math.round(performance.now() - started),
  };
};

// The same reading as the datalek-ernst table: rows the loader skipped and rows without a
// valid ontdekt_op are left out, so the app's timeline and the table never disagree.
const incidents: Handler<'incidents'> = async () => {
  const current = requireSession();
  if (!current.snapshot.optionalTables.incident) return { incidents: [] };
  return { incidents: readIncidents(current.snapshot) };
};

// The one way out: exports, copies, charts and bijlagen (renderer/worker/way-out.ts).
const wayOut: Handler<'wayOut'> = async (request) =>
  request.target.kind === 'notification' ? prepareNotification(requireSession(), request.target, request.audit) : prepareOutgoing(request);

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

// Controleren: a published table or one of our exports against the open snapshot.
const reconcile: Handler<'reconcile'> = async (request) => reconcileInWorker(requireSession(), request);

// ── Breach assessor's workbench ────────────────────────────────────────────────────
function endOfRequest(current: AnalysisSession, peildatum: string | undefined): number {
  return endOfDate(peildatumOf(peildatum === undefined ? {} : { peildata: [peildatum] }, current.snapshot));
}

const datalekUsers: Handler<'datalekUsers'> = async ({ gemeente, peildatum }) => {
  const current = requireSession();
  return { users: municipalityUsers(datalekFacts(current), endOfRequest(current, peildatum), gemeente) };
};

const datalekUserViews: Handler<'datalekUserViews'> = async ({ gemeente, user, peildatum }) => {
  const current = requireSession();
  return { views: userViews(datalekFacts(current), endOfRequest(current, peildatum), gemeente, user) };
};

// Person-level: it leaves only through wayOut, which asks for confirmation and audits.
const art34List: Handler<'art34List'> = async ({ peildatum }) => art34Model(requireSession(), peildatum === undefined ? {} : { peildata: [peildatum] });

export const handlers: { [O in keyof CoreRequests]: Handler<O> } = {
  open, table, query, incidents, wayOut, close, sealValidate, sealEncrypt, sealDiscard,
  openComparison, compare, closeComparison,
  reconcile,
  datalekUsers, datalekUserViews, art34List,
};

