// Controleren: check a table against the open snapshot. Paste (HTML or TSV as Word and
// Excel copy it, or lines from a PDF), drop or pick a file; the differences are marked in
// the grid and the findings are a report table that leaves through the one way out, with
// the snapshot's provenance. "Controleer een export…" verifies one of our exports cell for
// cell and looks up its SHA-256 and audit entry in the audit trail.
import { useState, type ClipboardEvent, type DragEvent } from 'react';
import type { TableModel, TableRow } from '../../shared/tables/model';
import { TABLES } from '../../shared/tables/catalogue';
import { traceExport } from '../../shared/audit/export-trace';
import { useApp, useScreenState } from '../app/context';
import { DataGrid } from '../components/DataGrid';
import { ErrorBox } from '../components/ErrorBox';
import { useLanguage } from '../i18n/i18n';
import { asWireError } from '../worker/client';
import type { ReconcileRequest, ReconcileResponse, ReconciledTable, WireError } from '../worker/protocol';

const FILE_TYPES = '.docx,.odt,.xlsx,.ods,.csv,.tsv,.txt,.html,.htm,.md,.json';
const EXPORT_TYPES = '.docx,.odt,.xlsx,.ods,.html,.htm,.md,.json,.csv';

/** The published table as a grid model (texts as published) and the class of each cell. */
function publishedModel(table: ReconciledTable, report: TableModel): { model: TableModel; classes: Map<TableRow, Record<string, string>> } {
  const classes = new Map<TableRow, Record<string, string>>();
  const rows = table.cells.map((cells) => {
    const row: TableRow = {};
    const marks: Record<string, string> = {};
    cells.forEach((cell, index) => {
      row[`c${index}`] = cell.text;
      const mark = cell.status === 'different' || cell.totalWrong ? 'cell-different'
        : cell.status === 'rounded' || cell.status === 'suppressed' || cell.status === 'hidden' ? 'cell-explained' : null;
      if (mark !== null) marks[`c${index}`] = mark;
    });
    classes.set(row, marks);
    return row;
  });
  return {
    classes,
    model: {
      id: 'controle-gepubliceerd',
      title: table.title,
      columns: table.headers.map((header, index) => ({ key: `c${index}`, label: header, type: 'text' })),
      rows,
      totals: null,
      notes: [],
      source: '',
      parameters: {},
      disclosure: { method: 'none' },
      provenance: report.provenance,
    },
  };
}

