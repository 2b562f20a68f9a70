// Vergelijken met…: open a second snapshot beside the first (the worker holds both) and see,
// per table and cell, old, new and the difference, decomposed by cause when both share a
// pseudonym domain. Only counts reach this screen; the grid exports like every table.
import { isValidDate } from '../../shared/dates';
import { useEffect, useState, type FormEvent } from 'react';
import { CAUSES, CAUSE_LABELS } from '../../shared/diff/causes';
import { DECOMPOSABLE_TABLES } from '../../shared/diff/contributions';
import { TOTAL_ROW, type Comparison, type DiffReport } from '../../shared/diff/diff';
import { formatCount } from '../../shared/format/numbers';
import { formatDate } from '../../shared/format/dates';
import type { TableModel } from '../../shared/tables/model';
import { chosenBytes, DEMO_PASSPHRASE, transferOf } from '../app/chosen-file';
import { useApp, useScreenState } from '../app/context';
import { DataGrid } from '../components/DataGrid';
import { ErrorBox } from '../components/ErrorBox';
import { KeyFields, useKeyInput } from '../components/KeyFields';
import { useLanguage } from '../i18n/i18n';
import { asWireError } from '../worker/client';
import type { SnapshotSummary, WireError } from '../worker/protocol';

const signed = (value: number): string => (value > 0 ? `+${formatCount(value)}` : value < 0 ? `−${formatCount(-value)}` : '0');

interface Chosen {
  path: string;
  name: string;
  demo: boolean;
}

