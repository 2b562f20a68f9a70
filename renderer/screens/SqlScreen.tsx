// SQL: a read-only query editor over the open snapshot. Results show in the common grid;
// a result is person-level by rule, so copying or exporting it asks for confirmation
// (renderer/worker/way-out.ts).
import { useState, type KeyboardEvent } from 'react';
import { formatCount } from '../../shared/format/index';
import { useApp, useScreenState } from '../app/context';
import { DataGrid } from '../components/DataGrid';
import { ErrorBox } from '../components/ErrorBox';
import { useLanguage } from '../i18n/i18n';
import { asWireError } from '../worker/client';
import type { QueryResult, WireError } from '../worker/protocol';
import { auditedSql } from '../../shared/snapshot/audited-sql';

const EXAMPLE = `SELECT g.naam AS gemeente, count(*) AS personen
FROM inburgeraar i JOIN gemeente g ON g.code = i.gemeente_code
GROUP BY g.naam
ORDER BY personen DESC
LIMIT 20`;

export function SqlScreen() {
  const { core, host } = useApp();
  const { t } = useLanguage();
  const [sql, setSql] = useScreenState('sql.text', EXAMPLE);
  const [result, setResult] = useScreenState<QueryResult | null>('sql.result', null);
  const [error, setError] = useState<WireError | null>(null);
  const [running, setRunning] = useState(false);

  async function run() {
    setRunning(true);
    setError(null);
    try {
      const next = await core.call('query', { sql });
      setResult(next);
      // The same fields as `ketenlens query`: the SQL text (nine-digit literals masked), its
      // hash and length, and the row count.
      void host.invoke('audit:append', { action: 'query', details: { ...auditedSql(sql), rows: next.model.rows.length } });
    } catch (caught) {
      setError(asWireError(caught));
    } finally {
      setRunning(false);
    }
  }

  function onKey(event: KeyboardEvent<HTMLTextAreaElement>) {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void run();
    }
  }

  return (
    <div className="screen">
      <h1>{t('sqlTitle')}</h1>
      <p className="lead">{t('sqlIntro')}</p>
      <section className="card">
        <label className="field">
          <span>{t('sqlLabel')}</span>
          <textarea className="sql-editor" rows={8} spellCheck={false} value={sql} onChange={(e) => setSql(e.target.value)} onKeyDown={onKey} data-testid="sql-editor" />
        </label>
        <div className="actions">
          <button type="button" onClick={() => void run()} disabled={running} data-testid="sql-run">{t('sqlRun')}</button>
          {result !== null && (
            <span className="muted" role="status">
              {t('sqlResult', { rows: formatCount(result.model.rows.length), ms: formatCount(result.milliseconds) })}
              {result.truncated && ` ${t('sqlTruncated', { limit: formatCount(result.model.rows.length) })}`}
            </span>
          )}
        </div>
      </section>
      {error !== null && <ErrorBox error={error} />}
      {result !== null && result.personLevel && <p className="note" role="note">{t('wayOutPersonNote')}</p>}
      {result !== null && <DataGrid model={result.model} name="query" caption={t('sqlLabel')} />}
    </div>
  );
}
