// A comparison as appendix tables (TableModel), one per table and comparison, so a diff is
// shown, exported and disclosure-controlled like every other table. Every figure is a
// non-negative count (the difference as increase and decrease, each cause as persons or
// records in and out), so rounding and suppression apply to all of them.
import type { Provenance, TableColumn, TableModel, TableRow } from '../tables/model';
import { CAUSES, CAUSE_LABELS, type Cause } from './causes';
import type { DiffReport, TableComparison } from './diff';

const COMPARISON_LABELS = {
  gelijke_parameters: { nl: 'bij gelijke parameters', en: 'at the same parameters' },
  eigen_peildatum: { nl: 'elk op de eigen peildatum', en: 'each at its own peildatum' },
} as const;

/** The statement every diff states about matching persons (Dutch, as table notes are). */
export function comparabilityNote(report: DiffReport): string {
  const c = report.comparability;
  if (c.comparable) {
    return `Persoonsnummers zijn vergeleken: beide snapshots hebben pseudoniem_domein '${c.domain}'. Elke persoon (of elk record) van wie het aandeel in een cel veranderde, telt bij precies één oorzaak; de oorzaken tellen op tot het verschil.`;
  }
  const why = c.reason === 'absent'
    ? `pseudoniem_domein ontbreekt in ${c.old === null && c.new === null ? 'beide snapshots' : c.old === null ? 'de oude snapshot' : 'de nieuwe snapshot'}`
    : `de snapshots hebben een ander pseudoniem_domein ('${c.old ?? ''}' en '${c.new ?? ''}')`;
  return `Oorzaken kunnen niet worden toegewezen: ${why}, dus persoonsnummers mogen niet worden gekoppeld. Alleen de celverschillen zijn gegeven.`;
}

function parametersText(parameters: Record<string, unknown>): string {
  return Object.entries(parameters)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key} ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('; ');
}

/** Causes that occur in the comparison (others would only add empty columns). */
function causesUsed(comparison: TableComparison): Cause[] {
  return CAUSES.filter((cause) => comparison.cells.some((cell) => cell.causes !== null && (cell.causes[cause].added > 0 || cell.causes[cause].removed > 0)));
}

export function diffTableModel(report: DiffReport, comparison: TableComparison, provenance: Provenance): TableModel {
  const causes = causesUsed(comparison);
  const columns: TableColumn[] = [
    { key: 'rij', label: 'Rij', type: 'text' },
    { key: 'kolom', label: 'Kolom', type: 'text' },
    { key: 'oud', label: `Oud (${report.old.peildatum})`, type: 'count' },
    { key: 'nieuw', label: `Nieuw (${report.new.peildatum})`, type: 'count' },
    { key: 'toename', label: 'Toename', type: 'count' },
    { key: 'afname', label: 'Afname', type: 'count' },
    ...causes.flatMap((cause): TableColumn[] => [
      { key: `${cause}_bij`, label: `${CAUSE_LABELS[cause].nl}: erbij`, type: 'count' },
      { key: `${cause}_af`, label: `${CAUSE_LABELS[cause].nl}: eraf`, type: 'count' },
    ]),
  ];
  const rows: TableRow[] = comparison.cells
    .filter((cell) => cell.difference !== null && cell.type === 'count')
    .map((cell) => {
      const row: TableRow = {
        rij: cell.rowLabel,
        kolom: cell.columnLabel,
        oud: typeof cell.old === 'number' ? cell.old : null,
        nieuw: typeof cell.new === 'number' ? cell.new : null,
        toename: Math.max(cell.difference ?? 0, 0),
        afname: Math.max(-(cell.difference ?? 0), 0),
      };
      for (const cause of causes) {
        row[`${cause}_bij`] = cell.causes === null ? null : cell.causes[cause].added;
        row[`${cause}_af`] = cell.causes === null ? null : cell.causes[cause].removed;
      }
      return row;
    });
  const notes = [
    comparabilityNote(report),
    `Oud: ${report.old.titel ?? 'snapshot'} (peildatum ${report.old.peildatum}, SHA-256 ${report.old.sha256}); parameters: ${parametersText(comparison.oldParameters)}.`,
    `Nieuw: ${report.new.titel ?? 'snapshot'} (peildatum ${report.new.peildatum}, SHA-256 ${report.new.sha256}); parameters: ${parametersText(comparison.newParameters)}.`,
    'Alleen cellen met aantallen die verschillen, en de totaalrij. Definities van de oorzaken en hun volgorde: docs/DIFF.md.',
  ];
  if (comparison.notDecomposedBecause === 'table') notes.push('Voor deze tabel is geen verdeling naar oorzaak gedefinieerd (alleen ELIP-, boete- en datalektabellen).');
  if (comparison.unexplainedCells > 0) {
    notes.push(`${comparison.unexplainedCells} cel(len) zijn niet naar oorzaak verdeeld: de personen telden daar niet op tot de tabel.`);
  }
  return {
    id: `diff-${comparison.tableId}-${comparison.comparison === 'gelijke_parameters' ? 'gelijk' : 'eigen'}`,
    title: `Verschil ${comparison.tableId} ${COMPARISON_LABELS[comparison.comparison].nl}: ${comparison.title}`,
    columns,
    rows,
    totals: null,
    notes,
    source: 'Ketenlens-vergelijking van twee snapshots',
    parameters: {
      tabel: comparison.tableId,
      vergelijking: comparison.comparison,
      oud: comparison.oldParameters,
      nieuw: comparison.newParameters,
      oorzaken_toegewezen: comparison.decomposed,
    },
    disclosure: { method: 'none' },
    provenance,
  };
}

/** Every comparison of the report as a table. */
export function diffTableModels(report: DiffReport, provenance: Provenance): TableModel[] {
  return report.tables.map((comparison) => diffTableModel(report, comparison, provenance));
}

export { COMPARISON_LABELS };
