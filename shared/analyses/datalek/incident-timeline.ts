// Incidents of the optional `incident` table and their timeline: discovery, the report to
// the AP against the 72 hours of GDPR art. 33, informing municipalities and data subjects,
// and (for a data breach) the first and last moment of exposure; the incidents a request
// selects, and the ENISA evidence of a session's exposure.
import type { Database } from 'sql.js';
import { InvalidParameterError } from '../../errors';
import type { OpenedSnapshot } from '../../snapshot/types';
import type { TableRequest } from '../../tables/definition';
import type { AnalysisSession } from '../../tables/session';
import { exposureFor, type Exposure } from './compute';
import type { EnisaEvidence } from './enisa';
import type { DatalekFacts } from './facts';
import { instantOfSeconds, secondsOfInstant } from '../../dates';
import { forEachRow } from '../../snapshot/sql';

export const REPORT_DEADLINE_HOURS = 72;
const SECONDS_PER_HOUR = 3600;

export interface Incident {
  id: string;
  titel: string;
  soort: string;
  ontdekt_op: string;
  gemeld_ap_op: string | null;
  gemeenten_geinformeerd_op: string | null;
  betrokkenen_geinformeerd_op: string | null;
  beschrijving: string | null;
}

/** The usable incidents, by discovery then id; rows the loader skipped are left out. */
export function readIncidents(snapshot: OpenedSnapshot): Incident[] {
  const skipped = snapshot.skippedKeys?.incident;
  return selectIncidents(snapshot.db).filter(
    (incident) => !(skipped?.has(incident.id) ?? false) && secondsOfInstant(incident.ontdekt_op) !== null,
  );
}

function selectIncidents(db: Database): Incident[] {
  const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
  const incidents: Incident[] = [];
  forEachRow(
    db,
    `SELECT id, titel, soort, ontdekt_op, gemeld_ap_op, gemeenten_geinformeerd_op, betrokkenen_geinformeerd_op, beschrijving
     FROM incident ORDER BY ontdekt_op, id`,
    ([id, titel, soort, ontdekt, gemeld, gemeenten, betrokkenen, beschrijving]) => {
      if (id === null || ontdekt === null) return;
      incidents.push({
        id: String(id),
        titel: text(titel) ?? '',
        soort: text(soort) ?? 'overig',
        ontdekt_op: String(ontdekt),
        gemeld_ap_op: text(gemeld),
        gemeenten_geinformeerd_op: text(gemeenten),
        betrokkenen_geinformeerd_op: text(betrokkenen),
        beschrijving: text(beschrijving),
      });
    },
  );
  return incidents;
}

/** Hours from discovery to a later instant, one decimal; null when the instant is absent. */
export function hoursAfter(discovered: string, instant: string | null): number | null {
  const from = secondsOfInstant(discovered);
  const to = secondsOfInstant(instant);
  if (from === null || to === null) return null;
  return Math.round((to - from) / (SECONDS_PER_HOUR / 10)) / 10;
}

export type ReportStatus = 'tijdig' | 'te laat' | 'niet gemeld';

/** Within 72 hours (exactly 72:00:00 still counts as on time), later, or no report. */
export function reportStatus(incident: Pick<Incident, 'ontdekt_op' | 'gemeld_ap_op'>): ReportStatus {
  const from = secondsOfInstant(incident.ontdekt_op);
  const to = secondsOfInstant(incident.gemeld_ap_op);
  if (from === null || to === null) return 'niet gemeld';
  return to - from <= REPORT_DEADLINE_HOURS * SECONDS_PER_HOUR ? 'tijdig' : 'te laat';
}

export type TimelineEventKind =
  | 'blootstelling_eerste'
  | 'ontdekt'
  | 'gemeld_ap'
  | 'meldtermijn_einde'
  | 'gemeenten_geinformeerd'
  | 'betrokkenen_geinformeerd'
  | 'blootstelling_laatste';

export interface TimelineEvent {
  kind: TimelineEventKind;
  instant: string;
  labelNl: string;
  /** Hours after discovery (negative before it), one decimal. */
  hoursAfterDiscovery: number;
}

export interface IncidentTimeline {
  incident: string;
  titel: string;
  status: ReportStatus;
  events: TimelineEvent[];
}

const LABELS: Record<TimelineEventKind, string> = {
  blootstelling_eerste: 'Eerste blootstelling',
  ontdekt: 'Ontdekt',
  gemeld_ap: 'Gemeld bij de AP',
  meldtermijn_einde: 'Einde meldtermijn (72 uur)',
  gemeenten_geinformeerd: 'Gemeenten geïnformeerd',
  betrokkenen_geinformeerd: 'Betrokkenen geïnformeerd',
  blootstelling_laatste: 'Laatste blootstelling',
};

/**
 * The events of one incident in time order (ties keep the order of LABELS). `exposure` is
 * the first and last moment of exposure it is linked to, or null (not a data breach).
 */
export function incidentTimeline(
  incident: Incident,
  exposure: { first: string; last: string } | null,
): IncidentTimeline {
  const discovered = secondsOfInstant(incident.ontdekt_op) ?? 0;
  const deadline = instantOfSeconds(discovered + REPORT_DEADLINE_HOURS * SECONDS_PER_HOUR);
  const candidates: [TimelineEventKind, string | null][] = [
    ['blootstelling_eerste', exposure?.first ?? null],
    ['ontdekt', incident.ontdekt_op],
    ['gemeld_ap', incident.gemeld_ap_op],
    ['meldtermijn_einde', deadline],
    ['gemeenten_geinformeerd', incident.gemeenten_geinformeerd_op],
    ['betrokkenen_geinformeerd', incident.betrokkenen_geinformeerd_op],
    ['blootstelling_laatste', exposure?.last ?? null],
  ];
  const order = Object.keys(LABELS);
  const events: TimelineEvent[] = [];
  for (const [kind, instant] of candidates) {
    if (instant === null || secondsOfInstant(instant) === null) continue;
    events.push({ kind, instant, labelNl: LABELS[kind], hoursAfterDiscovery: hoursAfter(incident.ontdekt_op, instant) ?? 0 });
  }
  events.sort((a, b) => (a.instant === b.instant ? order.indexOf(a.kind) - order.indexOf(b.kind) : a.instant < b.instant ? -1 : 1));
  return { incident: incident.id, titel: incident.titel, status: reportStatus(incident), events };
}

/** Only a data breach is linked to the portal exposure; other kinds of incident are not. */
export const isDataBreach = (incident: Incident): boolean => incident.soort === 'datalek';

export function selectedIncidents(session: AnalysisSession, request: TableRequest): Incident[] {
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
  return exposure.first === null || exposure.last === null ? null : { first: instantOfSeconds(exposure.first), last: instantOfSeconds(exposure.last) };
}

/** The timelines of the incidents asked for (all, or request.incident), exposure as of P for data breaches. */
export function incidentTimelines(session: AnalysisSession, request: TableRequest = {}): IncidentTimeline[] {
  const incidents = selectedIncidents(session, request);
  const span = incidents.some(isDataBreach) ? exposureSpan(exposureFor(session, request).exposure) : null;
  return incidents.map((incident) => incidentTimeline(incident, isDataBreach(incident) ? span : null));
}
