// The draft notification of a personal-data breach to the supervisory authority (GDPR
// art. 33(3)): nature of the breach, categories and approximate numbers of data subjects
// and records, categories of data (special ones marked), the timeline with the 72-hour
// check, likely consequences from the ENISA severity and its reasons, measures (text the
// assessor writes), whether and when data subjects were informed, and the saved assessment
// it rests on. Aggregates only; the per-municipality counts go through disclosure control.
import { InvalidParameterError } from '../../errors';
import { applyDisclosure } from '../../export/disclosure';
import type { DraftBlock, DraftDocument } from '../../export/draft-document';
import { provenanceLine, publishedTable } from '../../export/layout';
import { formatCount, formatDecimal, formatInstant } from '../../format';
import type { TableRequest } from '../../tables/definition';
import type { AuditReference } from '../../tables/model';
import { buildGemeenten } from './tables';
import type { AnalysisSession } from '../../tables/session';
import type { SavedAssessment } from './assessment';
import { datalekFacts } from './facts';
import { exposureFor } from './compute';
import { endOfDate, instantOfSeconds, secondsOfInstant } from '../../dates';
import { assessEnisa, type EnisaAssessment, type SeverityBand } from './enisa';
import { evidenceOf, hoursAfter, readIncidents, reportStatus, REPORT_DEADLINE_HOURS, type Incident } from './incident-timeline';

export interface NotificationInput {
  incident: string;
  peildatum?: string;
  /** The saved assessment the draft rests on (its factors and circumstances), or null for the proposal. */
  assessment: SavedAssessment | null;
  measuresTaken: string;
  measuresPlanned: string;
  subjectsInformation: string;
}

/** Disclosure control on the per-municipality counts: cells of 1–9 persons are hidden. */
export const NOTIFICATION_DISCLOSURE_K = 10;
const TO_FILL = '[in te vullen door de beoordelaar]';

// ENISA (2013) describes what each severity level means for the individuals.
const CONSEQUENCES: Record<SeverityBand, string> = {
  laag: 'Betrokkenen ondervinden waarschijnlijk geen gevolgen of enkele ongemakken die zij zonder problemen te boven komen.',
  gemiddeld: 'Betrokkenen kunnen aanzienlijke ongemakken ondervinden, die zij ondanks enkele moeilijkheden te boven kunnen komen.',
  hoog: 'Betrokkenen kunnen ernstige gevolgen ondervinden, die zij alleen met ernstige moeilijkheden te boven kunnen komen.',
  'zeer hoog': 'Betrokkenen kunnen ernstige of zelfs onomkeerbare gevolgen ondervinden, die zij mogelijk niet te boven komen.',
};

const factor = (value: number): string => formatDecimal(value, Number.isInteger(value) ? 0 : Number.isInteger(value * 10) ? 1 : 2);
const hours = (value: number): string => formatDecimal(value, 1);

function findIncident(session: AnalysisSession, id: string): Incident {
  const incidents = readIncidents(session.snapshot);
  const found = incidents.find((incident) => incident.id === id);
  if (found === undefined) {
    const known = incidents.map((incident) => incident.id).join(', ') || '(geen)';
    throw new InvalidParameterError('incident', `'${id}' staat niet (bruikbaar) in de tabel incident; bekend: ${known}.`,
      `'${id}' is not a (usable) row of the table incident; known: ${known}.`);
  }
  return found;
}

