// The list for informing data subjects (GDPR art. 34): per municipality every exposed
// person (the snapshot's pseudonymous id), what was exposed, why, when and whether it was
// viewed. Person-level (`person_level: true`): no exporter writes it without explicit
// confirmation (shared/export/guard.ts), and the app never puts it on the clipboard.
import type { TableRequest } from '../../tables/definition';
import type { TableColumn, TableModel } from '../../tables/model';
import type { AnalysisSession } from '../../tables/session';
import { formatDate } from '../../format';
import { datalekFacts } from './facts';
import { exposedPersons } from './drilldown';
import { exposureFor } from './compute';
import { endOfDate } from '../../dates';
import { tableModel } from '../common/table-model';

const COLUMNS: TableColumn[] = [
  { key: 'gemeente_code', label: 'Code', type: 'text' },
  { key: 'gemeente', label: 'Gemeente', type: 'text' },
  { key: 'inburgeraar_id', label: 'Inburgeraar (pseudoniem)', type: 'text' },
  { key: 'categorieen', label: 'Blootgestelde gegevens', type: 'text' },
  { key: 'bijzonder', label: 'Bijzondere gegevens', type: 'boolean' },
  { key: 'oorzaak', label: 'Oorzaak', type: 'text' },
  { key: 'eerste', label: 'Zichtbaar vanaf', type: 'instant' },
  { key: 'laatste', label: 'Zichtbaar tot', type: 'instant' },
  { key: 'ingezien', label: 'Ingezien', type: 'boolean' },
  // A per-person number of views, not a count of persons: 'number' keeps disclosure control off it.
  { key: 'inzagen', label: 'Inzagen', type: 'number', decimals: 0 },
];

export function art34Model(session: AnalysisSession, request: TableRequest = {}): TableModel {
  const { peildatum } = exposureFor(session, request);
  const facts = datalekFacts(session);
  const special = new Set(facts.categoryCodes.filter((_, index) => facts.categorySpecial[index]));
  const rows = exposedPersons(facts, endOfDate(peildatum)).map((person) => ({
    gemeente_code: facts.municipalityCodes[person.municipality],
    gemeente: facts.municipalityNames[person.municipality],
    inburgeraar_id: person.person,
    categorieen: person.categories.join(','),
    bijzonder: person.categories.some((code) => special.has(code)),
    oorzaak: person.causes.join(','),
    eerste: person.first,
    laatste: person.last,
    ingezien: person.views > 0,
    inzagen: person.views,
  }));
  return tableModel(session, {
    id: 'datalek-betrokkenen',
    title: 'Betrokkenen per gemeente voor informeren (art. 34 AVG)',
    columns: COLUMNS,
    rows,
    totals: null,
    notes: [
      `Persoonsniveau: één rij per persoon en gemeente waaraan een onterecht signaal vóór het einde van peildatum ${formatDate(peildatum)} zichtbaar was. ` +
        'Alleen voor de briefronde aan betrokkenen; niet publiceren.',
      'Inburgeraar: het pseudonieme id uit de snapshot; koppel het in de eigen administratie aan naam en adres. ' +
        'Ingezien: minstens één getelde inzage van zo’n signaal bij deze gemeente.',
    ],
    parameters: { peildatum, person_level: true },
  });
}
