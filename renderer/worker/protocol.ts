// The typed request/response protocol between the UI thread and the core worker. The
// worker holds the decrypted database; the UI only ever sees summaries and table models.
// Errors cross the boundary as plain {code, messageNl, messageEn} so they stay readable.
import type { AgeKey, Progress } from '../../shared/age/types';
import type { Finding, OpenedSnapshot } from '../../shared/snapshot/types';
import type { Incident } from '../../shared/analyses/datalek/incident-timeline';
import type { AuditReference, TableModel } from '../../shared/tables/model';
import type { DisclosureChoice } from '../../shared/export/disclosure';
import type { SortKey } from '../components/grid-rows';
import type { TableRequest } from '../../shared/tables/catalogue';
import type { SealReport } from '../../shared/seal/seal-files';
import type { AgeRecipients } from '../../shared/age/types';
import type { DiffReport } from '../../shared/diff/diff';
import type { MunicipalityUser, UserView } from '../../shared/analyses/datalek/drilldown';
import type { NotificationInput } from '../../shared/analyses/datalek/notification';
import type { DraftFormat } from '../../shared/export/draft-document';
import type { AppExportFormat, BijlageFormat } from '../../shared/export/formats';

export type ExportFormat = AppExportFormat;
export type { BijlageFormat };

/**
 * What the UI knows about a snapshot as soon as it is loaded (no rows, no key): enough for
 * the Overzicht's meta and counts. The findings and, in the browser host, the file's digest
 * follow in OpenCompletion (docs/ARCHITECTURE.md, "The open path").
 */
export type OpenedSummary = Pick<OpenedSnapshot, 'meta' | 'fileSize' | 'keyKind' | 'rowCounts' | 'optionalTables'> & {
  fileName: string;
  /** Known at once when the host hashed the file as it read it (the desktop host); else null until the completion. */
  sha256: string | null;
  /** How long each phase of opening took, in milliseconds. */
  timings: Record<string, number>;
};

/** What the open adds a moment later: every table checked, and the file's SHA-256. */
export interface OpenCompletion {
  sha256: string;
  findings: Finding[];
  /** The phases of the completion (check, hash), in milliseconds. */
  timings: Record<string, number>;
}

/** A snapshot opened in one step (Vergelijken's second snapshot): loaded, checked, digested. */
export type SnapshotSummary = Omit<OpenedSummary, 'sha256'> & Pick<OpenCompletion, 'sha256' | 'findings'>;

/**
 * The order the app asks for the headline figures: cheapest first, so each shows as soon as
 * its own checks and facts are done (national file, one thread: backlog 0.8 s, ELIP 1.3 s,
 * exposed 2.0 s), and the exposed persons last, because the data-leak tables it needs are
 * scanned meanwhile on a worker of their own (core.ts). Definitions: renderer/worker/headlines.ts.
 */
export const HEADLINE_ORDER = ['backlog', 'elip', 'exposed'] as const;

/** A headline figure of the Overzicht: a column total of a catalogue table, or why there is none. */
export interface HeadlineFigure {
  id: (typeof HEADLINE_ORDER)[number];
  value: number | null;
  error: WireError | null;
}

/** An incident as the timeline shows it: the row of the optional `incident` table. */
export type IncidentRow = Incident;

export interface QueryResult {
  model: TableModel;
  /** True unless the result is aggregated by construction — always, for an ad-hoc query; leaving then needs confirmation. */
  personLevel: boolean;
  truncated: boolean;
  milliseconds: number;
}

// ── The one way out (renderer/worker/way-out.ts) ──────────────────────────────────
/** What a grid shows of its model: the same rules as the grid (renderer/components/grid-rows.ts). */
export interface GridView {
  /** Column filters by column key (the grid's filter row). */
  filters: Record<string, string>;
  search: string;
  sorting: SortKey[];
  hiddenColumns: string[];
  /** Indices into model.rows of the selected rows; empty = every shown row. */
  selectedRows: number[];
}

export type OutTarget =
  | { kind: 'file'; format: ExportFormat }
  | { kind: 'bijlage'; format: BijlageFormat }
  | { kind: 'clipboard-text' }
  | { kind: 'clipboard-html' }
  /** A chart or map image the UI draws; the worker judges the tables it shows. */
  | { kind: 'graphic' }
  /** The art. 33 notification draft (issue 16): aggregated, its per-municipality counts suppressed (k = 10). */
  | { kind: 'notification'; format: DraftFormat; input: NotificationInput };

export interface OutRequest {
  models: TableModel[];
  /** The grid's view of models[0]; null for the whole table (bijlage, charts). */
  view: GridView | null;
  disclosure: DisclosureChoice;
  target: OutTarget;
  /** The person confirmed the risks this request reported before. */
  confirmed: boolean;
  /**
   * The audit entry that records this export, appended before the file is made: a file
   * (table, bijlage, notification draft) is made only with it, and names it in its
   * provenance. null asks only what would leave (rows, risks) and makes no file.
   */
  audit: AuditReference | null;
}

/** What would leave unprotected. */
export interface OutRisks {
  /** Not provably aggregated (an ad-hoc query result, or a model the catalogue did not make). */
  personLevel: boolean;
  /** Counts 1…k−1 that would leave without disclosure control. */
  smallCells: number;
  /** The k those small counts are measured against. */
  k: number;
}

