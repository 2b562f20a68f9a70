// Datalek: how far the portal breach reached — a map by municipality, the per-municipality
// and per-category tables, the incident timeline with the 72-hour check, and the ENISA
// severity with the assessor's own factors.
import { useEffect, useMemo, useState } from 'react';
import { numericCell, type TableModel } from '../../shared/tables/model';
import { useApp, useCompletion, useScreenState } from '../app/context';
import { useDebounced, useTable } from '../app/use-table';
import { DataGrid } from '../components/DataGrid';
import { ErrorBox, Note } from '../components/ErrorBox';
import { Figure } from '../components/Figure';
import { MunicipalityMap, type MapMeasure, type MunicipalityFigures } from '../components/MunicipalityMap';
import { useLanguage } from '../i18n/i18n';
import { asWireError } from '../worker/client';
import type { IncidentRow, WireError } from '../worker/protocol';
import { IncidentTimeline } from './IncidentTimeline';
import { BreachAssessment } from './BreachAssessment';
import { BreachDocuments } from './BreachDocuments';
import { BreachDrillDown } from './BreachDrillDown';
import { latestPerIncident, type SavedAssessment } from '../../shared/analyses/datalek/assessment';
import type { EnisaCircumstances } from '../../shared/analyses/datalek/enisa';
import { formatDecimal } from '../../shared/format/index';
import type { AssessmentList } from '../../shared/ipc/contract';

const MEASURES: readonly MapMeasure[] = ['personen', 'personen_ingezien', 'persoonsdagen'];

function figuresOf(model: TableModel | null): Map<string, MunicipalityFigures> {
  const figures = new Map<string, MunicipalityFigures>();
  for (const row of model?.rows ?? []) {
    if (typeof row.gemeente_code !== 'string') continue;
    figures.set(row.gemeente_code, {
      name: String(row.gemeente ?? row.gemeente_code),
      personen: numericCell(row, 'personen') ?? 0,
      personen_ingezien: numericCell(row, 'personen_ingezien') ?? 0,
      inzagen: numericCell(row, 'inzagen') ?? 0,
      persoonsdagen: numericCell(row, 'persoonsdagen') ?? 0,
    });
  }
  return figures;
}

function exposureWindow(model: TableModel | null): { first: string | null; last: string | null } {
  let first: string | null = null;
  let last: string | null = null;
  for (const row of model?.rows ?? []) {
    if (typeof row.eerste === 'string' && (first === null || row.eerste < first)) first = row.eerste;
    if (typeof row.laatste === 'string' && (last === null || row.laatste > last)) last = row.laatste;
  }
  return { first, last };
}

interface EnisaFactors {
  dpc: string;
  ei: string;
  cb: string;
}

/** The circumstances as the form holds them: '' = the proposal / none. */
interface CircumstanceInputs {
  confidentiality: '' | 'exposed' | 'known-recipients' | 'unknown-recipients';
  integrity: 'none' | 'recoverable' | 'irrecoverable';
  availability: 'none' | 'temporary' | 'permanent';
  maliciousIntent: boolean;
}
const NO_CIRCUMSTANCES: CircumstanceInputs = { confidentiality: '', integrity: 'none', availability: 'none', maliciousIntent: false };
const CONFIDENTIALITY = ['', 'exposed', 'known-recipients', 'unknown-recipients'] as const;
const INTEGRITY = ['none', 'recoverable', 'irrecoverable'] as const;
const AVAILABILITY = ['none', 'temporary', 'permanent'] as const;

function circumstancesOf(inputs: CircumstanceInputs): EnisaCircumstances {
  const result: EnisaCircumstances = {};
  if (inputs.confidentiality !== '') result.confidentiality = inputs.confidentiality;
  if (inputs.integrity !== 'none') result.integrity = inputs.integrity;
  if (inputs.availability !== 'none') result.availability = inputs.availability;
  if (inputs.maliciousIntent) result.maliciousIntent = true;
  return result;
}

const factorInput = (value: number | undefined): string => (value === undefined ? '' : formatDecimal(value, Number.isInteger(value) ? 0 : Number.isInteger(value * 10) ? 1 : 2));

