// The worker half of the one way out (docs/SECURITY.md, "What leaves the app"): every
// table or query result that leaves — a file, the clipboard, a chart, a bijlage — is
// prepared here and nowhere else. It decides what the result IS (aggregated by
// construction, or possibly person-level), applies the chosen disclosure control to the
// whole table, then cuts it to what the grid shows (filters, search, sort, hidden columns,
// selected rows), and refuses to hand anything out that would leave unprotected unless
// the person confirmed it. The UI half (renderer/app/way-out.ts) asks, delivers and audits.
import { applyDisclosure, DEFAULT_TABLE_DISCLOSURE, type DisclosureChoice } from '../../shared/export/disclosure';
import { countSmallCells } from '../../shared/export/guard';
import { exportBijlage, exportTable } from '../../shared/export/index';
import { publishedTable, allRows } from '../../shared/export/layout';
import { UsageError } from '../../shared/errors';
import { TABLE_IDS } from '../../shared/tables/catalogue';
import type { TableModel, TableRow } from '../../shared/tables/model';
import { filterRows, sortRows } from '../components/grid-rows';
import type { GridView, OutRequest, OutResponse, OutRisks, OutTarget } from './protocol';
import type { AnalysisSession } from '../../shared/tables/session';
import { notificationDraft, NOTIFICATION_DISCLOSURE_K } from '../../shared/analyses/datalek/notification';
import { exportDraft } from '../../shared/export/draft-document';
import { buildProvenance, needsProvenanceSidecar, provenanceSidecar, withAuditReference } from '../../shared/export/provenance';
import type { AuditReference } from '../../shared/tables/model';

/**
 * Person-level unless aggregated by construction: only a table of the catalogue, built by
 * the worker's analyses, counts persons per row by construction. Every ad-hoc query result
 * is treated as person-level, whatever its columns are called (docs/SECURITY.md).
 */
export function isAggregatedByConstruction(model: TableModel): boolean {
  return model.id !== 'query' && TABLE_IDS.includes(model.id) && model.parameters.person_level !== true;
}

/** The k small counts are measured against: the chosen one, else the default's. */
function thresholdOf(choice: DisclosureChoice): number {
  if (choice.method === 'suppress') return choice.k;
  return DEFAULT_TABLE_DISCLOSURE.method === 'suppress' ? DEFAULT_TABLE_DISCLOSURE.k : 10;
}

function quoted(text: string): string {
  return `‘${text.trim()}’`;
}

/** The Dutch note (exports are Dutch) that says which part of the table this is. */
export function viewNote(model: TableModel, view: GridView, shownRows: number): string | null {
  const parts: string[] = [];
  const filters = model.columns
    .filter((column) => (view.filters[column.key] ?? '').trim() !== '')
    .map((column) => `${column.label} ${quoted(view.filters[column.key] ?? '')}`);
  if (filters.length > 0) parts.push(`filter ${filters.join(', ')}`);
  if (view.search.trim() !== '') parts.push(`zoekterm ${quoted(view.search)}`);
  if (view.selectedRows.length > 0) parts.push(`selectie van ${shownRows} rijen`);
  const hidden = model.columns.filter((column) => view.hiddenColumns.includes(column.key)).map((column) => column.label);
  if (hidden.length > 0) parts.push(`verborgen kolommen: ${hidden.join(', ')}`);
  if (parts.length === 0) return null;
  const rowsPart = shownRows === model.rows.length ? '' : ` ${shownRows} van ${model.rows.length} rijen.`;
  const totalsPart = model.totals !== null && shownRows !== model.rows.length ? ' De totalen gelden voor de hele tabel.' : '';
  return `Getoond in Ketenlens met ${parts.join('; ')}.${rowsPart}${totalsPart}`;
}

/**
 * The protected model cut to the view. Rows are chosen on the unprotected model (what the
 * person saw and filtered on) and taken from the protected one: protecting the whole table
 * first means no hidden cell can be recomputed from the totals and the rows left out.
 */
export function applyView(original: TableModel, protectedModel: TableModel, view: GridView): { model: TableModel; note: string | null } {
  const filtered = filterRows(original.rows, original.columns, view.filters, view.search);
  let order = Array.from(sortRows(original.rows, filtered, view.sorting));
  if (view.selectedRows.length > 0) {
    const selected = new Set(view.selectedRows);
    order = order.filter((index) => selected.has(index));
  }
  const rows = order.map((index) => protectedModel.rows[index]).filter((row): row is TableRow => row !== undefined);
  const columns = protectedModel.columns.filter((column) => !view.hiddenColumns.includes(column.key));
  const note = viewNote(original, view, rows.length);
  return {
    model: { ...protectedModel, columns, rows, notes: note === null ? protectedModel.notes : [...protectedModel.notes, note] },
    note,
  };
}

