// The core operations the worker performs on behalf of the UI. All state that holds
// personal data (the decrypted database, the analysis session) lives here and only here.
import { decryptAge, type Progress } from '../../shared/age/index';
import { keyKindOf } from '../../shared/age/types';
import { openSnapshotFromPlaintext } from '../../shared/snapshot/open';
import { runReadOnlyQuery } from '../../shared/snapshot/query';
import { cachedSqlJsProvider } from '../../shared/snapshot/sqljs';
import { UsageError } from '../../shared/errors';
import type { OpenedSnapshot } from '../../shared/snapshot/types';
import { buildTable } from '../../shared/tables/catalogue';
import { readIncidents } from '../../shared/analyses/datalek/incident-timeline';
import { createAnalysisSession, type AnalysisSession } from '../../shared/tables/session';
import type { CoreRequests, OpenCompletion, OpenedSummary, OpenRequest, SnapshotSummary } from './protocol';
import { headlineFigure } from './headlines';
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
import { acceptDatalekRows } from '../../shared/analyses/datalek/facts-scan';
import { municipalityUsers, userViews } from '../../shared/analyses/datalek/drilldown';
import { art34Model } from '../../shared/analyses/datalek/art34';
import { endOfDate } from '../../shared/dates';
import { peildatumOf } from '../../shared/analyses/common/parameters';
import { digestAside } from './digest-aside';
import { awaitDigest, hashedDigest, isHashProgress } from '../../shared/hash-progress';
import { startDecryptHelper } from './decrypt-aside';
import { prepareScanAside } from './scan-aside';

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
  pendingCompletion = null;
  completion = null;
  datalekRowsRead = Promise.resolve();
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
  const staged = await openStaged(request, progress);
  snapshot = staged.opened;
  session = createAnalysisSession(staged.opened);
  pendingCompletion = staged.complete;
  datalekRowsRead = staged.datalekRowsRead;
  return staged.summary;
};

/**
 * The rest of the open (every check, the file's digest), run once: by completeOpen, which the
 * UI asks right after the headlines, or first by any request that needs it.
 */
let pendingCompletion: (() => Promise<OpenCompletion>) | null = null;
/** Settles once the scan worker's data-leak rows are handed to the facts, or will not come. Never rejects. */
let datalekRowsRead: Promise<void> = Promise.resolve();
let completion: Promise<OpenCompletion> | null = null;

function completeOnce(): Promise<OpenCompletion> {
  if (completion === null) {
    if (pendingCompletion === null) throw new UsageError('Er is geen snapshot geopend.', 'No snapshot is open.');
    completion = pendingCompletion();
  }
  return completion;
}

/** The session once the open is complete: its findings are final and its provenance has the digest. */
async function readySession(): Promise<AnalysisSession> {
  requireSession();
  await completeOnce();
  return requireSession();
}

const headline: Handler<'headline'> = async ({ id }) => {
  // The data-leak tables' figure waits for their scan on the other worker rather than scan
  // them again here, and for the rows of its facts that worker reads next.
  if (id === 'exposed') {
    await requireSession().snapshot.asideChecked;
    await datalekRowsRead;
  }
  return headlineFigure(requireSession(), id);
};

const completeOpen: Handler<'completeOpen'> = async () => completeOnce();

const openComparison: Handler<'openComparison'> = async (request, progress) => {
  await readySession();
  wipeComparison();
  const { opened, summary } = await openWhole(request, progress);
  comparison = createAnalysisSession(opened);
  return summary;
};

const compare: Handler<'compare'> = async ({ tableId, parameters }) => {
  const first = await readySession();
  if (comparison === null) throw new UsageError('Er is geen tweede snapshot geopend.', 'No second snapshot is open.');
  // The snapshot with the earlier peildatum is the old one; on a tie, the one opened first.
  const secondIsOlder = comparison.snapshot.meta.peildatum < first.snapshot.meta.peildatum;
  const [older, newer] = secondIsOlder ? [comparison, first] : [first, comparison];
  const report = diffSnapshots(older, newer, { tableIds: [tableId], request: parameters });
  return { report, models: diffTableModels(report, newer.provenance()) };
};

