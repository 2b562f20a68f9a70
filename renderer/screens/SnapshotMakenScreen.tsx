// "Snapshot maken…": the producer side in the app. Pick the CSV extracts (a folder or
// files), see the validation report (a refusal names file, line and column; ids that point
// nowhere are findings), choose readers (a passphrase or age1… keys) and seal. Parsing,
// validation and encryption run in the core worker with the same code as `ketenlens seal`;
// only the encrypted file is saved, through the host.
import { useEffect, useReducer, useRef, type FormEvent } from 'react';
import type { Progress } from '../../shared/age/types';
import type { HostApi } from '../../shared/ipc/contract';
import { formatCount } from '../../shared/format/index';
import { ErrorBox } from '../components/ErrorBox';
import { ProgressSteps, SEAL_PHASES } from '../components/ProgressSteps';
import { localized, useLanguage } from '../i18n/i18n';
import { asWireError, type CoreClient } from '../worker/client';
import { chosenRecipients, INITIAL_SEAL_STATE, metaOverrides, readersReady, recipientKeys, sealWizard, type SealField } from './seal-wizard';
import { DateField } from '../components/DateField';

interface Props {
  core: CoreClient;
  host: HostApi;
  onDone(): void;
}

export function SnapshotMakenScreen({ core, host, onDone }: Props) {
  const { t, language } = useLanguage();
  const [state, dispatch] = useReducer(sealWizard, INITIAL_SEAL_STATE);
  const { files, peildatum, bron, gemeenteJaar, report, readers, passphrase, repeat, recipients, progress, busy, error, saved } = state;
  const folderInput = useRef<HTMLInputElement>(null);
  const field = (name: SealField) => (event: { target: { value: string } }) => dispatch({ type: 'field', field: name, value: event.target.value });
  const onProgress = (next: Progress) => dispatch({ type: 'progress', progress: next });

  // `webkitdirectory` is not in React's attribute types; every current browser and Electron support it.
  useEffect(() => folderInput.current?.setAttribute('webkitdirectory', ''), []);
  // Leaving the wizard drops a validated database that was never sealed.
  useEffect(() => () => void core.call('sealDiscard', {}), [core]);

  function pick(list: FileList | null) {
    dispatch({ type: 'pick', files: Array.from(list ?? []) });
  }

  async function validate(event: FormEvent) {
    event.preventDefault();
    dispatch({ type: 'validate' });
    try {
      dispatch({ type: 'validated', report: await core.call('sealValidate', { files, overrides: metaOverrides(state) }, { onProgress }) });
    } catch (caught) {
      dispatch({ type: 'failed', error: asWireError(caught) });
    } finally {
      dispatch({ type: 'finished' });
    }
  }

  const keys = recipientKeys(state);

  async function seal(event: FormEvent) {
    event.preventDefault();
    if (report === null) return;
    dispatch({ type: 'seal' });
    try {
      const to = chosenRecipients(state);
      const { bytes } = await core.call('sealEncrypt', { recipients: to }, { onProgress });
      // The sealed file is age ciphertext, no table: it is saved directly (test/lint/ways-out.test.ts).
      const written = await host.invoke('export:save', {
        suggestedName: `snapshot-${report.meta.peildatum}.snapshot.age`,
        filters: [{ name: 'Ketenlens-snapshot', extensions: ['age'] }],
        bytes,
      });
      if (written !== null) {
        void host.invoke('audit:append', {
          action: 'seal',
          details: { output: written.path, sha256: written.sha256, recipients: to.kind === 'passphrase' ? 'passphrase' : `${keys.length} x25519`, peildatum: report.meta.peildatum },
        });
      }
      dispatch({ type: 'sealed', saved: written });
    } catch (caught) {
      dispatch({ type: 'failed', error: asWireError(caught) });
    } finally {
      dispatch({ type: 'finished' });
    }
  }

  return (
    <div className="opening">
      <section className="card opening-card" aria-labelledby="seal-title">
        <h1 id="seal-title">{t('sealTitle')}</h1>
        <p className="lead">{t('sealIntro')}</p>

        <form className="key-form" onSubmit={(event) => void validate(event)}>
          <div className="drop-actions">
            <label className="button-like">
              {t('sealPickFolder')}
              <input ref={folderInput} type="file" className="visually-hidden" onChange={(event) => pick(event.target.files)} data-testid="seal-folder" />
            </label>
            <label className="button-like secondary">
              {t('sealPickFiles')}
              <input type="file" multiple accept=".csv,text/csv" className="visually-hidden" onChange={(event) => pick(event.target.files)} data-testid="seal-files" />
            </label>
          </div>
          <p className="muted" role="status">{files.length === 0 ? t('sealNoFiles') : t('sealFilesChosen', { count: files.length, names: files.map((f) => f.name).sort().join(', ') })}</p>
          <div className="parameter-grid">
            <DateField label={t('sealPeildatum')} value={peildatum} onChange={(value) => field('peildatum')({ target: { value } })} optional testId="seal-peildatum" />
            <label className="field">
              <span>{t('sealBron')}</span>
              <input type="text" value={bron} onChange={field('bron')} />
            </label>
            <label className="field">
              <span>{t('sealGemeenteJaar')}</span>
              <input type="text" inputMode="numeric" placeholder={peildatum.slice(0, 4)} value={gemeenteJaar} onChange={field('gemeenteJaar')} />
            </label>
          </div>
          <div className="actions">
            <button type="submit" disabled={busy || files.length === 0} data-testid="seal-validate">{t('sealValidate')}</button>
            <button type="button" className="secondary" onClick={onDone}>{t('sealBack')}</button>
          </div>
        </form>

        {report !== null && (
          <section aria-labelledby="seal-report-title" data-testid="seal-report">
            <h2 id="seal-report-title">{t('sealReportTitle')}</h2>
            <p>{t('sealReportMeta', { peildatum: report.meta.peildatum, bron: report.meta.bron, jaar: report.meta.gemeente_jaar })}</p>
            <table className="simple">
              <caption className="visually-hidden">{t('sealReportTitle')}</caption>
              <thead>
                <tr><th scope="col">{t('sealTable')}</th><th scope="col">{t('sealFile')}</th><th scope="col" className="number">{t('sealRows')}</th></tr>
              </thead>
              <tbody>
                {report.tables.map((loaded) => (
                  <tr key={loaded.table}><td>{loaded.table}</td><td>{loaded.file}</td><td className="number">{formatCount(loaded.rows)}</td></tr>
                ))}
              </tbody>
            </table>
            {report.findings.length === 0 ? (
              <p>{t('sealNoFindings')}</p>
            ) : (
              <>
                <p>{t('sealFindingsIntro')}</p>
                <ul data-testid="seal-findings">
                  {report.findings.map((finding) => (
                    <li key={`${finding.kind}:${finding.table}:${finding.column ?? ''}`}>
                      <strong>{finding.table}{finding.column === undefined ? '' : `.${finding.column}`}</strong>: {localized({ messageNl: finding.descriptionNl, messageEn: finding.descriptionEn }, language)} — {formatCount(finding.count)} ({finding.examples.join(', ')})
                    </li>
                  ))}
                </ul>
              </>
            )}

            <form className="key-form" onSubmit={(event) => void seal(event)}>
              <fieldset className="segmented">
                <legend>{t('sealReaders')}</legend>
                <label><input type="radio" name="seal-readers" checked={readers === 'passphrase'} onChange={() => dispatch({ type: 'readers', readers: 'passphrase' })} />{t('keyPassphrase')}</label>
                <label><input type="radio" name="seal-readers" checked={readers === 'x25519'} onChange={() => dispatch({ type: 'readers', readers: 'x25519' })} />{t('sealRecipients')}</label>
              </fieldset>
              {readers === 'passphrase' ? (
                <div className="parameter-grid">
                  <label className="field">
                    <span>{t('passphraseLabel')}</span>
                    <input type="password" autoComplete="new-password" value={passphrase} onChange={field('passphrase')} data-testid="seal-passphrase" />
                  </label>
                  <label className="field">
                    <span>{t('sealRepeat')}</span>
                    <input type="password" autoComplete="new-password" value={repeat} onChange={field('repeat')} data-testid="seal-repeat" />
                  </label>
                </div>
              ) : (
                <label className="field">
                  <span>{t('sealRecipientsLabel')}</span>
                  <textarea rows={3} value={recipients} onChange={field('recipients')} spellCheck={false} />
                </label>
              )}
              {readers === 'passphrase' && repeat !== '' && passphrase !== repeat && <p className="hint">{t('sealMismatch')}</p>}
              <div className="actions">
                <button type="submit" disabled={busy || !readersReady(state)} data-testid="seal-submit">{t('sealSubmit')}</button>
              </div>
            </form>
          </section>
        )}

        {busy && progress !== null && <ProgressSteps progress={progress} phases={SEAL_PHASES} />}
        {error !== null && <ErrorBox error={error} title={t('sealRefused')} />}
        {saved !== null && (
          <p role="status" className="success" data-testid="seal-saved">{t('sealSaved', { path: saved.path, sha: saved.sha256.slice(0, 12) })}</p>
        )}
      </section>
    </div>
  );
}
