// Audit: the accountability trail the host keeps (opens, refusals, exports, queries, locks)
// and whether its hash chain is intact. The browser host keeps it for this session only,
// and the screen says so: no durable trail.
import { useEffect, useState } from 'react';
import type { AuditReadResult } from '../../shared/ipc/contract';
import type { Language } from '../../shared/errors';
import { describeParameters } from '../../shared/format/parameters';
import type { TableModel } from '../../shared/tables/model';
import { useApp, useCompletion } from '../app/context';
import { DataGrid } from '../components/DataGrid';
import { ErrorBox } from '../components/ErrorBox';
import { localized, useLanguage } from '../i18n/i18n';
import { asWireError } from '../worker/client';
import type { WireError } from '../worker/protocol';

function auditModel(result: AuditReadResult, provenance: TableModel['provenance'], language: Language): TableModel {
  return {
    id: 'audit',
    title: 'Audittrail',
    columns: [
      { key: 'seq', label: '#', type: 'count' },
      { key: 'at', label: 'Tijdstip', type: 'instant' },
      { key: 'action', label: 'Handeling', type: 'text' },
      { key: 'details', label: 'Details', type: 'text' },
    ],
    rows: result.entries.map((entry) => ({
      seq: entry.seq,
      at: entry.at.replace(/\.\d{3}Z$/, 'Z'),
      action: entry.action,
      // Parameters in an entry (peildatum, drempel_cent, …) read as on the Bijlage screen.
      details: describeParameters(entry.details, { language }),
    })),
    totals: null,
    notes: [],
    source: 'Ketenlens',
    parameters: {},
    disclosure: { method: 'none' },
    provenance,
  };
}

export function AuditScreen() {
  const { host, summary } = useApp();
  const { sha256 } = useCompletion();
  const { t, language } = useLanguage();
  const [result, setResult] = useState<AuditReadResult | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [sessionOnly, setSessionOnly] = useState(false);

  useEffect(() => {
    let current = true;
    host.invoke('audit:read', undefined).then(
      (read) => current && setResult(read),
      (caught: unknown) => current && setError(asWireError(caught)),
    );
    // The browser host keeps the chain in memory only: say so, next to its verdict.
    host.invoke('app:info', undefined).then((info) => current && setSessionOnly(info.host === 'browser'), () => undefined);
    return () => {
      current = false;
    };
  }, [host]);

  const provenance = { snapshot_sha256: sha256, peildatum: summary.meta.peildatum, generator: 'ketenlens', created_at: new Date().toISOString() };
  return (
    <div className="screen">
      <h1>{t('auditTitle')}</h1>
      <p className="lead">{t('auditIntro')}</p>
      {error !== null && <ErrorBox error={error} />}
      {result !== null && (
        <p className={`verdict ${result.verification.ok ? 'within72' : 'over72'}`} role="status">
          <span aria-hidden="true">{result.verification.ok ? '✔ ' : '⚠ '}</span>
          {result.verification.ok
            ? t('auditIntact')
            : `${t('auditBroken', { seq: result.verification.firstBadSeq })} ${localized({ messageNl: result.verification.reasonNl, messageEn: result.verification.reasonEn }, language)}`}
        </p>
      )}
      {sessionOnly && <p className="note" role="note">{t('auditSessionOnly')}</p>}
      {result !== null && <DataGrid model={auditModel(result, provenance, language)} name="audit" caption={t('auditTitle')} />}
    </div>
  );
}
