// ELIP: Tabel 1 of Kamerstuk 32 824, nr. 391 for chosen reference dates, with the
// thresholds and target group as parameters, charts over dates and per cohort, and the
// per-municipality table.
import { isValidDate } from '../../shared/dates';
import { useMemo, useState } from 'react';
import type { Doelgroep, TableRequest } from '../../shared/tables/catalogue';
import { formatDate } from '../../shared/format/index';
import { DOELGROEPEN } from '../../shared/snapshot/vocabulary';
import { useScreenState } from '../app/context';
import { columnTotal } from '../app/table-sums';
import { useDebounced, useTable, useTableSeries } from '../app/use-table';
import { BarSeriesChart, LineSeriesChart } from '../components/charts';
import { DataGrid } from '../components/DataGrid';
import { ErrorBox } from '../components/ErrorBox';
import { Figure } from '../components/Figure';
import { useLanguage } from '../i18n/i18n';
import { DateField } from '../components/DateField';

export const TABEL1_DATES = ['2022-05-01', '2022-10-15', '2023-07-01'];

interface ElipSettings {
  peildata: string[];
  doelgroep: Doelgroep;
  thresholdA: number;
  thresholdB: number;
  monthsB: number;
  mergeFrom: number | null;
  gemeentePeildatum: string;
}

const DEFAULTS: ElipSettings = {
  peildata: TABEL1_DATES,
  doelgroep: 'asiel',
  thresholdA: 9500,
  thresholdB: 7500,
  monthsB: 12,
  mergeFrom: 2022,
  gemeentePeildatum: '2023-07-01',
};


