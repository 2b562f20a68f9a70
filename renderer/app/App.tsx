// The application shell: top bar, screen navigation, language, closing and auto-lock.
// Without an open snapshot it shows the opening screen; the database lives in the worker.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_APP_SETTINGS, type AppSettings, type ScreenId } from '../../shared/ipc/contract';
import type { Language } from '../../shared/errors';
import type { TableRequest } from '../../shared/tables/catalogue';
import type { Host } from '../host/host';
import { LanguageContext, translator } from '../i18n/i18n';
import { asWireError, CoreClient } from '../worker/client';
import { HEADLINE_ORDER, type HeadlineFigure, type OpenCompletion, type OpenedSummary, type WireError } from '../worker/protocol';
import { ErrorBox } from '../components/ErrorBox';
import { OpeningScreen } from '../screens/OpeningScreen';
import { hostFile, type ChosenFile } from './chosen-file';
import { AppContext, type AppContextValue } from './context';
import { ScreenView, SCREENS } from './ScreenView';
import { TopBar } from './TopBar';
import { useAutoLock } from './use-auto-lock';
import { ErrorBoundary } from './ErrorBoundary';
import { SnapshotMakenScreen } from '../screens/SnapshotMakenScreen';
import { AboutDialog } from '../components/AboutDialog';
import { runMenuCommand } from './menu-commands';
import { FirstRunTour } from './FirstRunTour';