function hiddenCellsOf(model: TableModel): number {
  const rows = model.totals === null ? model.rows : [...model.rows, model.totals];
  const shown = new Set(model.columns.map((column) => column.key));
  return rows.reduce((total, row) => total + (row._suppressed ?? []).filter((key) => shown.has(key)).length, 0);
}

/** Tab-separated text as people see the table: '<k' and 'x' for hidden cells, totals last. */
export function tableAsTsv(model: TableModel): string {
  const table = publishedTable(model);
  const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ');
  const lines = [table.headers.map(clean).join('\t'), ...allRows(table).map((row) => row.map((cell) => clean(cell.text)).join('\t'))];
  return `${lines.join('\n')}\n`;
}

/**
 * The art. 33 notification draft (issue 16) as it leaves: built here from the session, its
 * only table (counts per municipality) suppressed with k = 10 inside the draft, the rest
 * aggregates — so nothing in it needs confirmation.
 */
export async function prepareNotification(
  session: AnalysisSession, target: Extract<OutTarget, { kind: 'notification' }>, audit: AuditReference | null,
): Promise<OutResponse> {
  return {
    kind: 'ready',
    risks: { personLevel: false, smallCells: 0, k: NOTIFICATION_DISCLOSURE_K },
    // Made only naming the entry that records it (see OutRequest.audit).
    bytes: audit === null ? null : await exportDraft(notificationDraft(session, target.input, audit), target.format),
    sidecar: null,
    text: null,
    html: null,
    rows: 0,
    hiddenCells: 0,
    viewNote: null,
  };
}

const utf8 = new TextEncoder();

/** Prepare what leaves, or say what must be confirmed first. Nothing is returned unconfirmed. */
export async function prepareOutgoing(request: OutRequest): Promise<OutResponse> {
  const { models, view, disclosure, target, confirmed, audit } = request;
  if (models.length === 0) throw new UsageError('Er is geen tabel om te exporteren.', 'There is no table to export.');
  const k = thresholdOf(disclosure);
  // A graphic cannot be suppressed: it shows the tables as they are.
  const choice: DisclosureChoice = target.kind === 'graphic' ? { method: 'none' } : disclosure;
  const prepared = models.map((original, index) => {
    const protectedModel = original.disclosure.method === 'none' ? applyDisclosure(original, choice) : original;
    return index === 0 && view !== null ? applyView(original, protectedModel, view) : { model: protectedModel, note: null };
  });
  const outgoing = prepared.map((entry) => entry.model);
  const risks: OutRisks = {
    personLevel: models.some((model) => !isAggregatedByConstruction(model)),
    smallCells: outgoing.reduce((total, model) => total + (model.disclosure.method === 'none' ? countSmallCells(model, k) : 0), 0),
    k,
  };
  if ((risks.personLevel || risks.smallCells > 0) && !confirmed) return { kind: 'confirm', risks };
  const [first] = outgoing;
  if (first === undefined) throw new UsageError('Er is geen tabel om te exporteren.', 'There is no table to export.');
  const ready = {
    kind: 'ready' as const,
    risks,
    bytes: null,
    sidecar: null,
    text: null,
    html: null,
    rows: outgoing.reduce((total, model) => total + model.rows.length, 0),
    hiddenCells: outgoing.reduce((total, model) => total + hiddenCellsOf(model), 0),
    viewNote: prepared[0]?.note ?? null,
  };
  switch (target.kind) {
    case 'file': {
      // A file is made only naming the audit entry that records it (as the command line's, shared/node/cli/output.ts).
      if (audit === null) return ready;
      const audited = withAuditReference([first], audit);
      const sidecar = needsProvenanceSidecar(target.format) ? utf8.encode(provenanceSidecar(buildProvenance(audited, target.format, 1))) : null;
      return { ...ready, bytes: await exportTable(audited[0] ?? first, target.format), sidecar };
    }
    case 'bijlage':
      return audit === null ? ready : { ...ready, bytes: await exportBijlage(withAuditReference(outgoing, audit), target.format) };
    case 'clipboard-text':
      return { ...ready, text: tableAsTsv(first) };
    case 'clipboard-html': {
      const html = new TextDecoder().decode(await exportTable(first, 'html'));
      return { ...ready, html, text: tableAsTsv(first) };
    }
    case 'graphic':
      return ready;
    case 'notification':
      throw new UsageError('De conceptmelding gaat via prepareNotification.', 'The notification draft goes through prepareNotification.');
  }
}
