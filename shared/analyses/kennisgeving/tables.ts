// Table definition of the notice analysis: kennisgeving-vertraging (needs the optional
// tables kennisgeving and ind_levering).
import type { TableDefinition, TableRequest } from '../../tables/definition';
import type { TableModel, TableRow } from '../../tables/model';
import type { AnalysisSession } from '../../tables/session';
import { formatDate } from '../../format/dates';
import { lateNotices } from './compute';
import { noticeFacts } from './facts';
import { kennisgevingNotes } from './notes';
import { skippedRowNotes } from '../common/notes';
import { peildatumOf, periodOf } from '../common/parameters';
import { columnSum, tableModel } from '../common/table-model';

function buildKennisgevingVertraging(session: AnalysisSession, request: TableRequest): TableModel {
  const peildatum = peildatumOf(request, session.snapshot);
  const period = periodOf(request);
  const counts = lateNotices(noticeFacts(session), peildatum, period);
  const rows: TableRow[] = counts.map((entry) => ({
    doelgroep: entry.doelgroep,
    geleverd_te_laat: entry.geleverd_te_laat,
    nooit_geleverd: entry.nooit_geleverd,
    onterechte_kennisgeving: entry.onterechte_kennisgeving,
  }));
  const union = counts.reduce((sum, entry) => sum + entry.te_laat_of_nooit, 0);
  const periodText =
    period.vanaf === null && period.tot_en_met === null
      ? []
      : [`Alleen vergunningen (en kennisgevingen) ${period.vanaf === null ? '' : `vanaf ${formatDate(period.vanaf)}`}${period.vanaf !== null && period.tot_en_met !== null ? ' ' : ''}${period.tot_en_met === null ? '' : `tot en met ${formatDate(period.tot_en_met)}`}.`];
  return tableModel(session, {
    id: 'kennisgeving-vertraging',
    title: `Te late en onterechte kennisgevingen per doelgroep op ${formatDate(peildatum)}`,
    columns: [
      { key: 'doelgroep', label: 'Doelgroep', type: 'text' },
      { key: 'geleverd_te_laat', label: 'IND-gegevens te laat geleverd', type: 'count' },
      { key: 'nooit_geleverd', label: 'IND-gegevens nooit geleverd', type: 'count' },
      { key: 'onterechte_kennisgeving', label: 'Onterechte kennisgeving', type: 'count' },
    ],
    rows,
    totals: {
      doelgroep: 'Totaal',
      geleverd_te_laat: columnSum(rows, 'geleverd_te_laat'),
      nooit_geleverd: columnSum(rows, 'nooit_geleverd'),
      onterechte_kennisgeving: columnSum(rows, 'onterechte_kennisgeving'),
    },
    notes: [
      ...kennisgevingNotes(union),
      ...periodText,
      ...skippedRowNotes(session.snapshot, ['ind_levering', 'kennisgeving', 'inburgeraar']),
    ],
    parameters: { peildatum, vanaf: period.vanaf, tot_en_met: period.tot_en_met },
  });
}

export const kennisgevingTables: readonly TableDefinition[] = [
  {
    id: 'kennisgeving-vertraging',
    descriptionNl: 'Personen met te laat of nooit geleverde IND-gegevens en met een onterechte kennisgeving, per doelgroep',
    descriptionEn: 'Persons whose IND data were delivered late or never, and persons sent a wrong notice, per target group',
    requires: ['kennisgeving', 'ind_levering'],
    build: buildKennisgevingVertraging,
  },
];
