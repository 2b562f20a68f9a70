// The worker's side of Controleren: read a pasted or dropped table (or one of our
// exports), reconcile it with — or verify it against — the open snapshot, and hand the UI
// only what it shows: the published cells with their status, the sentences, the report.
import { readProvenance } from '../../shared/export/provenance';
import { readTablesFromFile, readTablesFromText } from '../../shared/reconcile/read/index';
import { provenanceOf, reconcileTable, verifyTable, type RecordedProvenance } from '../../shared/reconcile/reconcile';
import { describeProblem, formatReport, reportModel } from '../../shared/reconcile/report';
import type { AnalysisSession } from '../../shared/tables/session';
import type { ReconcileRequest, ReconcileResponse, ReconciledTable } from './protocol';
import { sha256Hex } from '../../shared/digest';

/** SHA-256 (hex) of bytes that may live in a shared or foreign buffer: hashed from a copy. */
const sha256Of = (bytes: Uint8Array): Promise<string> => sha256Hex(new Uint8Array(bytes));

const utf8 = new TextEncoder();

export async function reconcileInWorker(session: AnalysisSession, request: ReconcileRequest): Promise<ReconcileResponse> {
  const { source } = request;
  const bytes = source.kind === 'file' ? source.bytes : utf8.encode(source.text);
  const name = source.kind === 'file' ? source.fileName : source.html ? 'klembord (HTML)' : 'klembord (tekst)';
  const tables = source.kind === 'file' ? readTablesFromFile(bytes, source.fileName) : readTablesFromText(source.text, name);
  const provenance = source.kind === 'file' && /\.(docx|xlsx|odt|ods|html?|md|json)$/i.test(source.fileName) ? readProvenance(bytes, source.fileName) : null;
  const fileSha256 = await sha256Of(bytes);
  const results = tables.map((table, index): ReconciledTable => {
    const recordedTable = provenance === null ? undefined : (provenance.tables.length === tables.length ? provenance.tables[index] : provenance.tables.find((each) => each.number === index + 1));
    const recorded: RecordedProvenance | null = recordedTable === undefined
      ? null
      : { tableId: recordedTable.id, parameters: recordedTable.parameters, disclosure: recordedTable.disclosure, snapshotSha256: recordedTable.snapshot.sha256 };
    const input = {
      table,
      ...(request.tableId === undefined ? {} : { tableId: request.tableId }),
      options: request.parameters,
      provenance: provenanceOf(table, recorded),
    };
    const result = request.mode === 'verify' ? verifyTable(session, input) : reconcileTable(session, input);
    const sourceName = tables.length === 1 ? name : `${name} (tabel ${index + 1})`;
    const sameSnapshot = input.provenance?.snapshotSha256 === undefined || session.snapshot.sha256.startsWith(input.provenance.snapshotSha256);
    return {
      tableId: result.tableId,
      title: result.title,
      headers: result.comparison.headers,
      cells: result.comparison.cells.map((row) => row.map((cell) => ({ text: cell.published, status: cell.columnKey === null ? null : cell.status, totalWrong: cell.sumOfCells?.consistent === false }))),
      summaryNl: formatReport(result, sourceName, 'nl'),
      summaryEn: formatReport(result, sourceName, 'en'),
      problemsNl: result.comparison.problems.map((problem) => describeProblem(problem, 'nl')),
      problemsEn: result.comparison.problems.map((problem) => describeProblem(problem, 'en')),
      consistent: result.consistent && sameSnapshot,
      sameSnapshot,
      parametersFromFile: input.provenance?.parameters !== undefined,
      report: reportModel(session, result, { name: sourceName, sha256: fileSha256 }),
    };
  });
  return { fileSha256, results, audit: provenance?.audit ?? null };
}