export type OutResponse =
  | { kind: 'confirm'; risks: OutRisks }
  | {
      kind: 'ready';
      risks: OutRisks;
      bytes: Uint8Array | null;
      /** CSV's provenance (it cannot hold its own), to be written beside it as `<file>.provenance.json`. */
      sidecar: Uint8Array | null;
      text: string | null;
      html: string | null;
      /** Rows that left (body rows of every table). */
      rows: number;
      /** Cells disclosure control hid (primary + secondary). */
      hiddenCells: number;
      /** The note about the view that went into the table's notes, or null for the whole table. */
      viewNote: string | null;
    };

// ── Controleren (renderer/worker/reconcile-op.ts) ────────────────────────────────
export interface ReconcileRequest {
  /** A pasted text (HTML or plain: TSV, CSV, lines from a PDF) or a dropped or picked file. */
  source: { kind: 'text'; text: string; html: boolean } | { kind: 'file'; bytes: Uint8Array; fileName: string };
  /** reconcile: a published table against the exact data; verify: one of our exports, cell for cell. */
  mode: 'reconcile' | 'verify';
  tableId?: string;
  parameters: TableRequest;
}

export interface ReconciledCell {
  text: string;
  /** CellStatus of shared/reconcile/compare.ts; null for a column that is not the table's. */
  status: 'equal' | 'different' | 'rounded' | 'suppressed' | 'hidden' | null;
  /** A Totaal that does not match the sum of its published cells. */
  totalWrong: boolean;
}

export interface ReconciledTable {
  tableId: string;
  title: string;
  headers: string[];
  cells: ReconciledCell[][];
  summaryNl: string;
  summaryEn: string;
  problemsNl: string[];
  problemsEn: string[];
  consistent: boolean;
  /** False when the file's provenance names another snapshot. */
  sameSnapshot: boolean;
  parametersFromFile: boolean;
  /** The findings as a table, with the snapshot's provenance, for the one way out. */
  report: TableModel;
}

export interface ReconcileResponse {
  fileSha256: string;
  results: ReconciledTable[];
  /** The audit entry an export names in its provenance. */
  audit: { seq: number; hash: string } | null;
}

/**
 * A snapshot file to open: its encrypted bytes (transferred, or shared when the host read them
 * into shared memory) and, when the host hashed them
 * as it read them (the desktop host), their SHA-256; else the worker hashes the bytes.
 */
export interface OpenRequest {
  bytes: Uint8Array<ArrayBuffer | SharedArrayBuffer>;
  key: AgeKey;
  fileName: string;
  /** The SHA-256 of the bytes when the host hashed them as it read them (the desktop host). */
  sha256?: string;
  /** The progress of their SHA-256 on another worker (shared/hash-progress.ts), when the page began it as it read them. */
  hashing?: Int32Array;
}

export interface CoreRequests {
  reconcile: { request: ReconcileRequest; response: ReconcileResponse };
  /** Decrypt and load: meta and counts, no findings yet; then ask the headlines and completeOpen. */
  open: { request: OpenRequest; response: OpenedSummary };
  /** One of the Overzicht's headline figures, computed from the session's facts before the remaining checks. */
  headline: { request: { id: HeadlineFigure['id'] }; response: HeadlineFigure };
  /** Check every table and make the file's digest; every other request on the snapshot waits for it. */
  completeOpen: { request: Record<string, never>; response: OpenCompletion };
  table: { request: { id: string; parameters: TableRequest }; response: TableModel };
  query: { request: { sql: string }; response: QueryResult };
  incidents: { request: Record<string, never>; response: { incidents: IncidentRow[] } };
  /** The one way out of the app for tables and query results (renderer/worker/way-out.ts). */
  wayOut: { request: OutRequest; response: OutResponse };
  close: { request: Record<string, never>; response: { closed: boolean } };
  /** Snapshot maken, step 1: parse and validate the picked CSV files; the built database waits in the worker. */
  sealValidate: {
    request: { files: File[]; overrides: { peildatum?: string; bron?: string; gemeenteJaar?: string } };
    response: SealReport;
  };
  /** Step 2: encrypt the validated database for the chosen readers; it is then wiped. */
  sealEncrypt: { request: { recipients: AgeRecipients }; response: { bytes: Uint8Array } };
  sealDiscard: { request: Record<string, never>; response: { discarded: boolean } };
  // ── Vergelijken met… (issue 12): a second snapshot beside the first ──
  /** Open a second snapshot to compare with the open one; it is wiped with the first. */
  openComparison: { request: OpenRequest; response: SnapshotSummary };
  /** Compare the two (the earlier peildatum is 'old'): counts only, and the diff tables. */
  compare: { request: { tableId: string; parameters: TableRequest }; response: { report: DiffReport; models: TableModel[] } };
  closeComparison: { request: Record<string, never>; response: { closed: boolean } };
  // ── Breach assessor's workbench (issue 16) ──
  /** Drill-down: a municipality's users with counts and times (never exported). */
  datalekUsers: { request: { gemeente: string; peildatum?: string }; response: { users: MunicipalityUser[] } };
  /** Drill-down: one user's counted views at a municipality, in time order. */
  datalekUserViews: { request: { gemeente: string; user: string; peildatum?: string }; response: { views: UserView[] } };
  /** The art. 34 person-level list (person_level: true); it leaves only through wayOut. */
  art34List: { request: { peildatum?: string }; response: TableModel };
}

export type CoreOperation = keyof CoreRequests;

export interface RequestMessage<O extends CoreOperation = CoreOperation> {
  id: number;
  operation: O;
  payload: CoreRequests[O]['request'];
}

export interface WireError {
  code: string;
  messageNl: string;
  messageEn: string;
}

export type ResponseMessage =
  | { id: number; kind: 'result'; result: unknown }
  | { id: number; kind: 'error'; error: WireError }
  | { id: number; kind: 'progress'; progress: Progress };
