// The table elip-gemeenten: ELIP-A and ELIP-B per responsible municipality at one date;
// persons without a municipality in a last row "Onbekend".
import type { TableRequest } from '../tables/catalogue';
import type { TableModel, TableRow } from '../tables/model';
import type { AnalysisSession } from '../tables/session';
import { formatDate } from '../format/dates';
import { formatMoneyCent } from '../format/numbers';
import { ELIP_A, ELIP_B, ELIP_NONE, classifyElip, type ElipParameters } from './elip';
import { elipANote, elipBNote, loanNote, obligedNote } from './elip-definitions';
import { DOELGROEP_LABELS, skippedRowNotes } from './notes';
import {
  DEFAULT_DREMPEL_B_CENT, DEFAULT_DREMPEL_CENT, DEFAULT_MAANDEN_B, amountOf, doelgroepOf, peildatumOf, wholeNumberOf,
} from './parameters';
import { loanTimelines, personFacts } from './person-facts';
import { columnSum, tableModel } from './table-model';

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
  const groups = classifyElip(facts, loanTimelines(session, parameters.doelgroep), parameters);
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
