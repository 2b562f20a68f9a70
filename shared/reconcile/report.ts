// The report of a reconciliation or verification: a short text for people (Dutch or
// English) and a TableModel of the findings, so it exports through the same exporters —
// with the same provenance line — as every other table.
import { formatCount, formatDecimal } from '../format';
import type { Language } from '../errors';
import type { TableModel, TableRow } from '../tables/model';
import type { AnalysisSession } from '../tables/session';
import type { CellCheck, Problem } from './compare';
import type { ReconcileResult } from './reconcile';

function number(value: number): string {
  return Number.isInteger(value) ? formatCount(value) : formatDecimal(value, 2);
}

function signed(value: number): string {
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${number(Math.abs(value))}`;
}

/** One sentence for a problem, in the user's language. */
export function describeProblem(problem: Problem, language: Language): string {
  const nl = language === 'nl';
  switch (problem.kind) {
    case 'row-published-only':
      return nl ? `Rij ${problem.rowLabel}: staat in de gepubliceerde tabel, niet in de data.` : `Row ${problem.rowLabel}: in the published table, not in the data.`;
    case 'row-data-only':
      return nl ? `Rij ${problem.rowLabel}: staat in de data, ontbreekt in de gepubliceerde tabel.` : `Row ${problem.rowLabel}: in the data, missing from the published table.`;
    case 'column-published-only':
      return nl ? `Kolom ${problem.columnLabel}: hoort niet bij deze tabel.` : `Column ${problem.columnLabel}: not a column of this table.`;
    case 'column-data-only':
      return nl ? `Kolom ${problem.columnLabel}: heeft waarden in de data, ontbreekt in de gepubliceerde tabel.` : `Column ${problem.columnLabel}: has values in the data, missing from the published table.`;
    default:
      return describeCell(problem.cell, language);
  }
}

function describeCell(cell: CellCheck | undefined, language: Language): string {
  if (cell === undefined) return '';
  const nl = language === 'nl';
  const where = `${cell.rowLabel} · ${cell.columnLabel}`;
  const parts = [nl ? `gepubliceerd ${cell.published || '(leeg)'}` : `published ${cell.published || '(empty)'}`];
  if (cell.sumOfCells?.consistent === false) {
    parts.push(nl ? `de cellen tellen op tot ${number(cell.sumOfCells.sum)}` : `its cells add up to ${number(cell.sumOfCells.sum)}`);
  }
  if (cell.status === 'different') {
    const data = cell.expectedText === '' ? (nl ? '(niets)' : '(nothing)') : cell.expectedText;
    const difference = cell.difference === null ? '' : nl ? ` (verschil ${signed(cell.difference)})` : ` (difference ${signed(cell.difference)})`;
    parts.push(nl ? `de data geeft ${data}${difference}` : `the data gives ${data}${difference}`);
  } else {
    parts.push(nl ? `de data geeft hetzelfde` : `the data agrees`);
  }
  return `${where}: ${parts.join('; ')}.`;
}

const STATUS_NL: Record<CellCheck['status'], string> = {
  equal: 'gelijk', different: 'verschil', rounded: 'past bij afronding', suppressed: 'past bij afscherming', hidden: 'afgeschermd (x), niet te controleren',
};
const STATUS_EN: Record<CellCheck['status'], string> = {
  equal: 'equal', different: 'different', rounded: 'consistent with rounding', suppressed: 'consistent with suppression', hidden: 'hidden (x), cannot be checked',
};

export function statusText(cell: CellCheck, language: Language): string {
  const base = (language === 'nl' ? STATUS_NL : STATUS_EN)[cell.status];
  const detail = cell.status === 'rounded' ? ` (${cell.base})` : cell.status === 'suppressed' ? ` (<${cell.k})` : '';
  const total = cell.sumOfCells?.consistent === false ? (language === 'nl' ? '; totaal klopt niet met de cellen' : '; total does not match its cells') : '';
  return `${base}${detail}${total}`;
}

/** The text report for the terminal. */
export function formatReport(result: ReconcileResult, source: string, language: Language, extra: string[] = []): string {
  const nl = language === 'nl';
  const { comparison } = result;
  const lines: string[] = [];
  const verb = comparison.mode === 'verify' ? (nl ? 'Controle van export' : 'Verification of export') : nl ? 'Vergelijking' : 'Reconciliation';
  lines.push(`${verb}: ${source}`);
  lines.push(`${nl ? 'Tabel' : 'Table'}: ${result.tableId} — ${result.title}`);
  const parameters = Object.entries(result.request).map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)} (${result.sources[key] ?? 'default'})`);
  lines.push(`${nl ? 'Parameters' : 'Parameters'}: ${parameters.length === 0 ? (nl ? 'standaard' : 'defaults') : parameters.join(', ')}`);
  const counts = comparison.counts;
  lines.push(
    nl
      ? `Cellen: ${counts.equal} gelijk, ${counts.different} verschillend, ${counts.rounded} passend bij afronding, ${counts.suppressed} passend bij afscherming, ${counts.hidden} afgeschermd (x).`
      : `Cells: ${counts.equal} equal, ${counts.different} different, ${counts.rounded} consistent with rounding, ${counts.suppressed} consistent with suppression, ${counts.hidden} hidden (x).`,
  );
  if (comparison.mode === 'reconcile') {
    lines.push(
      nl
        ? `Interne controle: ${comparison.totalsChecked} totalen nagerekend, ${comparison.totalsInconsistent} kloppen niet met hun cellen.`
        : `Internal check: ${comparison.totalsChecked} totals recomputed, ${comparison.totalsInconsistent} do not match their cells.`,
    );
  }
  lines.push(...extra);
  if (comparison.problems.length === 0) {
    lines.push(comparison.mode === 'verify' ? (nl ? 'Uitkomst: elke cel is gelijk.' : 'Result: every cell is the same.') : nl ? 'Uitkomst: geen problemen.' : 'Result: no problems.');
  } else {
    lines.push(nl ? `Uitkomst: ${comparison.problems.length} probleem/problemen:` : `Result: ${comparison.problems.length} problem(s):`);
    for (const problem of comparison.problems) lines.push(`  - ${describeProblem(problem, language)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The findings as a table: every problem and every cell that is not plainly equal. The
 * exact value of a cell the published table protects (rounded or '<k') is not repeated
 * in the report: the report must not undo the protection of the table it checks.
 */
export function reportModel(session: AnalysisSession, result: ReconcileResult, source: { name: string; sha256?: string }): TableModel {
  const rows: TableRow[] = [];
  const { comparison } = result;
  for (const problem of comparison.problems) {
    if (problem.kind === 'cell' && problem.cell !== undefined) continue;
    rows.push({ rij: problem.rowLabel, kolom: problem.columnLabel, gepubliceerd: null, data: null, verschil: null, oordeel: describeProblem(problem, 'nl') });
  }
  for (const row of comparison.cells) {
    for (const cell of row) {
      if (cell.columnKey === null || (cell.status === 'equal' && cell.sumOfCells?.consistent !== false)) continue;
      const protectedCell = cell.status === 'rounded' || cell.status === 'suppressed' || cell.status === 'hidden';
      rows.push({
        rij: cell.rowLabel,
        kolom: cell.columnLabel,
        gepubliceerd: cell.published,
        data: protectedCell ? null : cell.expectedText,
        som_cellen: cell.sumOfCells === undefined ? null : number(cell.sumOfCells.sum),
        verschil: cell.difference,
        oordeel: statusText(cell, 'nl'),
      });
    }
  }
  const counts = comparison.counts;
  const wholeDifferences = rows.every((row) => typeof row.verschil !== 'number' || Number.isInteger(row.verschil));
  return {
    id: comparison.mode === 'verify' ? 'controle-export' : 'controle-tabel',
    title: `${comparison.mode === 'verify' ? 'Controle van de export' : 'Vergelijking van de gepubliceerde tabel'} ${result.tableId}: ${result.title}`,
    columns: [
      { key: 'rij', label: 'Rij', type: 'text' },
      { key: 'kolom', label: 'Kolom', type: 'text' },
      { key: 'gepubliceerd', label: 'Gepubliceerd', type: 'text' },
      { key: 'data', label: 'Uit de data', type: 'text' },
      { key: 'som_cellen', label: 'Som van de cellen', type: 'text' },
      { key: 'verschil', label: 'Verschil', type: 'number', decimals: wholeDifferences ? 0 : 2 },
      { key: 'oordeel', label: 'Oordeel', type: 'text' },
    ],
    rows,
    totals: null,
    notes: [
      `Bron van de vergelijking: ${source.name}${source.sha256 === undefined ? '' : ` (SHA-256 ${source.sha256})`}.`,
      `Cellen: ${counts.equal} gelijk, ${counts.different} verschillend, ${counts.rounded} passend bij afronding, ${counts.suppressed} passend bij afscherming, ${counts.hidden} afgeschermd (x).`,
      ...(comparison.mode === 'reconcile' ? [`Interne controle: ${comparison.totalsChecked} totalen nagerekend, ${comparison.totalsInconsistent} kloppen niet met hun cellen.`] : []),
      comparison.problems.length === 0 ? 'Uitkomst: geen problemen.' : `Uitkomst: ${comparison.problems.length} probleem/problemen.`,
      'Van cellen die de gepubliceerde tabel afrondt of afschermt, toont dit verslag de exacte waarde niet.',
    ],
    source: session.snapshot.meta.bron,
    parameters: { tabel: result.tableId, ...result.request, bestand: source.name, ...(source.sha256 === undefined ? {} : { bestand_sha256: source.sha256 }) },
    disclosure: { method: 'none' },
    provenance: session.provenance(),
  };
}