const closeComparison: Handler<'closeComparison'> = async () => ({ closed: wipeComparison() });

/**
 * Decrypt and load, returning as soon as meta and counts are known (checks when needed, digest
 * deferred); `complete` then checks the remaining tables and waits for the digest. In the
 * browser host the digest is made on a worker of its own from the moment decryption is done
 * (digest-aside.ts), while this worker loads and computes the first figures: the ciphertext
 * is needed for nothing else by then, so it is transferred there, not copied.
 */
async function openStaged(
  request: OpenRequest, progress: (progress: Progress) => void,
): Promise<{ opened: OpenedSnapshot; summary: OpenedSummary; complete: () => Promise<OpenCompletion>; datalekRowsRead: Promise<void> }> {
  const { key, fileName } = request;
  const fileSize = request.bytes.length;
  const timings: Record<string, number> = {};
  const clock = lapClock(timings);
  progress({ phase: 'read', done: fileSize, total: fileSize });
  progress({ phase: 'decrypt', done: 0, total: fileSize });
  // A large file the host read into shared memory is decrypted on two cores (decrypt-aside.ts).
  const payloadHelper = startDecryptHelper(request.bytes);
  // Likewise the worker that will scan the data-leak tables (scan-aside.ts), started now so it
  // has loaded by the time the open returns.
  const scanAhead = prepareScanAside(request.bytes);
  // Bytes whose digest is known or being made elsewhere are needed for nothing else: the
  // plaintext takes their memory (behind the hash, where it still runs), so the file is in
  // memory once. Other bytes are decrypted into memory of their own, then hashed.
  const hashing = isHashProgress(request.hashing) ? request.hashing : undefined;
  const inPlace = request.sha256 !== undefined ? {} : hashing !== undefined ? { hashed: hashing } : undefined;
  let plaintext: Uint8Array;
  try {
    plaintext = await decryptAge(request.bytes, key, { onProgress: progress, ...(payloadHelper ? { payloadHelper } : {}), ...(inPlace ? { inPlace } : {}) });
  } catch (error) {
    scanAhead?.release();
    throw error;
  }
  clock.lap('decrypt');
  // From here the ciphertext belongs to the digest (it may be transferred away).
  const aside = inPlace === undefined ? digestAside(request.bytes) : null;
  let settleDigest: (sha256: string) => void = () => undefined;
  let failDigest: (error: unknown) => void = () => undefined;
  const digest = request.sha256 !== undefined
    ? Promise.resolve(request.sha256)
    : hashing !== undefined
      ? awaitDigest(hashing)
      : new Promise<string>((resolve, reject) => { settleDigest = resolve; failDigest = reject; });
  progress({ phase: 'load', done: 0, total: plaintext.length });
  let opened: OpenedSnapshot;
  try {
    opened = await openSnapshotFromPlaintext(
      plaintext,
      { sha256: digest, fileSize, keyKind: keyKindOf(key) },
      sqlJs,
      // The data-leak tables are scanned on that worker as the open returns, where the image is
      // shared memory; the 'exposed' figure and the completion wait for its answer.
      { checks: 'when-needed', digest: 'deferred', onProgress: progress, ...(scanAhead ? { scanAside: scanAhead.scanAside, scanAsideAtOnce: true } : {}) },
    );
  } catch (error) {
    aside?.cancel();
    throw error;
  } finally {
    scanAhead?.release(); // a no-op once its worker has its request
  }
  // The rows that worker reads after its answer are taken by the data-leak facts instead of a
  // second scan here; a facts computed before they arrive reads the tables itself.
  const datalekRowsRead = (scanAhead?.datalekRows ?? Promise.resolve(null)).then((rows) => {
    if (rows !== null) acceptDatalekRows(opened.db, rows);
  });
  const rowCounts = opened.rowCounts;
  clock.lap('load');
  const summary: OpenedSummary = {
    fileName, meta: opened.meta, sha256: request.sha256 ?? (hashing !== undefined ? hashedDigest(hashing) : null), fileSize, keyKind: opened.keyKind,
    rowCounts, optionalTables: opened.optionalTables, timings,
  };
  const complete = async (): Promise<OpenCompletion> => {
    const later: Record<string, number> = {};
    const laps = lapClock(later);
    await opened.asideChecked;
    const findings = opened.findings;
    laps.lap('check');
    if (aside !== null) {
      try {
        settleDigest(await aside.digest());
      } catch (error) {
        failDigest(error);
      }
      laps.lap('hash');
    }
    return { sha256: await opened.digested, findings, timings: later };
  };
  return { opened, summary, complete, datalekRowsRead };
}

