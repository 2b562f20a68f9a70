// Kennisgevingen: notices delivered late, never delivered, or sent under the wrong regime,
// per doelgroep — only when the snapshot has the optional tables they need.
import { isValidDate } from '../../shared/dates';
import { numericCell } from '../../shared/tables/model';
import { useApp, useScreenState } from '../app/context';
import { useDebounced, useTable } from '../app/use-table';
import { BarSeriesChart } from '../components/charts';
import { DataGrid } from '../components/DataGrid';
import { ErrorBox, Note } from '../components/ErrorBox';
import { Figure } from '../components/Figure';
import { useLanguage } from '../i18n/i18n';
import { DateField } from '../components/DateField';


export function KennisgevingenScreen() {
  const { summary } = useApp();
  const { t } = useLanguage();
  const [peildatum, setPeildatum] = useScreenState('kennisgevingen.peildatum', summary.meta.peildatum);
  const settled = useDebounced(peildatum);
  const present = summary.optionalTables.kennisgeving && summary.optionalTables.ind_levering;
  const table = useTable('kennisgeving-vertraging', { peildata: [settled] }, present && isValidDate(settled));
  const data = (table.model?.rows ?? []).map((row) => ({
    doelgroep: String(row.doelgroep),
    geleverd_te_laat: numericCell(row, 'geleverd_te_laat'),
    nooit_geleverd: numericCell(row, 'nooit_geleverd'),
    onterechte_kennisgeving: numericCell(row, 'onterechte_kennisgeving'),
  }));
  const label = (key: string) => table.model?.columns.find((c) => c.key === key)?.label ?? key;

  return (
    <div className="screen">
      <h1>{t('kennisgevingenTitle')}</h1>
      <p className="lead">{t('kennisgevingenIntro')}</p>
      {!present ? (
        <Note>{t('kennisgevingenAbsent')}</Note>
      ) : (
        <>
          <section className="card parameters" aria-label={t('parameters')}>
            <DateField label={t('peildatum')} value={peildatum} onChange={setPeildatum} layout="inline" testId="kennisgevingen-peildatum" />
          </section>
          {table.error !== null && <ErrorBox error={table.error} />}
          <Figure title={t('kennisgevingenTitle')} name="kennisgeving-vertraging" sources={[table.model]} description={t('chartDataTable')}>
            <BarSeriesChart
              data={data}
              xKey="doelgroep"
              series={['geleverd_te_laat', 'nooit_geleverd', 'onterechte_kennisgeving'].map((key) => ({ key, label: label(key) }))}
            />
          </Figure>
          {table.model !== null && <DataGrid model={table.model} name="kennisgeving-vertraging" />}
        </>
      )}
    </div>
  );
}