function ResultView({ result, index }: { result: ReconciledTable; index: number }) {
  const { t, language } = useLanguage();
  const { model, classes } = publishedModel(result, result.report);
  const problems = language === 'nl' ? result.problemsNl : result.problemsEn;
  return (
    <section className="card" aria-label={result.title} data-testid={`reconcile-result-${index}`} data-consistent={result.consistent}>
      <h2>{t('checkTableHeading', { id: result.tableId })}</h2>
      <p role="status" data-testid={`reconcile-verdict-${index}`}>
        {problems.length === 0 ? t('checkNoProblems') : problems.length === 1 ? t('checkProblem') : t('checkProblems', { count: String(problems.length) })}
      </p>
      {!result.sameSnapshot && <p className="note" role="note">{t('checkOtherSnapshot')}</p>}
      {problems.length > 0 && <ul className="check-problems" data-testid={`reconcile-problems-${index}`}>{problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>}
      <p className="muted check-legend">
        <span className="cell-different legend-swatch">{t('checkLegendDifferent')}</span>{' '}
        <span className="cell-explained legend-swatch">{t('checkLegendExplained')}</span>
      </p>
      <DataGrid model={model} name={`controle-${index}`} caption={t('checkPublished')} cellClass={(row, key) => classes.get(row)?.[key]} />
      <details>
        <summary>{t('checkSummary')}</summary>
        <pre className="check-summary">{language === 'nl' ? result.summaryNl : result.summaryEn}</pre>
      </details>
      <DataGrid model={result.report} name={`controle-verslag-${index}`} caption={t('checkReport')} />
    </section>
  );
}

export function ControlerenScreen() {
  const { core, host } = useApp();
  const { t } = useLanguage();
  const [text, setText] = useScreenState('controleren.text', '');
  const [html, setHtml] = useState<string | null>(null);
  const [tableId, setTableId] = useScreenState('controleren.table', '');
  const [peildata, setPeildata] = useScreenState('controleren.peildata', '');
  const [response, setResponse] = useScreenState<ReconcileResponse | null>('controleren.result', null);
  const [auditLine, setAuditLine] = useState<string | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(source: ReconcileRequest['source'], mode: ReconcileRequest['mode']) {
    setBusy(true);
    setError(null);
    setAuditLine(null);
    try {
      const dates = peildata.split(/[\s,;]+/).filter((date) => date !== '');
      const next = await core.call('reconcile', {
        source, mode, ...(tableId === '' ? {} : { tableId }), parameters: dates.length === 0 ? {} : { peildata: dates },
      });
      setResponse(next);
      if (mode === 'verify') setAuditLine(await auditStatus(next));
    } catch (caught) {
      setError(asWireError(caught));
      setResponse(null);
    } finally {
      setBusy(false);
    }
  }

  /** The same trace as `ketenlens verify` (shared/audit/export-trace.ts), for an export made by the app or the command line. */
  async function auditStatus(result: ReconcileResponse): Promise<string> {
    try {
      const trail = await host.invoke('audit:read', undefined);
      const { named, recorded } = traceExport(trail.entries, result.fileSha256, result.audit);
      const lines: string[] = [];
      if (named?.status === 'found') lines.push(t('checkAuditNamed', { seq: String(named.entry.seq) }));
      if (named?.status === 'other-hash') lines.push(t('checkAuditNamedOtherHash', { seq: String(named.seq) }));
      if (named?.status === 'missing') lines.push(t('checkAuditNamedMissing', { seq: String(named.seq) }));
      const [first] = recorded;
      lines.push(first === undefined ? t('checkAuditMissing', { sha: result.fileSha256 }) : t('checkAuditSha', { seq: String(first.seq) }));
      return lines.join(' ');
    } catch {
      return t('checkAuditUnknown');
    }
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const pastedHtml = event.clipboardData.getData('text/html');
    setHtml(pastedHtml !== '' && /<table/i.test(pastedHtml) ? pastedHtml : null);
  }

  async function readFile(file: File, mode: ReconcileRequest['mode']) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    await run({ kind: 'file', bytes, fileName: file.name }, mode);
  }

  function onDrop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file !== undefined) {
      void readFile(file, 'reconcile');
      return;
    }
    const droppedHtml = event.dataTransfer.getData('text/html');
    const droppedText = event.dataTransfer.getData('text/plain');
    if (droppedHtml !== '' || droppedText !== '') void run(droppedHtml !== '' ? { kind: 'text', text: droppedHtml, html: true } : { kind: 'text', text: droppedText, html: false }, 'reconcile');
  }

  function checkPasted() {
    void run(html !== null ? { kind: 'text', text: html, html: true } : { kind: 'text', text, html: false }, 'reconcile');
  }

  return (
    <div className="screen">
      <h1>{t('checkTitle')}</h1>
      <p className="lead">{t('checkIntro')}</p>
      <section className="card check-input" aria-label={t('checkPasteLabel')} onDragOver={(event) => event.preventDefault()} onDrop={onDrop} data-testid="reconcile-drop">
        <label className="field">
          <span>{t('checkPasteLabel')}</span>
          <textarea
            rows={8}
            spellCheck={false}
            value={text}
            placeholder={t('checkPastePlaceholder')}
            onPaste={onPaste}
            onChange={(event) => { setText(event.target.value); if (event.target.value === '') setHtml(null); }}
            data-testid="reconcile-input"
          />
        </label>
        {html !== null && <p className="muted" data-testid="reconcile-html-note">{t('checkHtmlPasted')}</p>}
        <div className="form-row">
          <label className="field">
            <span>{t('checkTable')}</span>
            <select value={tableId} onChange={(event) => setTableId(event.target.value)} data-testid="reconcile-table">
              <option value="">{t('checkTableAuto')}</option>
              {TABLES.map((table) => <option key={table.id} value={table.id}>{table.id}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('checkPeildata')}</span>
            <input type="text" value={peildata} placeholder="2023-07-01" onChange={(event) => setPeildata(event.target.value)} data-testid="reconcile-peildata" />
          </label>
        </div>
        <div className="actions">
          <button type="button" onClick={checkPasted} disabled={busy || (text.trim() === '' && html === null)} data-testid="reconcile-run">{t('checkRun')}</button>
          <label className="button-like">
            {t('checkFile')}
            <input type="file" accept={FILE_TYPES} className="visually-hidden" onChange={(event) => { const file = event.target.files?.[0]; if (file) void readFile(file, 'reconcile'); event.target.value = ''; }} data-testid="reconcile-file" />
          </label>
          <label className="button-like">
            {t('checkExport')}
            <input type="file" accept={EXPORT_TYPES} className="visually-hidden" onChange={(event) => { const file = event.target.files?.[0]; if (file) void readFile(file, 'verify'); event.target.value = ''; }} data-testid="verify-file" />
          </label>
        </div>
      </section>
      {busy && <p role="status">{t('checkBusy')}</p>}
      {error !== null && <ErrorBox error={error} />}
      {auditLine !== null && <p className="note" role="note" data-testid="verify-audit">{auditLine}</p>}
      {response?.results.map((result, index) => <ResultView key={`${result.tableId}-${index}`} result={result} index={index} />)}
    </div>
  );
}
