// The ELIP tables (tables-v1.md): elip-cohorten (ELIP-A per cohort at one or more dates, like
// Table 1 of nr. 391) and elip-gemeenten (ELIP-A and ELIP-B per responsible municipality at
// one date; persons without a municipality in a last row "Onbekend"), and their definitions.
import type { Doelgroep, TableRequest, TableDefinition } from '../../tables/definition';
import type { TableColumn, TableModel, TableRow } from '../../tables/model';
import type { AnalysisSession } from '../../tables/session';
import { formatMoneyCent } from '../../format/numbers';
import { elipACountsByCohort, elipDay, cohortRange, ELIP_A, ELIP_B, ELIP_NONE, classifyElip, type ElipDay, type ElipParameters } from './compute';
import { elipANote, loanNote, obligedNote, elipBNote } from './notes';
import { DOELGROEP_LABELS, skippedRowNotes } from '../common/notes';
import { DEFAULT_DREMPEL_B_CENT, DEFAULT_DREMPEL_CENT, DEFAULT_MAANDEN_B, amountOf, doelgroepOf, optionalYearOf, peildataOf, peildatumOf, wholeNumberOf } from '../common/parameters';
import { loanTimelines, personFacts } from './facts';
import { tableModel, columnSum } from '../common/table-model';
import { formatDate } from '../../format/dates';

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

/** The persons and loans of a reference date, kept for the session: a threshold change reuses them. */
function dayOf(session: AnalysisSession, peildatum: string, doelgroep: Doelgroep): ElipDay {
  return session.cached(`elip/day/${doelgroep}/${peildatum}`, () => elipDay(personFacts(session), loanTimelines(session, doelgroep), peildatum, doelgroep));
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
    const counts = elipACountsByCohort(facts, loans, parameters, dayOf(session, peildatum, doelgroep));
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

export function elipParametersOf(session: AnalysisSession, request: TableRequest): ElipParameters {
  return {
    peildatum: peildatumOf(request, session.snapshot),
    doelgroep: doelgroepOf(request),
    drempel_cent: amountOf('drempel', request.drempel_cent, DEFAULT_DREMPEL_CENT),
    drempel_b_cent: amountOf('drempel_b', request.drempel_b_cent, DEFAULT_DREMPEL_B_CENT),
    maanden_b: wholeNumberOf('maanden_b', request.maanden_b, DEFAULT_MAANDEN_B, 0, 1200),
  };
}

export function buildElipGemeenten(session: AnalysisSession, request: TableRequest): TableModel {
  const parameters = elipParametersOf(session, request);
  const facts = personFacts(session);
  const groups = classifyElip(facts, loanTimelines(session, parameters.doelgroep), parameters, dayOf(session, parameters.peildatum, parameters.doelgroep));
  const slots = facts.municipalities.length + 1; // the last slot: no municipality
  const countA = new Int32Array(slots);
  const countB = new Int32Array(slots);
  for (let person = 0; person < facts.count; person++) {
    const group = groups[person];
    if (group === ELIP_NONE) continue;
    const municipality = facts.municipality[person]!;
    const slot = municipality < 0 ? slots - 1 : municipality;
    if (group === ELIP_A) countA[slot]!++;
    else if (group === ELIP_B) countB[slot]!++;
  }
  const rows: TableRow[] = [];
  for (let slot = 0; slot < slots; slot++) {
    const a = countA[slot]!;
    const b = countB[slot]!;
    if (a + b === 0) continue;
    const municipality = facts.municipalities[slot];
    rows.push({
      gemeente_code: municipality?.code ?? null,
      gemeente: municipality?.naam ?? 'Onbekend',
      elip_a: a,
      elip_b: b,
      totaal: a + b,
    });
  }
  return tableModel(session, {
    id: 'elip-gemeenten',
    title:
      `ELIP-A (minstens ${formatMoneyCent(parameters.drempel_cent)} geleend) en ELIP-B (meer dan ${formatMoneyCent(parameters.drempel_b_cent)}, ` +
      `termijn binnen ${parameters.maanden_b} maanden) per gemeente op ${formatDate(parameters.peildatum)} (${DOELGROEP_LABELS[parameters.doelgroep]})`,
    columns: [
      { key: 'gemeente_code', label: 'Gemeentecode', type: 'text' },
      { key: 'gemeente', label: 'Gemeente', type: 'text' },
      { key: 'elip_a', label: 'ELIP-A', type: 'count' },
      { key: 'elip_b', label: 'ELIP-B', type: 'count' },
      { key: 'totaal', label: 'Totaal', type: 'count' },
    ],
    rows,
    totals: {
      gemeente_code: null,
      gemeente: 'Totaal',
      elip_a: columnSum(rows, 'elip_a'),
      elip_b: columnSum(rows, 'elip_b'),
      totaal: columnSum(rows, 'totaal'),
    },
    notes: [
      elipANote(parameters),
      elipBNote(parameters),
      obligedNote(),
      loanNote(),
      'Gemeente: de verantwoordelijke (gekoppelde) gemeente van de inburgeraar; inburgeraars zonder gemeente staan in de laatste rij "Onbekend". Alleen gemeenten met minstens één ELIP-persoon zijn opgenomen.',
      ...skippedRowNotes(session.snapshot, ['inburgeraar', 'lening_betaling', 'gemeente']),
    ],
    parameters: { ...parameters },
  });
}

export const elipTables: readonly TableDefinition[] = [
  {
    id: 'elip-cohorten',
    descriptionNl: 'ELIP-A (lening bijna op, nog inburgeringsplichtig) per cohort op één of meer peildata, zoals Tabel 1 van nr. 391',
    descriptionEn: 'ELIP-A (loan almost used up, still obliged) per cohort at one or more reference dates, like Table 1 of no. 391',
    requires: [],
    build: buildElipCohorten,
  },
  {
    id: 'elip-gemeenten',
    descriptionNl: 'ELIP-A en ELIP-B per verantwoordelijke gemeente op een peildatum',
    descriptionEn: 'ELIP-A and ELIP-B per responsible municipality at a reference date',
    requires: [],
    build: buildElipGemeenten,
  },
];
