// The data-leak tables (tables-v1.md): exposure per municipality (datalek-gemeenten) and per
// data category (datalek-categorieen), and per incident the report to the AP against 72 hours
// with a severity estimate after ENISA (datalek-ernst, enisa.ts); and their definitions.
import type { TableDefinition, TableRequest } from '../../tables/definition';
import type { TableColumn, TableModel, TableRow } from '../../tables/model';
import type { AnalysisSession } from '../../tables/session';
import { datalekFacts } from './facts';
import { dataNotes, definitionNotes, exposureNotes } from './notes';
import { exposureFor, personDays, type Exposure } from './compute';
import { instantOfSeconds } from '../../dates';
import { tableModel } from '../common/table-model';
import { formatCount, formatDate, formatDecimal, formatInstant } from '../../format';
import { assessEnisa, enisaCircumstances, enisaOverrides, type EnisaAssessment } from './enisa';
import {
  evidenceOf, hoursAfter, isDataBreach, reportStatus, REPORT_DEADLINE_HOURS, selectedIncidents, type Incident,
} from './incident-timeline';

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

/** The datalek-gemeenten model (also the basis of the art. 33 notification draft). */
export function buildGemeenten(session: AnalysisSession, request: TableRequest): TableModel {
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
    eerste: instantOfSeconds(m.first),
    laatste: instantOfSeconds(m.last),
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

const COLUMNS: TableColumn[] = [
  { key: 'incident', label: 'Incident', type: 'text' },
  { key: 'titel', label: 'Titel', type: 'text' },
  { key: 'soort', label: 'Soort', type: 'text' },
  { key: 'ontdekt_op', label: 'Ontdekt', type: 'instant' },
  { key: 'gemeld_ap_op', label: 'Gemeld bij AP', type: 'instant' },
  { key: 'uren_tot_melding', label: 'Uren tot melding', type: 'number', decimals: 1 },
  { key: 'melding', label: 'Melding (72 uur)', type: 'text' },
  { key: 'binnen_72_uur', label: 'Binnen 72 uur', type: 'boolean' },
  { key: 'gemeenten_geinformeerd_op', label: 'Gemeenten geïnformeerd', type: 'instant' },
  { key: 'uren_tot_gemeenten', label: 'Uren tot gemeenten', type: 'number', decimals: 1 },
  { key: 'betrokkenen_geinformeerd_op', label: 'Betrokkenen geïnformeerd', type: 'instant' },
  { key: 'uren_tot_betrokkenen', label: 'Uren tot betrokkenen', type: 'number', decimals: 1 },
  { key: 'personen', label: 'Personen', type: 'count' },
  { key: 'gemeenten', label: 'Gemeenten', type: 'count' },
  { key: 'inzagen', label: 'Inzagen', type: 'count' },
  { key: 'dpc', label: 'DPC', type: 'number', decimals: 2 },
  { key: 'ei', label: 'EI', type: 'number', decimals: 2 },
  { key: 'cb', label: 'CB', type: 'number', decimals: 2 },
  { key: 'se', label: 'SE', type: 'number', decimals: 2 },
  { key: 'ernst', label: 'Ernst', type: 'text' },
];

function row(incident: Incident, exposure: Exposure | null, assessment: EnisaAssessment | null): TableRow {
  const status = reportStatus(incident);
  return {
    incident: incident.id,
    titel: incident.titel,
    soort: incident.soort,
    ontdekt_op: incident.ontdekt_op,
    gemeld_ap_op: incident.gemeld_ap_op,
    uren_tot_melding: hoursAfter(incident.ontdekt_op, incident.gemeld_ap_op),
    melding: status,
    binnen_72_uur: status === 'tijdig',
    gemeenten_geinformeerd_op: incident.gemeenten_geinformeerd_op,
    uren_tot_gemeenten: hoursAfter(incident.ontdekt_op, incident.gemeenten_geinformeerd_op),
    betrokkenen_geinformeerd_op: incident.betrokkenen_geinformeerd_op,
    uren_tot_betrokkenen: hoursAfter(incident.ontdekt_op, incident.betrokkenen_geinformeerd_op),
    personen: exposure?.persons ?? null,
    gemeenten: exposure?.municipalities.length ?? null,
    inzagen: exposure?.views ?? null,
    dpc: assessment?.dpc.value ?? null,
    ei: assessment?.ei.value ?? null,
    cb: assessment?.cb.value ?? null,
    se: assessment?.se ?? null,
    ernst: assessment?.ernst ?? null,
  };
}

/** A factor in Dutch notation with only the decimals it needs: 4, 0,25, 2,25. */
const factor = (value: number): string => formatDecimal(value, Number.isInteger(value) ? 0 : Number.isInteger(value * 10) ? 1 : 2);

function assessmentNotes(incident: Incident, assessment: EnisaAssessment | null): string[] {
  if (assessment === null) {
    return [
      `${incident.id}: geen ernstinschatting; dit incident (soort ${incident.soort}) is niet aan de portaalblootstelling gekoppeld. ` +
        'Geef alle drie de ENISA-factoren op om er toch een te berekenen.',
    ];
  }
  return [
    `${incident.id}: SE = DPC × EI + CB = ${factor(assessment.dpc.value)} × ${factor(assessment.ei.value)} + ${factor(assessment.cb.value)} = ${factor(assessment.se)} (${assessment.ernst}).`,
    `${incident.id}: ${assessment.dpc.reasonNl}`,
    `${incident.id}: ${assessment.ei.reasonNl}`,
    `${incident.id}: ${assessment.cb.reasonNl}`,
  ];
}

function buildErnst(session: AnalysisSession, request: TableRequest): TableModel {
  const overrides = enisaOverrides(request.enisa);
  const circumstances = enisaCircumstances(request.enisaCircumstances);
  const incidents = selectedIncidents(session, request);
  const facts = datalekFacts(session);
  const { peildatum, exposure } = exposureFor(session, request);
  const evidence = evidenceOf(facts, exposure);

  const rows: TableRow[] = [];
  const notes: string[] = [
    `Melding: uren van ontdekt_op tot gemeld_ap_op, vergeleken met de ${REPORT_DEADLINE_HOURS} uur van artikel 33 AVG ` +
      '(precies 72 uur is nog tijdig; zonder gemeld_ap_op: niet gemeld).',
    'Ernst volgens ENISA (2013): SE = DPC × EI + CB; laag onder 2, gemiddeld 2 tot 3, hoog 3 tot 4, zeer hoog vanaf 4. ' +
      'De factoren zijn een voorstel uit de gegevens; de beoordelaar kan elke factor overschrijven.',
    `Blootstelling bij een datalek: alle onterechte portaalsignalen van de snapshot op peildatum ${formatDate(peildatum)} ` +
      `(${formatCount(exposure.persons)} personen, ${formatCount(exposure.municipalities.length)} gemeenten, ` +
      `${formatCount(exposure.views)} inzagen door ${formatCount(exposure.users)} gebruikers, ${formatCount(exposure.personsViewed)} personen ingezien` +
      `${exposure.first === null ? '' : `, van ${formatInstant(instantOfSeconds(exposure.first))} tot ${formatInstant(instantOfSeconds(exposure.last ?? exposure.first))}`}). ` +
      'Omvang (het aantal personen en het deel dat is ingezien) weegt mee in DPC; of de gegevens zijn ingezien bepaalt de vertrouwelijkheid in CB.',
  ];
  if (incidents.filter(isDataBreach).length > 1) {
    notes.push('Let op: de snapshot koppelt signalen niet aan een incident, dus elk datalek krijgt dezelfde blootstelling.');
  }
  for (const incident of incidents) {
    const breach = isDataBreach(incident);
    const assessment = assessEnisa(breach ? evidence : null, overrides, circumstances);
    rows.push(row(incident, breach ? exposure : null, assessment));
    notes.push(...assessmentNotes(incident, assessment));
  }
  if (incidents.length === 0) notes.push('De tabel incident bevat geen bruikbare incidenten.');
  notes.push(...dataNotes(session.snapshot, facts));

  const parameters: Record<string, unknown> = { peildatum };
  if (request.incident !== undefined) parameters.incident = request.incident;
  if (Object.keys(overrides).length > 0) parameters.enisa = overrides;
  if (Object.keys(circumstances).length > 0) parameters.enisa_omstandigheden = circumstances;
  return tableModel(session, {
    id: 'datalek-ernst',
    title: 'Melding en ernst van incidenten (ENISA-methode)',
    columns: COLUMNS,
    rows,
    totals: null,
    notes,
    parameters,
  });
}

const ernstTable: TableDefinition = {
  id: 'datalek-ernst',
  descriptionNl: 'Melding binnen 72 uur en ernstinschatting (ENISA) per incident',
  descriptionEn: 'Report within 72 hours and severity estimate (ENISA) per incident',
  requires: ['incident'],
  build: buildErnst,
};

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