export function App({ host }: { host: Host }) {
  const core = useMemo(() => new CoreClient(), []);
  const [language, setLanguage] = useState<Language>('nl');
  const [summary, setSummary] = useState<OpenedSummary | null>(null);
  // The open in two steps (docs/ARCHITECTURE.md, "The open path"): meta and counts first, then
  // the headline figures, then every check and the file's digest.
  const [completion, setCompletion] = useState<OpenCompletion | null>(null);
  const [headlines, setHeadlines] = useState<HeadlineFigure[] | null>(null);
  const pendingCompletion = useRef<Promise<OpenCompletion | null>>(Promise.resolve(null));
  // Answers about an earlier open must not land on a later one.
  const openGeneration = useRef(0);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [screen, setScreen] = useState<ScreenId>('overzicht');
  const [locked, setLocked] = useState<{ minutes: number } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [autoLockMinutes, setAutoLockMinutes] = useState(0);
  const [making, setMaking] = useState(false);
  const [about, setAbout] = useState(false);
  // Fresh stores per opened snapshot, so nothing of a closed one lingers.
  const [stores, setStores] = useState(() => ({ tableParameters: new Map<string, TableRequest>(), screenState: new Map<string, unknown>() }));
  const { tableParameters, screenState } = stores;
  const t = useMemo(() => translator(language), [language]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const [crash, setCrash] = useState<WireError | null>(null);
  useEffect(() => {
    core.onCrash((error) => {
      openGeneration.current += 1;
      setSummary(null);
      setLocked(null);
      setCrash(error);
    });
    return () => core.onCrash(null);
  }, [core]);

  /** The digest of the open snapshot, once its open completed (null if it never did). */
  const openDigest = useCallback(
    async () => summary?.sha256 ?? (await pendingCompletion.current.catch(() => null))?.sha256 ?? null,
    [summary],
  );

  const forgetOpen = useCallback(() => {
    openGeneration.current += 1;
    pendingCompletion.current = Promise.resolve(null);
    setSummary(null);
    setCompletion(null);
    setHeadlines(null);
  }, []);

  const close = useCallback(async () => {
    await core.call('close', {});
    void host.api.invoke('audit:append', { action: 'close', details: { sha256: await openDigest() } });
    forgetOpen();
    setFile(null);
    setLocked(null);
    setScreen('overzicht');
    setStores({ tableParameters: new Map(), screenState: new Map() });
  }, [core, host, openDigest, forgetOpen]);

  const lock = useCallback(async () => {
    if (summary === null) return;
    await core.call('close', {});
    void host.api.invoke('audit:append', { action: 'lock', details: { sha256: await openDigest() } });
    // Settings survive a lock; results that hold data (query rows) do not.
    for (const key of Array.from(screenState.keys())) if (key.endsWith('.result')) screenState.delete(key);
    forgetOpen();
    setLocked({ minutes: autoLockMinutes });
  }, [core, host, summary, autoLockMinutes, screenState, openDigest, forgetOpen]);

  // The worker answers in the order asked: the headline figures (from the facts, checking only
  // the tables they read), then the completion; every other request waits behind it.
  const completeOpen = useCallback(
    (opened: OpenedSummary, chosen: ChosenFile, action: 'open' | 'unlock') => {
      const generation = ++openGeneration.current;
      const current = () => generation === openGeneration.current;
      for (const id of HEADLINE_ORDER) {
        core.call('headline', { id }).then(
          (figure) => current() && setHeadlines((shown) => [...(shown ?? []), figure]),
          // A failure here is the completion's too; that one is shown.
          () => undefined,
        );
      }
      const asked = core.call('completeOpen', {});
      pendingCompletion.current = asked.catch(() => null);
      asked.then(
        (done) => {
          // The same fields as the command line's open entry (shared/node/snapshot/open-for-command.ts),
          // written once the digest is known.
          void host.api.invoke('audit:append', {
            action,
            details: { file: chosen.path ?? chosen.name, sha256: done.sha256, bytes: opened.fileSize, key_kind: opened.keyKind, peildatum: opened.meta.peildatum },
          });
          if (current()) setCompletion(done);
        },
        (error: unknown) => {
          // A table that cannot be checked (a damaged page) refuses the whole snapshot, as the
          // command line refuses it: nothing of it stays open.
          const wire = asWireError(error);
          void host.api.invoke('audit:append', {
            action: 'open-refused',
            details: { file: chosen.path ?? chosen.name, key_kind: opened.keyKind, code: wire.code },
          });
          if (!current()) return;
          void core.call('close', {}).catch(() => undefined);
          forgetOpen();
          setCrash(wire);
        },
      );
    },
    [core, host, forgetOpen],
  );

  useAutoLock(summary !== null && autoLockMinutes > 0 ? autoLockMinutes : 0, () => void lock());

  // A file chosen outside the opening screen (menu, Recent, the OS): close what is open, then ask for its key.
  const openFromHost = useCallback(
    async (path: string) => {
      const read = await host.api.invoke('file:read', { path });
      // The demo handed over at start (npm start) is still the demo: its hint and tour apply.
      const demoPath = await host.api.invoke('app:info', undefined).then((info) => info.demoSnapshotPath, () => null);
      await core.call('close', {});
      forgetOpen();
      setLocked(null);
      setFile(hostFile(host.api, path, read, demoPath === path));
    },
    [core, host, forgetOpen],
  );

  useEffect(() => {
    const offMenu = host.api.on('menu:command', (command) =>
      runMenuCommand(command, {
        snapshotOpen: summary !== null,
        navigate: setScreen,
        setLanguage,
        makeSnapshot: () => setMaking(true),
        showAbout: () => setAbout(true),
        noGridToExport: () => setAnnouncement(t('noGridToExport')),
        close: () => void close(),
        lock: () => void lock(),
        openPath: (path) => void openFromHost(path),
        pickAndOpen: () =>
          void host.api.invoke('snapshot:pick', undefined).then((picked) => (picked === null ? undefined : openFromHost(picked.path))),
      }),
    );
    const offOpen = host.api.on('file:open-request', (picked) => void openFromHost(picked.path));
    return () => {
      offMenu();
      offOpen();
    };
  }, [host, summary, close, lock, openFromHost, t]);

  const context: AppContextValue | null = useMemo(
    () =>
      summary === null
        ? null
        : { core, host: host.api, summary, completion, headlines, navigate: setScreen, announce: setAnnouncement, tableParameters, screenState },
    [core, host, summary, completion, headlines, tableParameters, screenState],
  );

  // Settings the host keeps (the dismissed tour). Unreadable settings show no tour rather than nag.
  const [settings, setSettings] = useState<AppSettings | null>(null);
  useEffect(() => {
    let current = true;
    host.api.invoke('settings:read', undefined).then(
      (read) => current && setSettings(read),
      () => current && setSettings({ ...DEFAULT_APP_SETTINGS, tourDismissed: true }),
    );
    return () => {
      current = false;
    };
  }, [host]);
  const dismissTour = useCallback(() => {
    setSettings((previous) => ({ ...(previous ?? DEFAULT_APP_SETTINGS), tourDismissed: true }));
    void host.api.invoke('settings:update', { tourDismissed: true }).catch(() => undefined);
    document.getElementById('main')?.focus();
  }, [host]);
  const showTour = context !== null && file?.demo === true && settings !== null && !settings.tourDismissed;

  const languageValue = useMemo(() => ({ language, t, setLanguage }), [language, t]);

  return (
    <LanguageContext.Provider value={languageValue}>
      <a className="skip-link" href="#main">{t('skipToContent')}</a>
      <TopBar
        summary={summary}
        onClose={() => void close()}
        onLock={() => void lock()}
        autoLockMinutes={autoLockMinutes}
        onAutoLockMinutes={setAutoLockMinutes}
      />
      {making ? (
        <main id="main" className="content single" tabIndex={-1}>
          <SnapshotMakenScreen core={core} host={host.api} onDone={() => setMaking(false)} />
        </main>
      ) : context !== null ? (
        <AppContext.Provider value={context}>
          <div className="layout">
            <nav className="side-nav" aria-label={t('navigation')}>
              <ul>
                {SCREENS.map((item) => (
                  <li key={item.id}>
                    <button
                      type="button"
                      className={item.id === screen ? 'active' : undefined}
                      aria-current={item.id === screen ? 'page' : undefined}
                      onClick={() => setScreen(item.id)}
                      data-screen={item.id}
                    >
                      {t(item.label)}
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
            <main id="main" className="content" tabIndex={-1}>
              <ErrorBoundary key={screen}>
                <ScreenView screen={screen} />
              </ErrorBoundary>
            </main>
          </div>
          {showTour && <FirstRunTour navigate={setScreen} onDismiss={dismissTour} />}
        </AppContext.Provider>
      ) : (
        <main id="main" className="content single" tabIndex={-1}>
          {crash !== null && <ErrorBox error={crash} />}
          <OpeningScreen
            key={file === null ? 'none' : `${file.path ?? file.name}:${file.size}`}
            core={core}
            host={host.api}
            initialFile={file}
            locked={locked}
            onMakeSnapshot={() => setMaking(true)}
            onOpened={(opened, chosen, action) => {
              setCrash(null);
              setFile(chosen);
              setLocked(null);
              setSummary(opened);
              setCompletion(null);
              setHeadlines(null);
              completeOpen(opened, chosen, action);
            }}
          />
        </main>
      )}
      <AboutDialog host={host.api} open={about} onClose={() => setAbout(false)} />
      <div className="visually-hidden" role="status" aria-live="polite">{announcement}</div>
    </LanguageContext.Provider>
  );
}