function timelineBlocks(incident: Incident, first: string | null, last: string | null): DraftBlock[] {
  const at = (instant: string | null) => (instant === null ? 'onbekend' : formatInstant(instant));
  const deadline = instantOfSeconds((secondsOfInstant(incident.ontdekt_op) ?? Number.NaN) + REPORT_DEADLINE_HOURS * 3600);
  const status = reportStatus(incident);
  const reportedAfter = hoursAfter(incident.ontdekt_op, incident.gemeld_ap_op);
  const check =
    status === 'niet gemeld' || reportedAfter === null
      ? `Nog niet gemeld. De termijn van ${REPORT_DEADLINE_HOURS} uur na ontdekking eindigt op ${formatInstant(deadline)}.`
      : status === 'tijdig'
        ? `Gemeld ${hours(reportedAfter)} uur na ontdekking: binnen ${REPORT_DEADLINE_HOURS} uur (tijdig).`
        : `Gemeld ${hours(reportedAfter)} uur na ontdekking: later dan ${REPORT_DEADLINE_HOURS} uur (te laat; de termijn verliep op ${formatInstant(deadline)}). ` +
          'Art. 33 lid 1 AVG vraagt dan de redenen voor de vertraging.';
  return [
    { kind: 'heading', text: '4. Tijdlijn' },
    { kind: 'field', label: 'Inbreuk vond plaats van', value: `${at(first)} tot ${at(last)}` },
    { kind: 'field', label: 'Ontdekt op', value: at(incident.ontdekt_op) },
    { kind: 'field', label: 'Gemeld bij de Autoriteit Persoonsgegevens op', value: incident.gemeld_ap_op === null ? 'nog niet gemeld' : at(incident.gemeld_ap_op) },
    { kind: 'field', label: `Toets ${REPORT_DEADLINE_HOURS} uur (art. 33 lid 1 AVG)`, value: check },
    ...(status === 'te laat' ? [{ kind: 'field' as const, label: 'Redenen voor de vertraging', value: TO_FILL, toFill: true }] : []),
    {
      kind: 'field',
      label: 'Gemeenten geïnformeerd op',
      value: incident.gemeenten_geinformeerd_op === null ? 'nog niet' : `${at(incident.gemeenten_geinformeerd_op)} (${hours(hoursAfter(incident.ontdekt_op, incident.gemeenten_geinformeerd_op) ?? 0)} uur na ontdekking)`,
    },
  ];
}

function severityBlocks(assessment: EnisaAssessment | null): DraftBlock[] {
  if (assessment === null) {
    return [
      { kind: 'heading', text: '5. Waarschijnlijke gevolgen' },
      { kind: 'field', label: 'Ernst', value: 'geen inschatting (dit incident is niet aan de portaalblootstelling gekoppeld en er zijn geen factoren vastgesteld)' },
      { kind: 'field', label: 'Waarschijnlijke gevolgen', value: TO_FILL, toFill: true },
    ];
  }
  return [
    { kind: 'heading', text: '5. Waarschijnlijke gevolgen' },
    {
      kind: 'field',
      label: 'Ernst volgens ENISA (2013)',
      value: `SE = DPC × EI + CB = ${factor(assessment.dpc.value)} × ${factor(assessment.ei.value)} + ${factor(assessment.cb.value)} = ${factor(assessment.se)} (${assessment.ernst})`,
    },
    { kind: 'paragraph', text: CONSEQUENCES[assessment.ernst] },
    { kind: 'paragraph', text: assessment.dpc.reasonNl },
    { kind: 'paragraph', text: assessment.ei.reasonNl },
    { kind: 'paragraph', text: assessment.cb.reasonNl },
  ];
}

function basisBlocks(saved: SavedAssessment | null): DraftBlock[] {
  if (saved === null) {
    return [
      { kind: 'heading', text: '8. Grondslag van dit concept' },
      { kind: 'paragraph', text: 'Er is geen bewaarde beoordeling: de ernst hierboven is het voorstel van Ketenlens, nog niet door een beoordelaar vastgesteld.' },
    ];
  }
  const fixed = (['dpc', 'ei', 'cb'] as const)
    .flatMap((key) => (saved.factors[key] === undefined ? [] : [`${key.toUpperCase()} ${factor(saved.factors[key])}`]));
  return [
    { kind: 'heading', text: '8. Grondslag van dit concept' },
    { kind: 'field', label: 'Beoordeling', value: `${saved.assessor}, bewaard op ${formatInstant(saved.savedAt)} (via ${saved.via === 'cli' ? 'de opdrachtregel' : 'de app'})` },
    { kind: 'field', label: 'Vastgestelde factoren', value: fixed.length === 0 ? 'geen; de voorgestelde factoren zijn aanvaard' : fixed.join(', ') },
    { kind: 'field', label: 'Toelichting van de beoordelaar', value: saved.reasoning === '' ? '(geen)' : saved.reasoning },
    { kind: 'field', label: 'Snapshot (SHA-256)', value: saved.snapshotSha256 },
  ];
}

