// The incident's timeline for breach assessors: discovery, report to the AP, informing
// municipalities and data subjects, and the exposure window; plus the 72-hour check of
// GDPR article 33, stated in words and not by colour alone.
import { formatCount, formatInstant } from '../../shared/format/index';
import { useLanguage } from '../i18n/i18n';
import type { IncidentRow } from '../worker/protocol';

const HOURS_ALLOWED = 72;

export function hoursBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 3_600_000;
}

interface Props {
  incident: IncidentRow;
  exposure: { first: string | null; last: string | null };
}

export function IncidentTimeline({ incident, exposure }: Props) {
  const { t } = useLanguage();
  const events: { label: string; at: string | null }[] = [
    { label: t('timelineExposureStart'), at: exposure.first },
    { label: t('timelineDiscovered'), at: incident.ontdekt_op },
    { label: t('timelineReported'), at: incident.gemeld_ap_op },
    { label: t('timelineMunicipalities'), at: incident.gemeenten_geinformeerd_op },
    { label: t('timelineSubjects'), at: incident.betrokkenen_geinformeerd_op },
    { label: t('timelineExposureEnd'), at: exposure.last },
  ];
  const dated = events.filter((e): e is { label: string; at: string } => e.at !== null).sort((a, b) => a.at.localeCompare(b.at));
  const missing = events.filter((e) => e.at === null);
  const hours = incident.gemeld_ap_op === null ? null : hoursBetween(incident.ontdekt_op, incident.gemeld_ap_op);
  const verdict = hours === null ? 'notReported' : hours <= HOURS_ALLOWED ? 'within72' : 'over72';

  return (
    <div className="timeline-block">
      <h3>{incident.titel}</h3>
      {incident.beschrijving !== null && <p className="muted">{incident.beschrijving}</p>}
      <p className={`verdict ${verdict}`} data-testid="verdict-72h">
        <span aria-hidden="true">{verdict === 'within72' ? '✔ ' : '⚠ '}</span>
        <strong>{t(verdict)}</strong>
        {hours !== null && <> — {t('hoursToReport', { hours: formatCount(Math.round(hours * 10) / 10) })}</>}
      </p>
      <ol className="timeline">
        {dated.map((event) => (
          <li key={event.label}>
            <time dateTime={event.at}>{formatInstant(event.at)}</time>
            <span>{event.label}</span>
          </li>
        ))}
        {missing.map((event) => (
          <li key={event.label} className="missing">
            <span>{t('notYet')}</span>
            <span>{event.label}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
