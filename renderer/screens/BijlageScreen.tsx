// Bijlage: several tables, with the parameters last used on their screens (said in words),
// in one Word, OpenDocument or spreadsheet file, with a chosen disclosure control —
// suppression with k = 10 unless the author chooses otherwise, as `ketenlens bijlage`.
import { useState } from 'react';
import { describeParameters } from '../../shared/format/parameters';
import { DEFAULT_SUPPRESSION_K, parseDisclosure } from '../../shared/export/disclosure';
import type { DisclosureOption } from '../../shared/tables/model';
import type { TableRequest } from '../../shared/tables/catalogue';
import type { OptionalTable } from '../../shared/snapshot/types';
import { useApp, useScreenState } from '../app/context';
import { useWayOut } from '../app/use-way-out';
import { ErrorBox } from '../components/ErrorBox';
import { useLanguage } from '../i18n/i18n';
import { asWireError } from '../worker/client';
import type { BijlageFormat, WireError } from '../worker/protocol';
import { TABEL1_DATES } from './ElipScreen';
import { BIJLAGE_DISCLOSURE_DEFAULT, BIJLAGE_DISCLOSURES } from './bijlage-options';

interface CatalogueEntry {
  id: TableId;
  requires: readonly OptionalTable[];
  defaults: TableRequest;
}

type TableId = 'elip-cohorten' | 'elip-gemeenten' | 'boete-achterstand' | 'boete-ouderdom' | 'incasso-achterstand'
  | 'datalek-gemeenten' | 'datalek-categorieen' | 'datalek-ernst' | 'kennisgeving-vertraging';

const CATALOGUE: readonly CatalogueEntry[] = [
  { id: 'elip-cohorten', requires: [], defaults: { peildata: TABEL1_DATES, doelgroep: 'asiel', cohort_merge_from: 2022 } },
  { id: 'elip-gemeenten', requires: [], defaults: {} },
  { id: 'boete-achterstand', requires: [], defaults: {} },
  { id: 'boete-ouderdom', requires: [], defaults: {} },
  { id: 'incasso-achterstand', requires: ['dwangbevel'], defaults: {} },
  { id: 'datalek-gemeenten', requires: [], defaults: {} },
  { id: 'datalek-categorieen', requires: [], defaults: {} },
  { id: 'datalek-ernst', requires: ['incident'], defaults: {} },
  { id: 'kennisgeving-vertraging', requires: ['kennisgeving', 'ind_levering'], defaults: {} },
];
const FORMATS: readonly BijlageFormat[] = ['docx', 'odt', 'xlsx', 'ods'];

export function BijlageScreen() {
  const { core, summary, tableParameters } = useApp();
  const { send, dialog } = useWayOut();
  const { t, language } = useLanguage();
  const [chosen, setChosen] = useScreenState<string[]>('bijlage.tables', ['elip-cohorten', 'boete-achterstand', 'datalek-gemeenten']);
  const [format, setFormat] = useScreenState<BijlageFormat>('bijlage.format', 'docx');
  const [disclosure, setDisclosure] = useScreenState<DisclosureOption>('bijlage.disclosure', BIJLAGE_DISCLOSURE_DEFAULT);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [status, setStatus] = useState('');

  const available = (entry: CatalogueEntry) => entry.requires.every((table) => summary.optionalTables[table]);
  const parametersOf = (entry: CatalogueEntry) => tableParameters.get(entry.id) ?? entry.defaults;

  async function make() {
    setError(null);
    setStatus('');
    setBusy(true);
    try {
      const entries = CATALOGUE.filter((entry) => chosen.includes(entry.id) && available(entry));
      const models = [];
      for (const entry of entries) models.push(await core.call('table', { id: entry.id, parameters: parametersOf(entry) }));
      setStatus(await send({ way: 'bijlage', models, view: null, disclosure: parseDisclosure(disclosure), target: { kind: 'bijlage', format }, fileName: 'bijlage' }));
    } catch (caught) {
      setError(asWireError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="screen">
      <h1>{t('bijlageTitle')}</h1>
      <p className="lead">{t('bijlageIntro')}</p>
      <section className="card">
        <fieldset className="table-choice">
          <legend>{t('bijlageTables')}</legend>
          {CATALOGUE.map((entry) => {
            const enabled = available(entry);
            return (
              <label key={entry.id} className={enabled ? undefined : 'disabled'}>
                <input
                  type="checkbox"
                  disabled={!enabled}
                  checked={enabled && chosen.includes(entry.id)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, entry.id] : chosen.filter((id) => id !== entry.id))}
                />
                <span>{t(`table_${entry.id}`)} <span className="mono muted small">({entry.id})</span></span>
                <span className="muted small">{enabled ? describeParameters(parametersOf(entry), { language }) || t('bijlageSnapshotDefaults') : t('bijlageUnavailable')}</span>
              </label>
            );
          })}
        </fieldset>
        <div className="parameter-grid">
          <label className="field">
            <span>{t('bijlageFormat')}</span>
            <select value={format} onChange={(e) => setFormat(FORMATS.find((f) => f === e.target.value) ?? 'docx')}>
              {FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('disclosure')}</span>
            <select
              value={disclosure}
              onChange={(e) => setDisclosure(BIJLAGE_DISCLOSURES.find((d) => d === e.target.value) ?? BIJLAGE_DISCLOSURE_DEFAULT)}
              aria-describedby="bijlage-disclosure-default"
              data-testid="bijlage-disclosure"
            >
              {BIJLAGE_DISCLOSURES.map((d) => (
                <option key={d} value={d}>
                  {d === 'suppress' ? `${t('disclosure_suppress')} (k = ${DEFAULT_SUPPRESSION_K})` : t(`disclosure_${d === 'round' ? 'round5' : d}`)}
                </option>
              ))}
            </select>
            <span id="bijlage-disclosure-default" className="muted small">{t('bijlageDisclosureDefault', { k: DEFAULT_SUPPRESSION_K })}</span>
          </label>
        </div>
        <div className="actions">
          <button type="button" onClick={() => void make()} disabled={busy || chosen.length === 0} data-testid="bijlage-make">{t('bijlageMake')}</button>
          <span role="status" className="muted">{chosen.length === 0 ? t('bijlageNone') : status}</span>
        </div>
      </section>
      {error !== null && <ErrorBox error={error} />}
      {dialog}
    </div>
  );
}