/** The draft as a document; the caller writes it as DOCX or ODT (shared/export/draft-document.ts). */
export function notificationDraft(session: AnalysisSession, input: NotificationInput, audit?: AuditReference): DraftDocument {
  const incident = findIncident(session, input.incident);
  // The entry that records the draft's export is named in its provenance line, as in every export.
  const provenance = audit === undefined ? session.provenance() : { ...session.provenance(), audit: { seq: audit.seq, hash: audit.hash } };
  if (input.assessment !== null) {
    if (input.assessment.snapshotSha256 !== provenance.snapshot_sha256) {
      throw new InvalidParameterError('beoordeling', 'de beoordeling hoort bij een andere snapshot.', 'the assessment belongs to another snapshot.');
    }
    if (input.assessment.incident !== incident.id) {
      throw new InvalidParameterError('beoordeling', `de beoordeling hoort bij incident ${input.assessment.incident}.`, `the assessment belongs to incident ${input.assessment.incident}.`);
    }
  }
  const request: TableRequest = input.peildatum === undefined ? {} : { peildata: [input.peildatum] };
  const { peildatum, exposure } = exposureFor(session, request);
  const facts = datalekFacts(session);
  const breach = incident.soort === 'datalek';
  const assessment = assessEnisa(breach ? evidenceOf(facts, exposure) : null, input.assessment?.factors ?? {}, input.assessment?.circumstances ?? {});
  const end = endOfDate(peildatum);
  let records = 0;
  for (let i = 0; i < facts.signalCount; i++) if (facts.signalStart[i] < end) records += 1;
  const overgangsrecht = exposure.municipalities.reduce((sum, m) => sum + m.personsOvergangsrecht, 0);
  const adreskoppeling = exposure.municipalities.reduce((sum, m) => sum + m.personsAdreskoppeling, 0);

  const gemeenten = buildGemeenten(session, request);
  const perMunicipality = applyDisclosure(
    {
      ...gemeenten,
      provenance: { ...gemeenten.provenance, ...(provenance.audit === undefined ? {} : { audit: provenance.audit }) },
      title: 'Blootstelling per gemeente',
      columns: gemeenten.columns.filter((column) => ['gemeente_code', 'gemeente', 'personen', 'personen_ingezien', 'inzagen'].includes(column.key)),
      notes: [`Aantallen van 1 tot ${NOTIFICATION_DISCLOSURE_K} worden getoond als <${NOTIFICATION_DISCLOSURE_K}; x verbergt een cel die anders terug te rekenen is.`],
    },
    { method: 'suppress', k: NOTIFICATION_DISCLOSURE_K },
  );

  const categories = exposure.categories.map(({ category }) => {
    const special = facts.categorySpecial[category];
    return `${facts.categoryCodes[category]}: ${facts.categoryDescriptions[category]}${special ? ' — bijzonder persoonsgegeven (art. 9/10 AVG)' : ''}`;
  });
  const anySpecial = exposure.categories.some(({ category }) => facts.categorySpecial[category]);
  const informed = incident.betrokkenen_geinformeerd_op;

  const blocks: DraftBlock[] = [
    { kind: 'title', text: 'Concept: melding datalek aan de Autoriteit Persoonsgegevens (art. 33 AVG)' },
    { kind: 'note', text: 'Concept opgesteld met Ketenlens uit een snapshot; de beoordelaar controleert en vult aan voordat het wordt gemeld.' },
    { kind: 'heading', text: '1. Het incident' },
    { kind: 'field', label: 'Incident', value: `${incident.id}: ${incident.titel}` },
    ...(incident.beschrijving === null ? [] : [{ kind: 'field' as const, label: 'Beschrijving', value: incident.beschrijving }]),
    { kind: 'heading', text: '2. Aard van de inbreuk' },
    {
      kind: 'paragraph',
      text: breach
        ? 'Inbreuk op de vertrouwelijkheid: persoonsgegevens van inburgeraars waren via het portaal zichtbaar voor gemeenten die er geen recht op hadden ' +
          `(onterechte portaalsignalen: overgangsrecht bij ${formatCount(overgangsrecht)} en adreskoppeling bij ${formatCount(adreskoppeling)} persoon-gemeentecombinaties).`
        : `Incident van soort '${incident.soort}'; niet gekoppeld aan de portaalblootstelling.`,
    },
    { kind: 'heading', text: '3. Betrokkenen, gegevens en aantallen' },
    { kind: 'field', label: 'Categorie betrokkenen', value: 'inburgeraars (inburgeringsplichtigen), vaak asielstatushouders' },
    ...(breach
      ? [
          { kind: 'field' as const, label: 'Aantal betrokkenen (bij benadering)', value: `${formatCount(exposure.persons)} personen, van wie ${formatCount(exposure.personsViewed)} daadwerkelijk ingezien` },
          { kind: 'field' as const, label: 'Aantal records (bij benadering)', value: `${formatCount(records)} onterechte portaalsignalen bij ${formatCount(exposure.municipalities.length)} gemeenten; ${formatCount(exposure.views)} inzagen door ${formatCount(exposure.users)} gebruikers` },
          { kind: 'field' as const, label: 'Categorieën persoonsgegevens', value: categories.length === 0 ? 'onbekend' : categories.join('; ') },
          { kind: 'field' as const, label: 'Bijzondere persoonsgegevens', value: anySpecial ? 'ja (gemarkeerd hierboven)' : 'nee' },
          { kind: 'table' as const, table: publishedTable(perMunicipality, 1) },
        ]
      : [{ kind: 'field' as const, label: 'Aantal betrokkenen', value: TO_FILL, toFill: true }]),
    ...timelineBlocks(incident, exposure.first === null ? null : instantOfSeconds(exposure.first), exposure.last === null ? null : instantOfSeconds(exposure.last)),
    ...severityBlocks(assessment),
    { kind: 'heading', text: '6. Maatregelen' },
    { kind: 'field', label: 'Genomen maatregelen', value: input.measuresTaken.trim() === '' ? TO_FILL : input.measuresTaken.trim(), toFill: input.measuresTaken.trim() === '' },
    { kind: 'field', label: 'Voorgenomen maatregelen', value: input.measuresPlanned.trim() === '' ? TO_FILL : input.measuresPlanned.trim(), toFill: input.measuresPlanned.trim() === '' },
    { kind: 'heading', text: '7. Informeren van betrokkenen (art. 34 AVG)' },
    {
      kind: 'field',
      label: 'Betrokkenen geïnformeerd',
      value: informed === null ? 'nog niet' : `ja, op ${formatInstant(informed)} (${hours(hoursAfter(incident.ontdekt_op, informed) ?? 0)} uur na ontdekking)`,
    },
    {
      kind: 'field', label: 'Hoe en met welke boodschap',
      value: input.subjectsInformation.trim() === '' ? TO_FILL : input.subjectsInformation.trim(), toFill: input.subjectsInformation.trim() === '',
    },
    ...basisBlocks(input.assessment),
    { kind: 'note', text: `Blootstelling op peildatum ${peildatum}. ${provenanceLine(perMunicipality)}` },
  ];
  return { title: `Concept melding datalek ${incident.id}`, blocks, provenance };
}
