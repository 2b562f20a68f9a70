// Boetes: the backlog in imposing fines — per month of the deadline (overruns, decisions,
// backlog), the backlog on the first of each month, its age bands, and pending
// enforcement orders when the snapshot has them.
import { isValidDate } from '../../shared/dates';
import { useMemo } from 'react';
import { formatDate, formatMonth } from '../../shared/format/index';
import { numericCell } from '../../shared/tables/model';
import { useApp, useScreenState } from '../app/context';
import { monthlyDates } from '../app/months';
import { columnTotal } from '../app/table-sums';
import { useDebounced, useTable, useTableSeries } from '../app/use-table';
import { BarSeriesChart, LineSeriesChart } from '../components/charts';
import { DataGrid } from '../components/DataGrid';
import { ErrorBox, Note } from '../components/ErrorBox';
import { Figure } from '../components/Figure';
import { useLanguage } from '../i18n/i18n';
import { DateField } from '../components/DateField';

const SERIES_MONTHS = 24;

export function BoetesScreen() {
  const { summary } = useApp();
  const { t } = useLanguage();
  const [peildatum, setPeildatum] = useScreenState('boetes.peildatum', summary.meta.peildatum);
  const settled = useDebounced(peildatum);
  const valid = isValidDate(settled);
  const request = { peildata: [settled] };
  const achterstand = useTable('boete-achterstand', request, valid);
  const ouderdom = useTable('boete-ouderdom', request, valid);
  const hasDwangbevel = summary.optionalTables.dwangbevel;
  const incasso = useTable('incasso-achterstand', request, valid && hasDwangbevel);
  const seriesDates = useMemo(() => (valid ? monthlyDates(settled, SERIES_MONTHS) : []), [settled, valid]);
  const seriesRequests = useMemo(() => seriesDates.map((date) => ({ peildata: [date] })), [seriesDates]);
  const series = useTableSeries('boete-achterstand', seriesRequests, valid);

  const perMonth = (achterstand.model?.rows ?? []).map((row) => ({
    maand: String(row.maand),
    overschrijdingen: numericCell(row, 'overschrijdingen'),
    besloten: (numericCell(row, 'besloten_boete') ?? 0) + (numericCell(row, 'besloten_verlenging') ?? 0) + (numericCell(row, 'besloten_geen_boete') ?? 0),
    achterstand: numericCell(row, 'achterstand'),
  }));
  const overTime = seriesDates.map((date, index) => {
    const model = series.models[index];
    return { peildatum: date, achterstand: model ? columnTotal(model, 'achterstand') : null };
  });
  const bands = (ouderdom.model?.rows ?? []).map((row) => ({ band: String(row.band), achterstand: numericCell(row, 'achterstand') }));

  return (
    <div className="screen">
      <h1>{t('boetesTitle')}</h1>
      <p className="lead">{t('boetesIntro')}</p>
      <section className="card parameters" aria-labelledby="boetes-parameters">
        <h2 id="boetes-parameters" className="visually-hidden">{t('parameters')}</h2>
        <DateField label={t('peildatum')} value={peildatum} onChange={setPeildatum} layout="inline" testId="boetes-peildatum" />
      </section>

      {achterstand.error !== null && <ErrorBox error={achterstand.error} />}
      <Figure title={t('boetePerMaand')} name="boete-per-maand" sources={[achterstand.model]} description={t('chartDataTable')}>
        <LineSeriesChart
          data={perMonth}
          xKey="maand"
          xFormatter={(m) => formatMonth(m, 'numeric')}
          series={[
            { key: 'overschrijdingen', label: 'Overschrijdingen' },
            { key: 'besloten', label: 'Besloten' },
            { key: 'achterstand', label: 'Achterstand' },
          ]}
        />
      </Figure>
      {achterstand.model !== null && <DataGrid model={achterstand.model} name="boete-achterstand" />}

      <div className="two-columns">
        <Figure
          title={t('boeteOverTime')}
          name="boete-achterstand-over-tijd"
          sources={series.models}
          description={series.done < seriesDates.length ? t('computingSeries', { done: series.done, total: seriesDates.length }) : t('overTimeRange', { from: formatDate(seriesDates[0] ?? ''), to: formatDate(seriesDates.at(-1) ?? '') })}
        >
          <LineSeriesChart data={overTime} xKey="peildatum" xFormatter={(d) => formatMonth(d.slice(0, 7), 'numeric')} series={[{ key: 'achterstand', label: 'Achterstand' }]} />
        </Figure>
        <Figure title={t('boeteOuderdom')} name="boete-ouderdom" sources={[ouderdom.model]}>
          <BarSeriesChart data={bands} xKey="band" series={[{ key: 'achterstand', label: 'Achterstand' }]} />
        </Figure>
      </div>
      {series.error !== null && <ErrorBox error={series.error} />}
      {ouderdom.error !== null && <ErrorBox error={ouderdom.error} />}
      {ouderdom.model !== null && <DataGrid model={ouderdom.model} name="boete-ouderdom" />}

      <section aria-labelledby="incasso-title">
        <h2 id="incasso-title">{t('incasso')}</h2>
        {!hasDwangbevel ? (
          <Note>{t('incassoAbsent')}</Note>
        ) : (
          <>
            {incasso.error !== null && <ErrorBox error={incasso.error} />}
            {incasso.model !== null && <DataGrid model={incasso.model} name="incasso-achterstand" />}
          </>
        )}
      </section>
    </div>
  );
}
