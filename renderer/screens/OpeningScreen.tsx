// Opening a snapshot: pick or drop a file (or the demo), give a passphrase or an identity
// file, watch read → decrypt → load → check, and see any refusal in plain words.
// The key lives in this component's state only until the attempt ends; it is never stored.
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { Progress } from '../../shared/age/types';
import type { HostApi } from '../../shared/ipc/contract';
import { formatCount } from '../../shared/format/index';
import { ErrorBox } from '../components/ErrorBox';
import { KeyFields, useKeyInput } from '../components/KeyFields';
import { ProgressSteps } from '../components/ProgressSteps';
import { useLanguage } from '../i18n/i18n';
import { asWireError, type CoreClient } from '../worker/client';
import type { OpenedSummary, WireError } from '../worker/protocol';
import { DEMO_PASSPHRASE, droppedFile, hostFile, transferOf, type ChosenFile } from '../app/chosen-file';

interface Props {
  core: CoreClient;
  host: HostApi;
  /** A file already chosen (menu, OS request, or the file of a locked session). */
  initialFile: ChosenFile | null;
  locked: { minutes: number } | null;
  /** Meta and counts are known; the caller completes the open (findings, digest) and writes its audit entry. */
  onOpened(summary: OpenedSummary, file: ChosenFile, action: 'open' | 'unlock'): void;
  /** Switch to the producer side: seal CSV extracts into a new snapshot. */
  onMakeSnapshot(): void;
}

function sizeText(bytes: number): string {
  return bytes >= 1e6 ? `${formatCount(Math.round(bytes / 1e5) / 10)} MB` : `${formatCount(Math.ceil(bytes / 1e3))} kB`;
}

export function OpeningScreen({ core, host, initialFile, locked, onOpened, onMakeSnapshot }: Props) {
  const { t } = useLanguage();
  const [file, setFile] = useState<ChosenFile | null>(initialFile);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const keyInput = useKeyInput(host, (caught) => setError(asWireError(caught)));
  const [dragging, setDragging] = useState(false);
  const [preparingDemo, setPreparingDemo] = useState(false);
  const passphraseInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (file !== null) passphraseInput.current?.focus();
  }, [file]);

  function choose(next: ChosenFile) {
    setFile(next);
    setError(null);
    setProgress(null);
  }

  async function pickFile() {
    try {
      const picked = await host.invoke('snapshot:pick', undefined);
      if (picked === null) return;
      const read = await host.invoke('file:read', { path: picked.path });
      choose(hostFile(host, picked.path, read, false));
    } catch (caught) {
      setError(asWireError(caught));
    }
  }

  async function openDemo() {
    setError(null);
    setBusy(true);
    setPreparingDemo(true);
    try {
      const info = await host.invoke('app:info', undefined);
      if (info.demoSnapshotPath === null) throw new Error('no demo snapshot');
      const read = await host.invoke('file:read', { path: info.demoSnapshotPath });
      choose(hostFile(host, info.demoSnapshotPath, read, true));
    } catch (caught) {
      setError(asWireError(caught));
    } finally {
      setBusy(false);
      setPreparingDemo(false);
    }
  }

  async function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped === undefined) return;
    // In Electron a dropped file has a path: the preload grants it, so it joins Recent and the audit trail.
    const path = window.ketenlens?.pathForFile(dropped) ?? '';
    if (path !== '') {
      try {
        const read = await host.invoke('file:read', { path });
        choose(hostFile(host, path, read, false));
      } catch (caught) {
        setError(asWireError(caught));
      }
      return;
    }
    try {
      choose(await droppedFile(dropped));
    } catch (caught) {
      setError(asWireError(caught));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (file === null) return;
    setError(null);
    setBusy(true);
    try {
      const key = keyInput.key();
      const { bytes, ...digest } = await file.read();
      // Transferred (or shared), not copied: a 500 MB snapshot would otherwise block this thread while cloning.
      const summary = await core.call('open', { bytes, key, fileName: file.name, ...digest }, { onProgress: setProgress, transfer: transferOf(bytes) });
      keyInput.clear();
      onOpened(summary, file, locked ? 'unlock' : 'open');
    } catch (caught) {
      const wire = asWireError(caught);
      setError(wire);
      setProgress(null);
      void host.invoke('audit:append', {
        action: 'open-refused',
        details: { file: file.path ?? file.name, key_kind: keyInput.kind, code: wire.code },
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="opening">
      <section className="card opening-card" aria-labelledby="opening-title">
        <h1 id="opening-title">{locked ? t('lockedTitle') : t('openTitle')}</h1>
        <p className="lead">{locked && file ? t('lockedIntro', { minutes: locked.minutes, name: file.name }) : t('openIntro')}</p>

        {!locked && (
          <div
            className={`drop-zone${dragging ? ' dragging' : ''}`}
            onDragOver={(event) => { event.preventDefault(); setDragging(true); }}
            onDragLeave={() => setDragging(false)}
            onDrop={(event) => void onDrop(event)}
            role="group"
            aria-label={t('dropZoneLabel')}
          >
            <div className="drop-actions">
              <button type="button" onClick={() => void pickFile()} disabled={busy}>{t('chooseFile')}</button>
              <button type="button" className="secondary" onClick={() => void openDemo()} disabled={busy} data-testid="open-demo">{t('openDemo')}</button>
            </div>
            <p className="muted">{t('dropHere')}</p>
            <p role="status" className="muted">{preparingDemo ? t('demoPreparing') : ''}</p>
            <p className="muted small">{t('demoExplain')}</p>
          </div>
        )}
        {!locked && (
          <p className="muted small">
            <button type="button" className="secondary small" onClick={onMakeSnapshot} data-testid="make-snapshot">{t('makeSnapshot')}</button>
          </p>
        )}

        {file !== null && (
          <form className="key-form" onSubmit={(event) => void submit(event)}>
            <p className="chosen-file">{t('fileChosen', { name: file.name, size: sizeText(file.size) })}</p>
            <KeyFields
              input={keyInput}
              legend={t('keyKind')}
              name="key-kind"
              className="segmented"
              passphraseTestId="passphrase"
              passphraseRef={passphraseInput}
              describedBy={file.demo ? 'demo-hint' : undefined}
            />
            {file.demo && <p id="demo-hint" className="hint">{t('demoHint', { passphrase: DEMO_PASSPHRASE })}</p>}
            <p className="muted small">{t('keyNeverStored')}</p>
            <div className="actions">
              <button type="submit" disabled={busy || !keyInput.ready} data-testid="open-submit">{t('openButton')}</button>
            </div>
          </form>
        )}

        {busy && progress !== null && <ProgressSteps progress={progress} />}
        {error !== null && <ErrorBox error={error} title={t('refused')} />}
      </section>
    </div>
  );
}
