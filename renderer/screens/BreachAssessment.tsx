// Saving the breach assessor's decision: name and reasoning next to the factors and
// circumstances the datalek-ernst table was computed with, saved through the host (data
// folder in Electron, this browser only in the browser host — said on screen), with the
// history of earlier assessments of this incident and snapshot.
import { instantOfDate } from '../../shared/dates';
import { useState } from 'react';
import { ASSESSMENT_FORMAT, resultOfRow, type SavedAssessment } from '../../shared/analyses/datalek/assessment';
import { enisaCircumstances, type EnisaFactors } from '../../shared/analyses/datalek/enisa';
import { formatDecimal, formatInstant } from '../../shared/format/index';
import type { AssessmentList } from '../../shared/ipc/contract';
import type { TableModel } from '../../shared/tables/model';
import { useApp, useCompletion } from '../app/context';
import { localized, useLanguage } from '../i18n/i18n';
import { asWireError } from '../worker/client';

interface Props {
  incident: string;
  /** The datalek-ernst model of this incident, computed with the factors on screen. */
  model: TableModel | null;
  list: AssessmentList | null;
  onSaved(saved: SavedAssessment): void;
}

const factorText = (value: number): string => formatDecimal(value, Number.isInteger(value) ? 0 : Number.isInteger(value * 10) ? 1 : 2);

function isFactors(value: unknown): value is Partial<EnisaFactors> {
  return typeof value === 'object' && value !== null;
}

export function BreachAssessment({ incident, model, list, onSaved }: Props) {
  const { host } = useApp();
  const { sha256 } = useCompletion();
  const { t, language } = useLanguage();
  const [assessor, setAssessor] = useState('');
  const [reasoning, setReasoning] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const history = (list?.assessments ?? []).filter((each) => each.incident === incident).reverse();
  const row = model?.rows.find((each) => each.incident === incident);
  const result = row === undefined ? null : resultOfRow(row);

  async function save() {
    if (model === null || result === null) return;
    if (assessor.trim() === '') {
      setStatus(t('assessmentNameNeeded'));
      return;
    }
    setBusy(true);
    try {
      // The factors and circumstances the table was computed with, not the (maybe newer) inputs.
      const factors = isFactors(model.parameters.enisa) ? model.parameters.enisa : {};
      const given = model.parameters.enisa_omstandigheden;
      const circumstances = typeof given === 'object' && given !== null ? enisaCircumstances(given) : {};
      const record = {
        format: ASSESSMENT_FORMAT, incident, factors, circumstances, reasoning, assessor,
        snapshotSha256: sha256, peildatum: String(model.parameters.peildatum), via: 'app' as const,
        // The host replaces savedAt with its own clock.
        savedAt: instantOfDate(new Date()), result,
      } satisfies SavedAssessment;
      const saved = await host.invoke('assessment:save', { assessment: record });
      onSaved(saved);
      setStatus(t('assessmentSaved', { name: saved.assessor, at: formatInstant(saved.savedAt) }));
    } catch (error) {
      setStatus(localized(asWireError(error), language));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card" data-testid="assessment-panel">
      <h3>{t('assessmentTitle')}</h3>
      <p className="muted small">{list?.storage === 'browser-local' ? t('assessmentStorageBrowser') : t('assessmentStorageDataFolder')}</p>
      <div className="workbench-grid">
        <label className="field">
          <span>{t('assessmentAssessor')}</span>
          <input type="text" value={assessor} onChange={(e) => setAssessor(e.target.value)} data-testid="assessment-name" autoComplete="name" />
        </label>
        <label className="field">
          <span>{t('assessmentReasoning')}</span>
          <textarea value={reasoning} onChange={(e) => setReasoning(e.target.value)} data-testid="assessment-reasoning" />
        </label>
      </div>
      <p>
        <button type="button" onClick={() => void save()} disabled={busy || result === null} data-testid="assessment-save">{t('assessmentSave')}</button>
      </p>
      <p role="status" className="small" data-testid="assessment-status">{status}</p>
      <h4>{t('assessmentHistory')}</h4>
      {history.length === 0 ? (
        <p className="muted small">{t('assessmentNone')}</p>
      ) : (
        <ol className="assessment-history" data-testid="assessment-history">
          {history.map((each) => (
            <li key={`${each.savedAt}-${each.assessor}`}>
              <strong>{formatInstant(each.savedAt)}</strong> — {each.assessor} ({each.via}) — SE {factorText(each.result.se)} ({each.result.ernst}):{' '}
              DPC {factorText(each.result.dpc)}, EI {factorText(each.result.ei)}, CB {factorText(each.result.cb)}
              {each.reasoning !== '' && <span className="muted"> — {each.reasoning}</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
