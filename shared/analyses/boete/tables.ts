// Table definitions of the enforcement analyses: boete-achterstand (per month of the
// exceeded deadline), boete-ouderdom (age of the backlog) and incasso-achterstand
// (pending enforcement orders; needs the optional table dwangbevel).
import type { TableDefinition, TableRequest } from '../../tables/definition';
import type { TableModel, TableRow } from '../../tables/model';
import type { AnalysisSession } from '../../tables/session';
import { formatDate } from '../../format/dates';
import { AGE_BANDS, backlogByAge, backlogByMonth, pendingOrders } from './compute';
import { orderFacts, overrunFacts } from './facts';
import { skippedRowNotes } from '../common/notes';
import { achterstandNotes, incassoNotes, ouderdomNotes } from './notes';
import { peildatumOf, periodOf } from '../common/parameters';
import { columnSum, tableModel } from '../common/table-model';

function buildBoeteAchterstand(session: AnalysisSession, request: TableRequest): TableModel {
  const peildatum = peildatumOf(request, session.snapshot);
  const rows: TableRow[] = backlogByMonth(overrunFacts(session), peildatum).map((counts) => ({ ...counts }));
  const keys = ['overschrijdingen', 'aangekondigd', 'besloten_boete', 'besloten_verlenging', 'besloten_geen_boete', 'achterstand'];
  const totals: TableRow = { maand: 'Totaal' };
  for (const key of keys) totals[key] = columnSum(rows, key);
  return tableModel(session, {
    id: 'boete-achterstand',
    title: `Termijnoverschrijdingen en achterstand boeteoplegging per maand van het termijneinde, peildatum ${formatDate(peildatum)}`,
    columns: [
      { key: 'maand', label: 'Maand termijneinde', type: 'month' },
      { key: 'overschrijdingen', label: 'Overschrijdingen', type: 'count' },
      { key: 'aangekondigd', label: 'Boete aangekondigd', type: 'count' },
      { key: 'besloten_boete', label: 'Besloten: boete', type: 'count' },
      { key: 'besloten_verlenging', label: 'Besloten: verlenging', type: 'count' },
      { key: 'besloten_geen_boete', label: 'Besloten: geen boete', type: 'count' },
      { key: 'achterstand', label: 'Achterstand', type: 'count' },
    ],
    rows,
    totals,
    notes: [
      ...achterstandNotes(),
      ...skippedRowNotes(session.snapshot, ['termijnoverschrijding', 'inburgeraar']),
    ],
    parameters: { peildatum },
  });
}

function buildBoeteOuderdom(session: AnalysisSession, request: TableRequest): TableModel {
  const peildatum = peildatumOf(request, session.snapshot);
  const counts = backlogByAge(overrunFacts(session), peildatum);
  const rows: TableRow[] = AGE_BANDS.map((band) => ({ band, achterstand: counts[band] }));
  return tableModel(session, {
    id: 'boete-ouderdom',
    title: `Ouderdom van de achterstand boeteoplegging op ${formatDate(peildatum)}`,
    columns: [
      { key: 'band', label: 'Tijd sinds aankondiging', type: 'text' },
      { key: 'achterstand', label: 'Achterstand', type: 'count' },
    ],
    rows,
    totals: { band: 'Totaal', achterstand: columnSum(rows, 'achterstand') },
    notes: [
      ...ouderdomNotes(),
      ...skippedRowNotes(session.snapshot, ['termijnoverschrijding', 'inburgeraar']),
    ],
    parameters: { peildatum },
  });
}

function buildIncassoAchterstand(session: AnalysisSession, request: TableRequest): TableModel {
  const peildatum = peildatumOf(request, session.snapshot);
  const period = periodOf(request);
  const rows: TableRow[] = pendingOrders(orderFacts(session), peildatum, period).map((entry) => ({ ...entry }));
  const periodNote =
    period.vanaf === null && period.tot_en_met === null
      ? []
      : [`Alleen dwangbevelen die gereed waren ${period.vanaf === null ? '' : `vanaf ${formatDate(period.vanaf)}`}${period.vanaf !== null && period.tot_en_met !== null ? ' ' : ''}${period.tot_en_met === null ? '' : `tot en met ${formatDate(period.tot_en_met)}`}.`];
  return tableModel(session, {
    id: 'incasso-achterstand',
    title: `Openstaande dwangbevelen per jaar en soort op ${formatDate(peildatum)}`,
    columns: [
      { key: 'jaar', label: 'Jaar gereed', type: 'text' },
      { key: 'soort', label: 'Soort', type: 'text' },
      { key: 'openstaand', label: 'Openstaand', type: 'count' },
    ],
    rows,
    totals: { jaar: 'Totaal', soort: null, openstaand: columnSum(rows, 'openstaand') },
    notes: [
      ...incassoNotes(),
      ...periodNote,
      ...skippedRowNotes(session.snapshot, ['dwangbevel', 'inburgeraar']),
    ],
    parameters: { peildatum, vanaf: period.vanaf, tot_en_met: period.tot_en_met },
  });
}

export const boeteTables: readonly TableDefinition[] = [
  {
    id: 'boete-achterstand',
    descriptionNl: 'Termijnoverschrijdingen, aankondigingen, besluiten en achterstand boeteoplegging per maand van het termijneinde',
    descriptionEn: 'Deadline overruns, announcements, decisions and the fine backlog per month of the exceeded deadline',
    requires: [],
    build: buildBoeteAchterstand,
  },
  {
    id: 'boete-ouderdom',
    descriptionNl: 'Achterstand boeteoplegging naar tijd sinds de aankondiging',
    descriptionEn: 'Fine backlog by time since the announcement',
    requires: [],
    build: buildBoeteOuderdom,
  },
  {
    id: 'incasso-achterstand',
    descriptionNl: 'Openstaande dwangbevelen (nog niet bij het CJIB) per jaar en soort',
    descriptionEn: 'Enforcement orders not yet handed to the CJIB, per year and kind',
    requires: ['dwangbevel'],
    build: buildIncassoAchterstand,
  },
];