export function ElipScreen() {
  const { t } = useLanguage();
  const [settings, setSettings] = useScreenState<ElipSettings>('elip', DEFAULTS);
  const [newDate, setNewDate] = useState('');
  const update = (patch: Partial<ElipSettings>) => setSettings({ ...settings, ...patch });
  const settled = useDebounced(settings);

  const thresholds = {
    doelgroep: settled.doelgroep,
    drempel_cent: Math.round(settled.thresholdA * 100),
    drempel_b_cent: Math.round(settled.thresholdB * 100),
    maanden_b: settled.monthsB,
  };
  const cohortRequest: TableRequest = {
    peildata: settled.peildata,
    doelgroep: settled.doelgroep,
    drempel_cent: thresholds.drempel_cent,
    ...(settled.mergeFrom !== null ? { cohort_merge_from: settled.mergeFrom } : {}),
  };
  const cohorts = useTable('elip-cohorten', cohortRequest, settled.peildata.length > 0);
  const gemeentePeildatum = settled.peildata.includes(settled.gemeentePeildatum) ? settled.gemeentePeildatum : (settled.peildata[0] ?? '');
  const gemeenten = useTable('elip-gemeenten', { peildata: [gemeentePeildatum], ...thresholds }, gemeentePeildatum !== '');
  const seriesRequests = useMemo(
    () => settled.peildata.map((date) => ({ peildata: [date], ...thresholds })),
    // thresholds is rebuilt each render from `settled`; its fields are the real dependencies
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [settled.peildata, settled.doelgroep, settled.thresholdA, settled.thresholdB, settled.monthsB],
  );
  const series = useTableSeries('elip-gemeenten', seriesRequests);

  const overTime = settled.peildata.map((date, index) => {
    const model = series.models[index];
    return {
      peildatum: date,
      elip_a: model ? columnTotal(model, 'elip_a') : null,
      elip_b: model ? columnTotal(model, 'elip_b') : null,
    };
  });

  const perCohort = useMemo(() => {
    const model = cohorts.model;
    if (model === null) return [];
    const cohortColumns = model.columns.filter((c) => c.key !== 'peildatum' && c.key !== 'totaal');
    return cohortColumns.map((column) => {
      const datum: Record<string, string | number | null> = { cohort: column.label };
      for (const row of model.rows) {
        const value = row[column.key];
        datum[String(row.peildatum)] = typeof value === 'number' ? value : null;
      }
      return datum;
    });
  }, [cohorts.model]);

  function addDate() {
    if (!isValidDate(newDate) || settings.peildata.includes(newDate)) return;
    update({ peildata: [...settings.peildata, newDate] });
    setNewDate('');
  }

  const mergeYears = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023];

  return (
    <div className="screen">
      <h1>{t('elipTitle')}</h1>
      <p className="lead">{t('elipIntro')}</p>

      <section className="card parameters" aria-labelledby="elip-parameters">
        <h2 id="elip-parameters">{t('parameters')}</h2>
        <div className="parameter-grid">
          <fieldset className="dates">
            <legend>{t('peildata')}</legend>
            <ul className="chips">
              {settings.peildata.map((date) => (
                <li key={date} className="chip">
                  <span>{formatDate(date)}</span>
                  <button type="button" className="plain" aria-label={t('removeDate', { date: formatDate(date) })} onClick={() => update({ peildata: settings.peildata.filter((d) => d !== date) })}>×</button>
                </li>
              ))}
            </ul>
            <div className="inline">
              <DateField label={t('newDate')} hideLabel optional value={newDate} onChange={setNewDate} onEnter={addDate} testId="elip-new-date" />
              <button type="button" className="secondary" onClick={addDate} data-testid="elip-add-date">{t('addDate')}</button>
            </div>
          </fieldset>
          <label className="field">
            <span>{t('doelgroep')}</span>
            <select value={settings.doelgroep} onChange={(e) => update({ doelgroep: DOELGROEPEN.find((d) => d === e.target.value) ?? 'asiel' })}>
              {DOELGROEPEN.map((d) => <option key={d} value={d}>{t(`doelgroep_${d}`)}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('thresholdA')}</span>
            <input type="number" min={0} step={100} value={settings.thresholdA} onChange={(e) => update({ thresholdA: Number(e.target.value) })} data-testid="elip-threshold-a" />
          </label>
          <label className="field">
            <span>{t('thresholdB')}</span>
            <input type="number" min={0} step={100} value={settings.thresholdB} onChange={(e) => update({ thresholdB: Number(e.target.value) })} />
          </label>
          <label className="field">
            <span>{t('monthsB')}</span>
            <input type="number" min={1} max={60} value={settings.monthsB} onChange={(e) => update({ monthsB: Number(e.target.value) })} />
          </label>
          <label className="field">
            <span>{t('mergeFrom')}</span>
            <select value={settings.mergeFrom ?? ''} onChange={(e) => update({ mergeFrom: e.target.value === '' ? null : Number(e.target.value) })}>
              <option value="">{t('mergeNone')}</option>
              {mergeYears.map((year) => <option key={year} value={year}>{year}</option>)}
            </select>
          </label>
        </div>
      </section>

      {cohorts.error !== null && <ErrorBox error={cohorts.error} />}
      {cohorts.model !== null && <DataGrid model={cohorts.model} name="elip-cohorten" />}

      <div className="two-columns">
        <Figure title={t('elipOverTime')} name="elip-over-tijd" sources={series.models} description={t('chartDataTable')}>
          <LineSeriesChart data={overTime} xKey="peildatum" xFormatter={formatDate} series={[{ key: 'elip_a', label: 'ELIP-A' }, { key: 'elip_b', label: 'ELIP-B' }]} />
        </Figure>
        <Figure title={t('elipPerCohort')} name="elip-per-cohort" sources={[cohorts.model]}>
          <BarSeriesChart data={perCohort} xKey="cohort" series={settled.peildata.map((date) => ({ key: date, label: formatDate(date) }))} />
        </Figure>
      </div>

      <section className="card parameters" aria-label={t('elipGemeentePeildatum')}>
        <label className="field inline">
          <span>{t('elipGemeentePeildatum')}</span>
          <select value={gemeentePeildatum} onChange={(e) => update({ gemeentePeildatum: e.target.value })}>
            {settings.peildata.map((date) => <option key={date} value={date}>{formatDate(date)}</option>)}
          </select>
        </label>
      </section>
      {gemeenten.error !== null && <ErrorBox error={gemeenten.error} />}
      {gemeenten.model !== null && <DataGrid model={gemeenten.model} name="elip-gemeenten" caption={t('elipGemeenten', { date: formatDate(gemeentePeildatum) })} />}
    </div>
  );
}
