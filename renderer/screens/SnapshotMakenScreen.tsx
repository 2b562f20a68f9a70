// "Snapshot maken…": the producer side in the app. Pick the CSV extracts (a folder or
// files), see the validation report (a refusal names file, line and column; ids that point
// nowhere are findings), choose readers (a passphrase or age1… keys) and seal. Parsing,
// validation and encryption run in the core worker with the same code as `ketenlens seal`;
// only the encrypted file is saved, through the host.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AgeRecipients, Progress } from '../../shared/age/types';
import type { HostApi } from '../../shared/ipc/contract';
import type { SealReport } from '../../shared/seal/seal-files';
import { formatCount } from '../../shared/format/index';
import { ErrorBox } from '../components/ErrorBox';
import { ProgressSteps } from '../components/ProgressSteps';
import { localized, useLanguage } from '../i18n/i18n';
import { asWireError, type CoreClient } from '../worker/client';
import type { WireError } from '../worker/protocol';

interface Props {
  core: CoreClient;
  host: HostApi;
  onDone(): void;
}

export function SnapshotMakenScreen({ core, host, onDone }: Props) {
  const { t, language } = useLanguage();
  const [files, setFiles] = useState<File[]>([]);
  const [peildatum, setPeildatum] = useState('');
  const [bron, setBron] = useState('DUO');
  const [gemeenteJaar, setGemeenteJaar] = useState('');
  const [report, setReport] = useState<SealReport | null>(null);
  const [readers, setReaders] = useState<'passphrase' | 'x25519'>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [recipients, setRecipients] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [saved, setSaved] = useState<{ path: string; sha256: string } | null>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  // `webkitdirectory` is not in React's attribute types; every current browser and Electron support it.
  useEffect(() => folderInput.current?.setAttribute('webkitdirectory', ''), []);
  // Leaving the wizard drops a validated database that was never sealed.
  useEffect(() => () => void core.call('sealDiscard', {}), [core]);

  function pick(list: FileList | null) {
    const csv = Array.from(list ?? []).filter((file) => file.name.toLowerCase().endsWith('.csv'));
    setFiles(csv);
    setReport(null);
    setSaved(null);
    setError(null);
  }

  async function validate(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setReport(null);
    setSaved(null);
    try {
      const overrides = {
        ...(peildatum === '' ? {} : { peildatum }),
        ...(bron.trim() === '' ? {} : { bron: bron.trim() }),
        ...(gemeenteJaar.trim() === '' ? {} : { gemeenteJaar: gemeenteJaar.trim() }),
      };
      setReport(await core.call('sealValidate', { files, overrides }, { onProgress: setProgress }));
    } catch (caught) {
      setError(asWireError(caught));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  const keys = recipients.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const readersReady = readers === 'passphrase' ? passphrase !== '' && passphrase === repeat : keys.length > 0;

  async function seal(event: FormEvent) {
    event.preventDefault();
    if (report === null) return;
    setBusy(true);
    setError(null);
    try {
      const to: AgeRecipients = readers === 'passphrase' ? { kind: 'passphrase', passphrase } : { kind: 'x25519', recipients: keys };
      const { bytes } = await core.call('sealEncrypt', { recipients: to }, { onProgress: setProgress });
      setPassphrase('');
      setRepeat('');
      const written = await host.invoke('export:save', {
        suggestedName: `snapshot-${report.meta.peildatum}.snapshot.age`,
        filters: [{ name: 'Ketenlens-snapshot', extensions: ['age'] }],
        bytes,
      });
      if (written !== null) {
        setSaved(written);
        void host.invoke('audit:append', {
          action: 'seal',
          details: { output: written.path, sha256: written.sha256, recipients: to.kind === 'passphrase' ? 'passphrase' : `${keys.length} x25519`, peildatum: report.meta.peildatum },
        });
      }
      setReport(null);
      setFiles([]);
    } catch (caught) {
      setError(asWireError(caught));
    } finally {
      setBusy(false);
      setProgress(null);
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
            <label className="field">
              <span>{t('sealPeildatum')}</span>
              <input type="date" value={peildatum} onChange={(event) => setPeildatum(event.target.value)} data-testid="seal-peildatum" />
            </label>
            <label className="field">
              <span>{t('sealBron')}</span>
              <input type="text" value={bron} onChange={(event) => setBron(event.target.value)} />
            </label>
            <label className="field">
              <span>{t('sealGemeenteJaar')}</span>
              <input type="text" inputMode="numeric" placeholder={peildatum.slice(0, 4)} value={gemeenteJaar} onChange={(event) => setGemeenteJaar(event.target.value)} />
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
                <label><input type="radio" name="seal-readers" checked={readers === 'passphrase'} onChange={() => setReaders('passphrase')} />{t('keyPassphrase')}</label>
                <label><input type="radio" name="seal-readers" checked={readers === 'x25519'} onChange={() => setReaders('x25519')} />{t('sealRecipients')}</label>
              </fieldset>
              {readers === 'passphrase' ? (
                <div className="parameter-grid">
                  <label className="field">
                    <span>{t('passphraseLabel')}</span>
                    <input type="password" autoComplete="new-password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} data-testid="seal-passphrase" />
                  </label>
                  <label className="field">
                    <span>{t('sealRepeat')}</span>
                    <input type="password" autoComplete="new-password" value={repeat} onChange={(event) => setRepeat(event.target.value)} data-testid="seal-repeat" />
                  </label>
                </div>
              ) : (
                <label className="field">
                  <span>{t('sealRecipientsLabel')}</span>
                  <textarea rows={3} value={recipients} onChange={(event) => setRecipients(event.target.value)} spellCheck={false} />
                </label>
              )}
              {readers === 'passphrase' && repeat !== '' && passphrase !== repeat && <p className="hint">{t('sealMismatch')}</p>}
              <div className="actions">
                <button type="submit" disabled={busy || !readersReady} data-testid="seal-submit">{t('sealSubmit')}</button>
              </div>
            </form>
          </section>
        )}

        {busy && progress !== null && <ProgressSteps progress={progress} />}
        {error !== null && <ErrorBox error={error} title={t('sealRefused')} />}
        {saved !== null && (
          <p role="status" className="success" data-testid="seal-saved">{t('sealSaved', { path: saved.path, sha: saved.sha256.slice(0, 12) })}</p>
        )}
      </section>
    </div>
  );
}
