// The table elip-cohorten: ELIP-A per cohort at one or more reference dates, in the
// layout of Tabel 1 of Kamerstuk 32 824, nr. 391 (optionally merging the last cohorts).
import type { TableRequest } from '../tables/catalogue';
import type { TableColumn, TableModel, TableRow } from '../tables/model';
import type { AnalysisSession } from '../tables/session';
import { formatMoneyCent } from '../format/numbers';
import { elipACountsByCohort, cohortRange, type ElipParameters } from './elip';
import { elipANote, loanNote, obligedNote } from './elip-definitions';
import { DOELGROEP_LABELS, skippedRowNotes } from './notes';
import {
  DEFAULT_DREMPEL_B_CENT, DEFAULT_DREMPEL_CENT, DEFAULT_MAANDEN_B, amountOf, doelgroepOf, optionalYearOf, peildataOf,
} from './parameters';
import { loanTimelines, personFacts } from './person-facts';
import { tableModel } from './table-model';

/** A column of the table: one cohort year or a merged range of years. */
export interface CohortColumn {
  key: string;
  label: string;
  from: number;
  to: number;
}

const shortYear = (year: number) => `'${String(year % 100).padStart(2, '0')}`;

/**
 * Cohort columns from the earliest cohort to the year of the latest reference date (a
 * person obliged by then cannot have a later cohort); from `mergeFrom` on, one column.
 */
export function cohortColumns(first: number, last: number, mergeFrom: number | null): CohortColumn[] {
  const columns: CohortColumn[] = [];
  const splitAt = mergeFrom === null || mergeFrom > last ? last + 1 : Math.max(mergeFrom, first);
  for (let year = first; year < splitAt; year++) columns.push({ key: String(year), label: shortYear(year), from: year, to: year });
  if (splitAt <= last) {
    columns.push(
      splitAt === last
        ? { key: String(last), label: shortYear(last), from: last, to: last }
        : { key: `${splitAt}-${last}`, label: `${shortYear(splitAt)}/${shortYear(last)}`, from: splitAt, to: last },
    );
  }
  return columns;
}

export function buildElipCohorten(session: AnalysisSession, request: TableRequest): TableModel {
  const snapshot = session.snapshot;
  const peildata = peildataOf(request, snapshot);
  const doelgroep = doelgroepOf(request);
  const drempel = amountOf('drempel', request.drempel_cent, DEFAULT_DREMPEL_CENT);
  const mergeFrom = optionalYearOf('cohort_merge_from', request.cohort_merge_from);
  const facts = personFacts(session);
  const loans = loanTimelines(session, doelgroep);

  const latest = peildata.reduce((a, b) => (a > b ? a : b));
  const latestYear = Number(latest.slice(0, 4));
  const range = cohortRange(facts, doelgroep, latest);
  const cohorts = range === null ? [] : cohortColumns(range.first, latestYear, mergeFrom);

  const rows: TableRow[] = peildata.map((peildatum) => {
    const parameters: ElipParameters = {
      peildatum, doelgroep, drempel_cent: drempel, drempel_b_cent: DEFAULT_DREMPEL_B_CENT, maanden_b: DEFAULT_MAANDEN_B,
    };
    const counts = elipACountsByCohort(facts, loans, parameters);
    const row: TableRow = { peildatum };
    let totaal = 0;
    for (const column of cohorts) {
      let cell = 0;
      for (let year = column.from; year <= column.to; year++) cell += counts.get(year) ?? 0;
      row[column.key] = cell;
      totaal += cell;
    }
    row.totaal = totaal;
    return row;
  });

  const columns: TableColumn[] = [
    { key: 'peildatum', label: 'Peildatum', type: 'date' },
    ...cohorts.map((column): TableColumn => ({ key: column.key, label: column.label, type: 'count' })),
    { key: 'totaal', label: 'Totaal', type: 'count' },
  ];
  const merged = cohorts.find((column) => column.from !== column.to);
  return tableModel(session, {
    id: 'elip-cohorten',
    title: `ELIP minstens ${formatMoneyCent(drempel)} geleend, per cohort (${DOELGROEP_LABELS[doelgroep]})`,
    columns,
    rows,
    totals: null,
    notes: [
      elipANote({ doelgroep, drempel_cent: drempel }),
      obligedNote(),
      loanNote(),
      'Cohort: het kalenderjaar waarin de inburgeringsplicht begon. De kolommen lopen van het vroegste cohort tot het jaar van de laatste peildatum.',
      ...(merged === undefined ? [] : [`De cohorten ${merged.from} tot en met ${merged.to} zijn samengevoegd in één kolom.`]),
      'Totaal is de som van de cellen van de rij.',
      ...skippedRowNotes(snapshot, ['inburgeraar', 'lening_betaling']),
    ],
    parameters: { peildata, doelgroep, drempel_cent: drempel, cohort_merge_from: mergeFrom },
  });
}
