// Overzicht: what was opened (meta, checksum, size), how much is in it, the data-quality
// findings with examples, and headline figures that lead to their screens. It shows as soon
// as the snapshot is loaded: the headline figures, the findings and (in the browser host) the
// checksum follow as the worker completes the open, each marked as pending until then.
import type { ScreenId } from '../../shared/ipc/contract';
import { formatCount, formatDate } from '../../shared/format/index';
import { OPTIONAL_TABLES, REQUIRED_TABLES, type SnapshotTable } from '../../shared/snapshot/types';
import { useApp } from '../app/context';
import { localized, useLanguage } from '../i18n/i18n';
import type { MessageKey } from '../i18n/nl';
import type { HeadlineFigure } from '../worker/protocol';

function Headline({ label, figure, testId, screen, screenLabel }: {
  label: string; figure: HeadlineFigure | undefined; testId: string; screen: ScreenId; screenLabel: string;
}) {
  const { navigate } = useApp();
  const { t, language } = useLanguage();
  return (
    <div className="headline card" aria-busy={figure === undefined}>
      <span className="headline-label">{label}</span>
      <span className="headline-value" data-testid={testId}>
        {figure === undefined ? '…' : figure.value !== null ? formatCount(figure.value) : '—'}
      </span>
      {figure?.error != null && <span className="muted small">{localized(figure.error, language)}</span>}
      <button type="button" className="link-button" onClick={() => navigate(screen)}>{t('headlineOpen', { screen: screenLabel })}</button>
    </div>
  );
}

export function OverzichtScreen() {
  const { summary, completion, headlines } = useApp();
  const figure = (id: HeadlineFigure['id']) => headlines?.find((candidate) => candidate.id === id);
  const sha256 = completion?.sha256 ?? summary.sha256;
  const { t, language } = useLanguage();
  const { meta } = summary;
  const synthetic = /synthet|demo/i.test(meta.titel ?? '');
  const metaRows: [MessageKey, string][] = [
    ['metaTitle', meta.titel ?? '—'],
    ['metaPeildatum', formatDate(meta.peildatum)],
    ['metaBron', meta.bron],
    ['metaGemeenteJaar', meta.gemeente_jaar],
    ['metaFile', summary.fileName],
    ['metaSize', `${formatCount(summary.fileSize)} bytes`],
    ['metaSha256', sha256 ?? t('sha256Computing')],
  ];
  if (meta.producent !== undefined) metaRows.push(['metaProducent', meta.producent]);
  if (meta.aangemaakt_op !== undefined) metaRows.push(['metaAangemaakt', meta.aangemaakt_op]);
  if (meta.pseudoniem_domein !== undefined) metaRows.push(['metaPseudoniemDomein', meta.pseudoniem_domein]);
  const tables: SnapshotTable[] = [...REQUIRED_TABLES, ...OPTIONAL_TABLES];
  const totalMs = Object.values(summary.timings).reduce((a, b) => a + b, 0);

  return (
    <div className="screen">
      <h1>{t('screenOverzicht')}</h1>
      {synthetic && <p className="banner" role="note">{t('syntheticNotice')}</p>}

      <section aria-labelledby="headlines-title">
        <h2 id="headlines-title">{t('headlines')}</h2>
        <div className="headlines">
          <Headline label={t('headlineElip', { date: formatDate(meta.peildatum) })} figure={figure('elip')} testId="headline-elip-gemeenten" screen="elip" screenLabel={t('screenElip')} />
          <Headline label={t('headlineBacklog', { date: formatDate(meta.peildatum) })} figure={figure('backlog')} testId="headline-boete-achterstand" screen="boetes" screenLabel={t('screenBoetes')} />
          <Headline label={t('headlineExposed')} figure={figure('exposed')} testId="headline-datalek-gemeenten" screen="datalek" screenLabel={t('screenDatalek')} />
        </div>
      </section>

      <div className="two-columns">
        <section className="card" aria-labelledby="meta-title">
          <h2 id="meta-title">{t('snapshotMeta')}</h2>
          <dl className="meta-list">
            {metaRows.map(([key, value]) => (
              <div key={key}>
                <dt>{t(key)}</dt>
                <dd className={key === 'metaSha256' && sha256 !== null ? 'mono' : undefined} aria-busy={key === 'metaSha256' && sha256 === null}>{value}</dd>
              </div>
            ))}
          </dl>
          <p className="muted small">
            {t('openTimings', { total: formatCount(totalMs), decrypt: formatCount(summary.timings.decrypt ?? 0), load: formatCount((summary.timings.load ?? 0) + (summary.timings.check ?? 0)) })}
            {completion !== null && ` ${t('completionTimings', { check: formatCount(completion.timings.check ?? 0), hash: formatCount(completion.timings.hash ?? 0) })}`}
          </p>
        </section>

        <section className="card" aria-labelledby="counts-title">
          <h2 id="counts-title">{t('rowCounts')}</h2>
          <table className="simple">
            <thead>
              <tr><th scope="col">{t('tableName')}</th><th scope="col" className="num">{t('rows')}</th></tr>
            </thead>
            <tbody>
              {tables.map((table) => {
                const count = summary.rowCounts[table];
                return (
                  <tr key={table}>
                    <th scope="row" className="mono">{table}</th>
                    <td className="num">{count === undefined ? <span className="muted">{t('absentOptional')}</span> : formatCount(count)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </div>

      <section className="card" aria-labelledby="findings-title" aria-busy={completion === null}>
        <h2 id="findings-title">{t('findings')}</h2>
        {completion === null ? (
          <p className="muted" role="status" data-testid="findings-checking">{t('findingsChecking')}</p>
        ) : completion.findings.length === 0 ? (
          <p>{t('noFindings')}</p>
        ) : (
          <ul className="findings">
            {completion.findings.map((finding, index) => (
              <li key={`${finding.table}-${finding.kind}-${finding.column ?? ''}-${index}`}>
                <details>
                  <summary>
                    <span className="mono">{finding.table}{finding.column !== undefined ? `.${finding.column}` : ''}</span>{' '}
                    {localized({ messageNl: finding.descriptionNl, messageEn: finding.descriptionEn }, language)}{' '}
                    <strong>{t('findingCount', { count: formatCount(finding.count) })}</strong>{' '}
                    <span className={finding.skipped ? 'tag warn' : 'tag'}>{finding.skipped ? t('findingSkipped') : t('findingKept')}</span>
                  </summary>
                  <p>{t('findingExamples')}: <span className="mono">{finding.examples.join(', ')}</span></p>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