export function DatalekScreen() {
  const { core, host, summary } = useApp();
  const { sha256 } = useCompletion();
  const { t } = useLanguage();
  const [measure, setMeasure] = useScreenState<MapMeasure>('datalek.measure', 'personen');
  const [factors, setFactors] = useScreenState<EnisaFactors>('datalek.enisa', { dpc: '', ei: '', cb: '' });
  const [incidentId, setIncidentId] = useScreenState<string>('datalek.incident', '');
  const [circumstanceInputs, setCircumstanceInputs] = useScreenState<CircumstanceInputs>('datalek.circumstances', NO_CIRCUMSTANCES);
  const [drillMunicipality, setDrillMunicipality] = useScreenState<string | null>('datalek.drill', null);
  // Which saved assessment was loaded into the form, so it is loaded once, not over the assessor's edits.
  const [appliedAssessment, setAppliedAssessment] = useScreenState<string>('datalek.appliedAssessment', '');
  const [assessments, setAssessments] = useState<AssessmentList | null>(null);
  const [assessmentError, setAssessmentError] = useState<WireError | null>(null);
  const [incidents, setIncidents] = useState<IncidentRow[] | null>(null);
  const [incidentError, setIncidentError] = useState<WireError | null>(null);
  const gemeenten = useTable('datalek-gemeenten', {});
  const categorieen = useTable('datalek-categorieen', {});
  const hasIncident = summary.optionalTables.incident;

  useEffect(() => {
    let current = true;
    core.call('incidents', {}).then(
      (result) => current && setIncidents(result.incidents),
      (error: unknown) => current && setIncidentError(asWireError(error)),
    );
    return () => {
      current = false;
    };
  }, [core]);

  useEffect(() => {
    let current = true;
    host.invoke('assessment:list', { snapshotSha256: sha256 }).then(
      (result) => current && setAssessments(result),
      (error: unknown) => current && setAssessmentError(asWireError(error)),
    );
    return () => {
      current = false;
    };
  }, [host, sha256]);

  const chosenIncident = incidents?.find((i) => i.id === incidentId) ?? incidents?.find((i) => i.soort === 'datalek') ?? incidents?.[0];
  const latest: SavedAssessment | null = chosenIncident === undefined ? null : (latestPerIncident(assessments?.assessments ?? []).get(chosenIncident.id) ?? null);

  // Reopening the same snapshot: the latest saved assessment of the incident fills the form once.
  useEffect(() => {
    if (latest === null) return;
    const key = `${latest.incident}@${latest.savedAt}`;
    if (appliedAssessment === key) return;
    setAppliedAssessment(key);
    setFactors({ dpc: factorInput(latest.factors.dpc), ei: factorInput(latest.factors.ei), cb: factorInput(latest.factors.cb) });
    setCircumstanceInputs({
      confidentiality: latest.circumstances.confidentiality ?? '',
      integrity: latest.circumstances.integrity ?? 'none',
      availability: latest.circumstances.availability ?? 'none',
      maliciousIntent: latest.circumstances.maliciousIntent ?? false,
    });
  }, [latest, appliedAssessment, setAppliedAssessment, setFactors, setCircumstanceInputs]);

  function onSaved(saved: SavedAssessment) {
    setAppliedAssessment(`${saved.incident}@${saved.savedAt}`);
    setAssessments((before) => ({ storage: before?.storage ?? 'data-folder', assessments: [...(before?.assessments ?? []), saved] }));
  }

  const settledFactors = useDebounced(factors);
  const enisa: { dpc?: number; ei?: number; cb?: number } = {};
  for (const key of ['dpc', 'ei', 'cb'] as const) {
    const value = Number(settledFactors[key].replace(',', '.'));
    if (settledFactors[key].trim() !== '' && Number.isFinite(value)) enisa[key] = value;
  }
  const circumstances = circumstancesOf(circumstanceInputs);
  const ernst = useTable(
    'datalek-ernst',
    {
      ...(chosenIncident ? { incident: chosenIncident.id } : {}),
      ...(Object.keys(enisa).length > 0 ? { enisa } : {}),
      ...(Object.keys(circumstances).length > 0 ? { enisaCircumstances: circumstances } : {}),
    },
    hasIncident && incidents !== null,
  );

  const figures = useMemo(() => figuresOf(gemeenten.model), [gemeenten.model]);
  const exposure = useMemo(() => exposureWindow(gemeenten.model), [gemeenten.model]);
  const year = Number(summary.meta.gemeente_jaar) || Number(summary.meta.peildatum.slice(0, 4));

  return (
    <div className="screen">
      <h1>{t('datalekTitle')}</h1>
      <p className="lead">{t('datalekIntro')}</p>
      {gemeenten.error !== null && <ErrorBox error={gemeenten.error} />}

      <div className="map-layout">
        <Figure
          title={t('mapTitle')}
          name={`datalek-kaart-${measure}`}
          sources={[gemeenten.model]}
          controls={
            <label className="field inline compact">
              <span>{t('mapMeasure')}</span>
              <select value={measure} onChange={(e) => setMeasure(MEASURES.find((m) => m === e.target.value) ?? 'personen')} data-testid="map-measure">
                {MEASURES.map((m) => <option key={m} value={m}>{t(`measure_${m}`)}</option>)}
              </select>
            </label>
          }
        >
          <MunicipalityMap
            year={year} figures={figures} measure={measure} measureLabel={t(`measure_${measure}`)}
            onSelect={setDrillMunicipality} selected={drillMunicipality}
          />
        </Figure>

        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('timeline')}</h2>
          {!hasIncident && <Note>{t('timelineAbsent')}</Note>}
          {incidentError !== null && <ErrorBox error={incidentError} />}
          {incidents !== null && incidents.length > 1 && (
            <label className="field">
              <span>{t('incidentChoose')}</span>
              <select value={chosenIncident?.id ?? ''} onChange={(e) => setIncidentId(e.target.value)}>
                {incidents.map((i) => <option key={i.id} value={i.id}>{i.titel}</option>)}
              </select>
            </label>
          )}
          {chosenIncident !== undefined && <IncidentTimeline incident={chosenIncident} exposure={exposure} />}
        </section>
      </div>

      <BreachDrillDown
        municipalities={Array.from(figures, ([code, each]) => ({ code, name: each.name }))}
        selected={drillMunicipality}
        onSelect={setDrillMunicipality}
      />

      {gemeenten.model !== null && <DataGrid model={gemeenten.model} name="datalek-gemeenten" caption={t('datalekGemeenten')} />}
      {categorieen.error !== null && <ErrorBox error={categorieen.error} />}
      {categorieen.model !== null && <DataGrid model={categorieen.model} name="datalek-categorieen" caption={t('datalekCategorieen')} />}

      {hasIncident && (
        <section aria-labelledby="ernst-title">
          <h2 id="ernst-title">{t('ernst')}</h2>
          <div className="card parameters">
            <p className="muted">{t('ernstIntro')}</p>
            <div className="parameter-grid">
              {(['dpc', 'ei', 'cb'] as const).map((key) => (
                <label key={key} className="field">
                  <span>{t(key === 'dpc' ? 'enisaDpc' : key === 'ei' ? 'enisaEi' : 'enisaCb')}</span>
                  <input type="text" inputMode="decimal" placeholder={t('enisaDefault')} value={factors[key]} onChange={(e) => setFactors({ ...factors, [key]: e.target.value })} data-testid={`enisa-${key}`} />
                </label>
              ))}
            </div>
            <p className="muted small">{t('cbIntro')}</p>
            <div className="parameter-grid">
              <label className="field">
                <span>{t('cbConfidentiality')}</span>
                <select
                  value={circumstanceInputs.confidentiality}
                  onChange={(e) => setCircumstanceInputs({ ...circumstanceInputs, confidentiality: CONFIDENTIALITY.find((v) => v === e.target.value) ?? '' })}
                  data-testid="cb-confidentiality"
                >
                  {CONFIDENTIALITY.map((v) => <option key={v} value={v}>{t(`cbConfidentiality_${v === '' ? 'proposal' : v}`)}</option>)}
                </select>
              </label>
              <label className="field">
                <span>{t('cbIntegrity')}</span>
                <select value={circumstanceInputs.integrity} onChange={(e) => setCircumstanceInputs({ ...circumstanceInputs, integrity: INTEGRITY.find((v) => v === e.target.value) ?? 'none' })}>
                  {INTEGRITY.map((v) => <option key={v} value={v}>{t(`cbIntegrity_${v}`)}</option>)}
                </select>
              </label>
              <label className="field">
                <span>{t('cbAvailability')}</span>
                <select value={circumstanceInputs.availability} onChange={(e) => setCircumstanceInputs({ ...circumstanceInputs, availability: AVAILABILITY.find((v) => v === e.target.value) ?? 'none' })}>
                  {AVAILABILITY.map((v) => <option key={v} value={v}>{t(`cbAvailability_${v}`)}</option>)}
                </select>
              </label>
              <label className="field inline">
                <input type="checkbox" checked={circumstanceInputs.maliciousIntent} onChange={(e) => setCircumstanceInputs({ ...circumstanceInputs, maliciousIntent: e.target.checked })} />
                <span>{t('cbMalicious')}</span>
              </label>
            </div>
          </div>
          {ernst.error !== null && <ErrorBox error={ernst.error} />}
          {ernst.model !== null && <DataGrid model={ernst.model} name="datalek-ernst" />}
          {assessmentError !== null && <ErrorBox error={assessmentError} />}
          {chosenIncident !== undefined && (
            <BreachAssessment incident={chosenIncident.id} model={ernst.model} list={assessments} onSaved={onSaved} />
          )}
          {chosenIncident !== undefined && <BreachDocuments incident={chosenIncident.id} assessment={latest} />}
        </section>
      )}
    </div>
  );
}
