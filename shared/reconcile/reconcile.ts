// Reconcile a published table with a snapshot, and verify one of our exports against it:
// recognise the catalogue table, settle its parameters, rebuild it from the snapshot and
// compare. Pure over an AnalysisSession, so the command line and the app's worker share it.
import { applyDisclosure, type DisclosureChoice } from '../export/disclosure';
import { buildTable, type TableRequest } from '../tables/catalogue';
import type { Disclosure, TableModel } from '../tables/model';
import type { AnalysisSession } from '../tables/session';
import { compareTable, type Comparison, type Protection } from './compare';
import { matchParameters, recogniseTable, requestFromParameters, type ParameterSource } from './match';
import type { ReadTable } from './read/types';

/** What a file says about how it was made (our exports): parameters and disclosure. */
export interface RecordedProvenance {
  tableId?: string;
  parameters?: Record<string, unknown>;
  disclosure?: Disclosure;
  /** First hex digits of the snapshot's SHA-256, as the provenance line gives them. */
  snapshotSha256?: string;
  /** The audit entry that records the export (seq and SHA-256 of the entry). */
  audit?: { seq: number; hash: string };
}

export interface ReconcileRequest {
  table: ReadTable;
  /** --table ID, when the user names it. */
  tableId?: string;
  /** Parameters given as options. */
  options?: TableRequest;
  /** Provenance read from the file, when it is one of ours. */
  provenance?: RecordedProvenance | null;
}

export interface ReconcileResult {
  tableId: string;
  title: string;
  request: TableRequest;
  sources: Record<string, ParameterSource>;
  comparison: Comparison;
  /** The table as computed from the snapshot (exact in reconcile; as exported in verify). */
  computed: TableModel;
  /** No problem: every cell equal or explained, every total adds up. */
  consistent: boolean;
}

/** Provenance a JSON export carries in its model; else what the caller read from the file. */
export function provenanceOf(table: ReadTable, fromFile: RecordedProvenance | null | undefined): RecordedProvenance | null {
  if (table.model !== undefined) {
    const audit = table.model.provenance.audit;
    return {
      tableId: table.model.id, parameters: table.model.parameters, disclosure: table.model.disclosure, snapshotSha256: table.model.provenance.snapshot_sha256,
      ...(audit === undefined ? {} : { audit }),
    };
  }
  return fromFile ?? null;
}

/** The disclosure our exports state in their notes ("afgerond op een veelvoud van 5", "<10: een aantal van 1 tot en met 9"). */
export function disclosureFromLines(lines: readonly string[]): DisclosureChoice | null {
  const text = lines.join('\n');
  const round = /afgerond op een veelvoud van (5|10)\b/.exec(text);
  if (round !== null) return { method: 'round', base: round[1] === '5' ? 5 : 10 };
  const suppress = /<(\d{1,4}): een aantal van 1 tot en met/.exec(text);
  if (suppress !== null) return { method: 'suppress', k: Number(suppress[1]) };
  return null;
}

function protectionFrom(disclosure: Disclosure | undefined): Protection | undefined {
  if (disclosure === undefined || disclosure.method === 'none') return undefined;
  if (disclosure.method === 'round') return { roundBase: disclosure.base, k: null };
  return { roundBase: null, k: disclosure.k };
}

/** Compare a published table with the data: every cell, every total. */
export function reconcileTable(session: AnalysisSession, input: ReconcileRequest): ReconcileResult {
  const provenance = provenanceOf(input.table, input.provenance);
  const tableId = input.tableId ?? provenance?.tableId ?? recogniseTable(input.table);
  const recorded = provenance?.parameters === undefined ? null : requestFromParameters(provenance.parameters);
  const { request, sources } = matchParameters(tableId, input.table, input.options ?? {}, recorded);
  const computed = buildTable(session, tableId, request);
  const protection = protectionFrom(provenance?.disclosure);
  const comparison = compareTable(input.table, computed, { mode: 'reconcile', ...(protection === undefined ? {} : { protection }) });
  return { tableId, title: computed.title, request, sources, comparison, computed, consistent: comparison.problems.length === 0 };
}

function choiceOf(disclosure: Disclosure): DisclosureChoice {
  if (disclosure.method === 'round') return { method: 'round', base: disclosure.base };
  if (disclosure.method === 'suppress') return { method: 'suppress', k: disclosure.k };
  return { method: 'none' };
}

/**
 * Verify one of our exports: rebuild the table at the parameters it records, apply the
 * same disclosure control, and require every cell to be the same.
 */
export function verifyTable(session: AnalysisSession, input: ReconcileRequest): ReconcileResult & { disclosure: DisclosureChoice } {
  const provenance = provenanceOf(input.table, input.provenance);
  const tableId = input.tableId ?? provenance?.tableId ?? recogniseTable(input.table);
  const recorded = provenance?.parameters === undefined ? null : requestFromParameters(provenance.parameters);
  const { request, sources } = matchParameters(tableId, input.table, input.options ?? {}, recorded);
  const exact = buildTable(session, tableId, request);
  const disclosure = provenance?.disclosure !== undefined ? choiceOf(provenance.disclosure) : (disclosureFromLines(input.table.lines) ?? { method: 'none' });
  const computed = applyDisclosure(exact, disclosure);
  const comparison = compareTable(input.table, computed, { mode: 'verify' });
  return { tableId, title: computed.title, request, sources, comparison, computed, consistent: comparison.problems.length === 0, disclosure };
}
