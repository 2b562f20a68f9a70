// The breach assessor's documents: the art. 33 notification draft (DOCX/ODT) pre-filled
// from the snapshot and the latest saved assessment, and the art. 34 list of exposed
// persons — a person-level export. Both leave through the app's one way out (sendOut:
// confirmation of what leaves unprotected, audit entry); the list has no copy button, so
// it never goes to the clipboard.
import type { DraftFormat } from '../../shared/export/draft-document';
import { useState } from 'react';
import type { SavedAssessment } from '../../shared/analyses/datalek/assessment';
import { formatDecimal, formatInstant } from '../../shared/format/index';
import { useApp } from '../app/context';
import { useWayOut } from '../app/use-way-out';
import { localized, useLanguage } from '../i18n/i18n';
import { asWireError } from '../worker/client';
import type { ExportFormat } from '../worker/protocol';

interface Props {
  incident: string;
  /** The latest saved assessment of this incident and snapshot, which the draft rests on. */
  assessment: SavedAssessment | null;
}

const ART34_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv', 'ods'];

export function BreachDocuments({ incident, assessment }: Props) {
  const { core } = useApp();
  const wayOut = useWayOut();
  const { t, language } = useLanguage();
  const [measuresTaken, setMeasuresTaken] = useState('');
  const [measuresPlanned, setMeasuresPlanned] = useState('');
  const [subjectsInformation, setSubjectsInformation] = useState('');
  const [draftFormat, setDraftFormat] = useState<DraftFormat>('docx');
  const [listFormat, setListFormat] = useState<ExportFormat>('xlsx');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  async function downloadDraft() {
    setBusy(true);
    setStatus(await wayOut.send({
      way: 'notification-draft',
      models: [],
      view: null,
      disclosure: { method: 'suppress', k: 10 },
      target: { kind: 'notification', format: draftFormat, input: { incident, assessment, measuresTaken, measuresPlanned, subjectsInformation } },
      fileName: `melding-datalek-${incident}`,
    }));
    setBusy(false);
  }

  /** Person-level: the one way out asks for confirmation and audits it; there is no copy button. */
  async function exportList() {
    setBusy(true);
    try {
      const model = await core.call('art34List', {});
      setStatus(await wayOut.send({
        way: 'art34-list', models: [model], view: null, disclosure: { method: 'none' },
        target: { kind: 'file', format: listFormat }, fileName: `betrokkenen-art34-${incident}`,
      }));
    } catch (error) {
      setStatus(localized(asWireError(error), language));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card" data-testid="breach-documents">
      <h3>{t('draftTitle')}</h3>
      <p className="muted small">
        {assessment === null
          ? t('draftNoAssessment')
          : t('draftRestsOn', { name: assessment.assessor, at: formatInstant(assessment.savedAt), se: formatDecimal(assessment.result.se, 2) })}
      </p>
      <div className="workbench-grid">
        <label className="field">
          <span>{t('draftMeasuresTaken')}</span>
          <textarea value={measuresTaken} onChange={(e) => setMeasuresTaken(e.target.value)} data-testid="draft-measures-taken" />
        </label>
        <label className="field">
          <span>{t('draftMeasuresPlanned')}</span>
          <textarea value={measuresPlanned} onChange={(e) => setMeasuresPlanned(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('draftSubjects')}</span>
          <textarea value={subjectsInformation} onChange={(e) => setSubjectsInformation(e.target.value)} />
        </label>
      </div>
      <p className="actions-row">
        <label className="field inline compact">
          <span>{t('exportFormat')}</span>
          <select value={draftFormat} onChange={(e) => setDraftFormat(e.target.value === 'odt' ? 'odt' : 'docx')} data-testid="draft-format">
            <option value="docx">docx</option>
            <option value="odt">odt</option>
          </select>
        </label>{' '}
        <button type="button" onClick={() => void downloadDraft()} disabled={busy} data-testid="draft-download">{t('draftDownload')}</button>
      </p>

      <h3>{t('art34Title')}</h3>
      <p className="muted small">{t('art34Intro')}</p>
      <p className="actions-row">
        <label className="field inline compact">
          <span>{t('exportFormat')}</span>
          <select value={listFormat} onChange={(e) => setListFormat(ART34_FORMATS.find((f) => f === e.target.value) ?? 'xlsx')}>
            {ART34_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
          </select>
        </label>{' '}
        <button type="button" className="secondary" onClick={() => void exportList()} disabled={busy} data-testid="art34-export">{t('art34Export')}</button>
      </p>
      <p role="status" className="small" data-testid="documents-status">{status}</p>
      {wayOut.dialog}
    </div>
  );
}