function lapClock(timings: Record<string, number>): { lap(phase: string): void } {
  let started = performance.now();
  return {
    lap(phase) {
      const now = performance.now();
      timings[phase] = Math.round(now - started);
      started = now;
    },
  };
}

/** The open in one step (Vergelijken's second snapshot): the staged open, completed at once. */
async function openWhole(
  request: OpenRequest, progress: (progress: Progress) => void,
): Promise<{ opened: OpenedSnapshot; summary: SnapshotSummary }> {
  const { opened, summary, complete } = await openStaged(request, progress);
  try {
    const done = await complete();
    return { opened, summary: { ...summary, sha256: done.sha256, findings: done.findings, timings: { ...summary.timings, ...done.timings } } };
  } catch (error) {
    opened.close();
    throw error;
  }
}

const table: Handler<'table'> = async ({ id, parameters }) => buildTable(await readySession(), id, parameters);

const QUERY_ROW_LIMIT = 1_000_000;

const query: Handler<'query'> = async ({ sql }) => {
  const current = await readySession();
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
  const current = await readySession();
  if (!current.snapshot.optionalTables.incident) return { incidents: [] };
  return { incidents: readIncidents(current.snapshot) };
};

// The one way out: exports, copies, charts and bijlagen (renderer/worker/way-out.ts).
const wayOut: Handler<'wayOut'> = async (request) =>
  request.target.kind === 'notification' ? prepareNotification(await readySession(), request.target, request.audit) : prepareOutgoing(request);

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
const reconcile: Handler<'reconcile'> = async (request) => reconcileInWorker(await readySession(), request);

// ── Breach assessor's workbench ────────────────────────────────────────────────────
function endOfRequest(current: AnalysisSession, peildatum: string | undefined): number {
  return endOfDate(peildatumOf(peildatum === undefined ? {} : { peildata: [peildatum] }, current.snapshot));
}

const datalekUsers: Handler<'datalekUsers'> = async ({ gemeente, peildatum }) => {
  const current = await readySession();
  return { users: municipalityUsers(datalekFacts(current), endOfRequest(current, peildatum), gemeente) };
};

const datalekUserViews: Handler<'datalekUserViews'> = async ({ gemeente, user, peildatum }) => {
  const current = await readySession();
  return { views: userViews(datalekFacts(current), endOfRequest(current, peildatum), gemeente, user) };
};

// Person-level: it leaves only through wayOut, which asks for confirmation and audits.
const art34List: Handler<'art34List'> = async ({ peildatum }) => art34Model(await readySession(), peildatum === undefined ? {} : { peildata: [peildatum] });

export const handlers: { [O in keyof CoreRequests]: Handler<O> } = {
  open, headline, completeOpen, table, query, incidents, wayOut, close, sealValidate, sealEncrypt, sealDiscard,
  openComparison, compare, closeComparison,
  reconcile,
  datalekUsers, datalekUserViews, art34List,
};

