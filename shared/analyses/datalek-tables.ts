// Table definitions of the data-leak analyses: exposure per municipality and per data
// category (tables-v1.md), and the breach severity per incident (ernst-table.ts).
import type { TableDefinition, TableRequest } from '../tables/catalogue';
import type { TableColumn, TableModel, TableRow } from '../tables/model';
import type { AnalysisSession } from '../tables/session';
import { datalekFacts } from './datalek-facts';
import { dataNotes, definitionNotes, exposureNotes } from './datalek-notes';
import { exposureFor, personDays } from './datalek-session';
import { instantOf } from './datalek-time';
import { ernstTable } from './ernst-table';
import { tableModel } from './table-model';

const GEMEENTEN_COLUMNS: TableColumn[] = [
  { key: 'gemeente_code', label: 'Code', type: 'text' },
  { key: 'gemeente', label: 'Gemeente', type: 'text' },
  { key: 'personen', label: 'Personen', type: 'count' },
  { key: 'personen_ingezien', label: 'Personen ingezien', type: 'count' },
  { key: 'inzagen', label: 'Inzagen', type: 'count' },
  { key: 'gebruikers', label: 'Gebruikers', type: 'count' },
  { key: 'personen_overgangsrecht', label: 'Personen overgangsrecht', type: 'count' },
  { key: 'personen_adreskoppeling', label: 'Personen adreskoppeling', type: 'count' },
  { key: 'eerste', label: 'Eerste blootstelling', type: 'instant' },
  { key: 'laatste', label: 'Laatste blootstelling', type: 'instant' },
  { key: 'persoonsdagen', label: 'Persoonsdagen', type: 'days', decimals: 1 },
  { key: 'categorieen', label: 'Gegevenscategorieën', type: 'text' },
  { key: 'bijzonder', label: 'Bijzondere gegevens', type: 'boolean' },
];

function buildGemeenten(session: AnalysisSession, request: TableRequest): TableModel {
  const { peildatum, exposure } = exposureFor(session, request);
  const facts = datalekFacts(session);
  const rows: TableRow[] = exposure.municipalities.map((m) => ({
    gemeente_code: facts.municipalityCodes[m.municipality],
    gemeente: facts.municipalityNames[m.municipality],
    personen: m.persons,
    personen_ingezien: m.personsViewed,
    inzagen: m.views,
    gebruikers: m.users,
    personen_overgangsrecht: m.personsOvergangsrecht,
    personen_adreskoppeling: m.personsAdreskoppeling,
    eerste: instantOf(m.first),
    laatste: instantOf(m.last),
    persoonsdagen: personDays(m.personSeconds),
    categorieen: m.categories.map((c) => facts.categoryCodes[c]).join(','),
    bijzonder: m.special,
  }));
  return tableModel(session, {
    id: 'datalek-gemeenten',
    title: 'Blootstelling door onterechte portaalsignalen, per gemeente',
    columns: GEMEENTEN_COLUMNS,
    rows,
    totals: null,
    notes: [...definitionNotes(peildatum), ...exposureNotes(exposure), ...dataNotes(session.snapshot, facts)],
    parameters: { peildatum },
  });
}

const CATEGORIEEN_COLUMNS: TableColumn[] = [
  { key: 'categorie', label: 'Categorie', type: 'text' },
  { key: 'omschrijving', label: 'Omschrijving', type: 'text' },
  { key: 'bijzonder', label: 'Bijzonder', type: 'boolean' },
  { key: 'personen', label: 'Personen', type: 'count' },
  { key: 'gemeenten', label: 'Gemeenten', type: 'count' },
];

function buildCategorieen(session: AnalysisSession, request: TableRequest): TableModel {
  const { peildatum, exposure } = exposureFor(session, request);
  const facts = datalekFacts(session);
  const rows: TableRow[] = exposure.categories.map((c) => ({
    categorie: facts.categoryCodes[c.category],
    omschrijving: facts.categoryDescriptions[c.category],
    bijzonder: facts.categorySpecial[c.category],
    personen: c.persons,
    gemeenten: c.municipalities,
  }));
  return tableModel(session, {
    id: 'datalek-categorieen',
    title: 'Gegevenscategorieën in onterechte portaalsignalen',
    columns: CATEGORIEEN_COLUMNS,
    rows,
    totals: null,
    notes: [
      ...definitionNotes(peildatum).slice(0, 2),
      'Personen: verschillende personen met minstens één onterecht signaal met deze categorie; gemeenten: verschillende gemeenten die zo’n signaal konden zien. ' +
        'Een signaal kan meer categorieën hebben, dus de kolomsommen tellen personen dubbel.',
      ...dataNotes(session.snapshot, facts),
    ],
    parameters: { peildatum },
  });
}

export const datalekTables: readonly TableDefinition[] = [
  {
    id: 'datalek-gemeenten',
    descriptionNl: 'Blootstelling door onterechte portaalsignalen per gemeente (personen, inzagen, persoonsdagen)',
    descriptionEn: 'Exposure through unlawful portal signals per municipality (persons, views, person-days)',
    requires: [],
    build: buildGemeenten,
  },
  {
    id: 'datalek-categorieen',
    descriptionNl: 'Gegevenscategorieën in onterechte portaalsignalen (personen, gemeenten)',
    descriptionEn: 'Data categories in unlawful portal signals (persons, municipalities)',
    requires: [],
    build: buildCategorieen,
  },
  ernstTable,
];
