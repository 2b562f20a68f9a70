// The table datalek-ernst: per incident the report to the AP against 72 hours, when
// municipalities and data subjects were informed, and a severity estimate after ENISA
// (ernst-enisa.ts) over the snapshot's unlawful exposure as of P. Also the incident
// timelines for the app.
import { InvalidParameterError } from '../errors';
import type { TableDefinition, TableRequest } from '../tables/catalogue';
import type { TableColumn, TableModel, TableRow } from '../tables/model';
import type { AnalysisSession } from '../tables/session';
import { formatCount, formatDate, formatDecimal, formatInstant } from '../format';
import { datalekFacts, type DatalekFacts } from './datalek-facts';
import type { Exposure } from './datalek-exposure';
import { dataNotes } from './datalek-notes';
import { exposureFor } from './datalek-session';
import { instantOf } from './datalek-time';
import { assessEnisa, enisaCircumstances, enisaOverrides, type EnisaAssessment, type EnisaEvidence } from './ernst-enisa';
import {
  hoursAfter, incidentTimeline, readIncidents, reportStatus, REPORT_DEADLINE_HOURS, type Incident, type IncidentTimeline,
} from './incident-timeline';
import { tableModel } from './table-model';

/** Only a data breach is linked to the portal exposure; other kinds of incident are not. */
const isDataBreach = (incident: Incident): boolean => incident.soort === 'datalek';

function selectedIncidents(session: AnalysisSession, request: TableRequest): Incident[] {
  const incidents = readIncidents(session.snapshot);
  if (request.incident === undefined) return incidents;
  const found = incidents.filter((incident) => incident.id === request.incident);
  if (found.length === 0) {
    const known = incidents.map((incident) => incident.id).join(', ') || '(geen)';
    throw new InvalidParameterError(
      'incident',
      `'${request.incident}' staat niet (bruikbaar) in de tabel incident; bekend: ${known}.`,
      `'${request.incident}' is not a (usable) row of the table incident; known: ${known}.`,
    );
  }
  return found;
}

export function evidenceOf(facts: DatalekFacts, exposure: Exposure): EnisaEvidence {
  const categories = exposure.categories.map(({ category }) => ({
    code: facts.categoryCodes[category],
    omschrijving: facts.categoryDescriptions[category],
    bijzonder: facts.categorySpecial[category],
  }));
  return {
    categories,
    persons: exposure.persons,
    personsViewed: exposure.personsViewed,
    municipalities: exposure.municipalities.length,
    views: exposure.views,
    users: exposure.users,
  };
}

function exposureSpan(exposure: Exposure): { first: string; last: string } | null {
  return exposure.first === null || exposure.last === null ? null : { first: instantOf(exposure.first), last: instantOf(exposure.last) };
}

/** The timelines of the incidents asked for (all, or request.incident), exposure as of P for data breaches. */
export function incidentTimelines(session: AnalysisSession, request: TableRequest = {}): IncidentTimeline[] {
  const incidents = selectedIncidents(session, request);
  const span = incidents.some(isDataBreach) ? exposureSpan(exposureFor(session, request).exposure) : null;
  return incidents.map((incident) => incidentTimeline(incident, isDataBreach(incident) ? span : null));
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
      `${exposure.first === null ? '' : `, van ${formatInstant(instantOf(exposure.first))} tot ${formatInstant(instantOf(exposure.last ?? exposure.first))}`}). ` +
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

export const ernstTable: TableDefinition = {
  id: 'datalek-ernst',
  descriptionNl: 'Melding binnen 72 uur en ernstinschatting (ENISA) per incident',
  descriptionEn: 'Report within 72 hours and severity estimate (ENISA) per incident',
  requires: ['incident'],
  build: buildErnst,
};