export function VergelijkenScreen() {
  const { core, host, summary } = useApp();
  const { t, language } = useLanguage();
  const [second, setSecond] = useScreenState<SnapshotSummary | null>('vergelijken.second', null);
  const [tableId, setTableId] = useScreenState('vergelijken.table', 'boete-achterstand');
  const [comparison, setComparison] = useScreenState<Comparison>('vergelijken.comparison', 'gelijke_parameters');
  const [peildatum, setPeildatum] = useScreenState('vergelijken.peildatum', '');
  const [earlierDemo, setEarlierDemo] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const keyInput = useKeyInput(host, (caught) => setError(asWireError(caught)));
  const [result, setResult] = useState<{ key: string; report: DiffReport; models: TableModel[] } | null>(null);

  useEffect(() => {
    void host.invoke('app:info', undefined).then((info) => setEarlierDemo(info.earlierDemoSnapshotPath ?? null), () => setEarlierDemo(null));
  }, [host]);

  const olderPeildatum = second === null ? summary.meta.peildatum : [second.meta.peildatum, summary.meta.peildatum].sort()[0] ?? summary.meta.peildatum;
  const date = peildatum === '' ? olderPeildatum : peildatum;
  const requestKey = JSON.stringify([second?.sha256, tableId, date]);

  useEffect(() => {
    if (second === null || !isValidDate(date)) return undefined;
    let current = true;
    core.call('compare', { tableId, parameters: { peildata: [date] } }).then(
      (answer) => {
        if (!current) return;
        setError(null);
        setResult({ key: requestKey, ...answer });
      },
      (caught: unknown) => current && setError(asWireError(caught)),
    );
    return () => {
      current = false;
    };
  }, [core, second, tableId, date, requestKey]);

  async function pick() {
    const picked = await host.invoke('snapshot:pick', undefined);
    if (picked !== null) setChosen({ path: picked.path, name: picked.name, demo: false });
  }

  async function open(event: FormEvent) {
    event.preventDefault();
    if (chosen === null) return;
    setBusy(true);
    setError(null);
    try {
      const key = keyInput.key();
      const read = await host.invoke('file:read', { path: chosen.path });
      const { bytes, ...digest } = chosenBytes(read);
      const opened = await core.call('openComparison', { bytes, key, fileName: read.name, ...digest }, { transfer: transferOf(bytes) });
      void host.invoke('audit:append', { action: 'open', details: { file: chosen.path, sha256: opened.sha256, bytes: opened.fileSize, key_kind: opened.keyKind, peildatum: opened.meta.peildatum, rol: 'vergelijking' } });
      keyInput.clear();
      setChosen(null);
      setPeildatum('');
      setSecond(opened);
    } catch (caught) {
      const wire = asWireError(caught);
      setError(wire);
      void host.invoke('audit:append', { action: 'open-refused', details: { file: chosen.path, key_kind: keyInput.kind, code: wire.code, rol: 'vergelijking' } });
    } finally {
      setBusy(false);
    }
  }

  async function closeSecond() {
    await core.call('closeComparison', {});
    setSecond(null);
    setResult(null);
  }

  const current = result !== null && result.key === requestKey ? result : null;
  const tableComparison = current?.report.tables.find((each) => each.comparison === comparison) ?? null;
  const model = current?.models[current.report.tables.findIndex((each) => each.comparison === comparison)] ?? null;
  const decomposedCells = tableComparison?.cells.filter((cell) => cell.causes !== null) ?? [];
  const totalCells = decomposedCells.filter((cell) => cell.row === TOTAL_ROW);
  // Tables without a totals row: their first changed cells.
  const totals = totalCells.length > 0 ? totalCells : decomposedCells.slice(0, 20);
  const report = current?.report ?? null;
  const comparability = report?.comparability ?? null;

  return (
    <div className="screen">
      <h1>{t('vergelijkenTitle')}</h1>
      <p className="lead">{t('vergelijkenIntro')}</p>
      {error !== null && <ErrorBox error={error} />}
      {second === null ? (
        <section className="card" aria-labelledby="vergelijken-kies">
          <h2 id="vergelijken-kies">{t('vergelijkenSecond')}</h2>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => void pick()} data-testid="compare-pick">{t('vergelijkenChoose')}</button>
            {earlierDemo !== null && (
              <button type="button" className="secondary" onClick={() => setChosen({ path: earlierDemo, name: earlierDemo, demo: true })} data-testid="compare-earlier-demo">
                {t('vergelijkenEarlierDemo')}
              </button>
            )}
          </div>
          {chosen !== null && (
            <form onSubmit={(event) => void open(event)} aria-label={t('vergelijkenSecond')}>
              <p>{t('vergelijkenChosen', { name: chosen.name })}</p>
              <KeyFields input={keyInput} legend={t('vergelijkenKey')} name="compare-key-kind" className="key-kind" passphraseTestId="compare-passphrase" />
              {chosen.demo && <p className="hint">{t('demoHint', { passphrase: DEMO_PASSPHRASE })}</p>}
              <button type="submit" disabled={busy || !keyInput.ready} data-testid="compare-open">
                {busy ? t('vergelijkenOpening') : t('vergelijkenOpen')}
              </button>
            </form>
          )}
        </section>
      ) : (
        <>
          <section className="card parameters" aria-labelledby="vergelijken-parameters">
            <h2 id="vergelijken-parameters">{t('parameters')}</h2>
            <p data-testid="compare-sides">
              {report === null ? t('vergelijkenBusy') : t('vergelijkenSides', {
                old: report.old.titel ?? '', oldDate: formatDate(report.old.peildatum), new: report.new.titel ?? '', newDate: formatDate(report.new.peildatum),
              })}
            </p>
            <label className="field">
              <span>{t('vergelijkenTable')}</span>
              <select value={tableId} onChange={(e) => setTableId(e.target.value)} data-testid="compare-table">
                {DECOMPOSABLE_TABLES.map((id) => <option key={id} value={id}>{id}</option>)}
              </select>
            </label>
            <label className="field">
              <span>{t('vergelijkenPeildatum')}</span>
              <input type="date" value={date} onChange={(e) => setPeildatum(e.target.value)} data-testid="compare-peildatum" />
            </label>
            <fieldset>
              <legend>{t('vergelijkenComparison')}</legend>
              <label><input type="radio" name="compare-comparison" checked={comparison === 'gelijke_parameters'} onChange={() => setComparison('gelijke_parameters')} />{t('vergelijkenSame')}</label>
              <label><input type="radio" name="compare-comparison" checked={comparison === 'eigen_peildatum'} onChange={() => setComparison('eigen_peildatum')} />{t('vergelijkenOwn')}</label>
            </fieldset>
            <button type="button" className="secondary" onClick={() => void closeSecond()}>{t('vergelijkenClose')}</button>
          </section>
          {comparability !== null && (
            <p className="banner" role="note" data-testid="compare-comparability">
              {comparability.comparable
                ? t('vergelijkenComparable', { domain: comparability.domain })
                : t(comparability.reason === 'absent' ? 'vergelijkenNotComparableAbsent' : 'vergelijkenNotComparableDifferent')}
            </p>
          )}
          {totals.length > 0 && (
            <section className="card" aria-labelledby="vergelijken-oorzaken">
              <h2 id="vergelijken-oorzaken">{t('vergelijkenCauses')}</h2>
              <table className="causes" data-testid="compare-causes">
                <caption>{t('vergelijkenCausesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('vergelijkenCell')}</th>
                    <th scope="col">{t('vergelijkenOld')}</th>
                    <th scope="col">{t('vergelijkenNew')}</th>
                    <th scope="col">{t('vergelijkenDifference')}</th>
                    {CAUSES.map((cause) => <th scope="col" key={cause}>{CAUSE_LABELS[cause][language]}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {totals.map((cell) => (
                    <tr key={`${cell.row}/${cell.column}`} data-column={cell.column}>
                      <th scope="row">{cell.row === TOTAL_ROW ? cell.columnLabel : `${cell.rowLabel} · ${cell.columnLabel}`}</th>
                      <td>{typeof cell.old === 'number' ? formatCount(cell.old) : '—'}</td>
                      <td>{typeof cell.new === 'number' ? formatCount(cell.new) : '—'}</td>
                      <td>{signed(cell.difference ?? 0)}</td>
                      {CAUSES.map((cause) => {
                        const counts = cell.causes?.[cause];
                        return <td key={cause} data-cause={cause}>{counts === undefined ? '—' : signed(counts.added - counts.removed)}</td>;
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {model !== null && <DataGrid model={model} name="vergelijken" caption={model.title} />}
        </>
      )}
    </div>
  );
}
