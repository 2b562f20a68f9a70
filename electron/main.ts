// Electron main process of Ketenlens: a thin, hardened shell over shared/. It serves the
// renderer from app://ketenlens, denies every permission, navigation, popup and network
// request, answers the typed IPC contract (files the user chose, exports, recent list,
// audit trail) and forwards menu commands and OS open requests to the page.
import { app, BrowserWindow, dialog, Menu, protocol, session } from 'electron';
import { readFile, realpath, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { EventChannel, EventContract, MenuCommand } from '../shared/ipc/contract';
import { VERSION } from '../shared/version';
import { appendAudit, readAndVerifyAudit } from '../shared/node/audit';
import { listAssessments, saveAssessment } from '../shared/node/assessment/store';
import { appDataDir } from './data-dir';
import { createEventQueue } from './event-queue';
import { writeFileSafely } from '../shared/node/files/safe-write';
import { snapshotPathFromArgv } from './files/launch-file';
import { createPathGrants, kindOfDroppedFile } from './files/path-grants';
import { loadRecent, saveRecent, withRecent } from './files/recent';
import { loadSettings, updateSettings } from './files/settings';
import { maxReadBytes } from './files/read-limit';
import { createInvokeHandlers } from './ipc/handlers';
import { registerIpc } from './ipc/register';
import { buildMenuTemplate, type MenuLanguage } from './menu/template';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol/handler';
import { createRequestFilter } from './security/network';
import { APP_SCHEME, isAppUrl } from './security/origin';

/** The name `ketenlens demo` writes in the data folder; not imported, as shared/node/demo brings the generator and sql.js along. */
const DEMO_FILE_NAME = 'demo.snapshot.age';
import { withSecurityHeaders } from './security/csp';
import { denyDevicePermission, handlePermissionCheck, handlePermissionRequest } from './security/permissions';
import { createMainWindow, guardAllWebContents } from './window';

// Both must happen before 'ready'.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();

const allowDevTools = !app.isPackaged && process.env.KETENLENS_DEVTOOLS === '1';
const dataDir = appDataDir(process.env);
// Keeps Chromium's profile beside the audit trail, in the folder the command line uses too.
if (dataDir !== app.getPath('userData')) app.setPath('userData', dataDir);

let mainWindow: BrowserWindow | null = null;
let language: MenuLanguage = 'nl';
let snapshotReadThisSession = false;
const grants = createPathGrants();

const sendToPage = <C extends EventChannel>(channel: C, payload: EventContract[C]): void => {
  if (mainWindow !== null && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
};
const events = createEventQueue(sendToPage);

function audit(input: Parameters<typeof appendAudit>[1]): Promise<{ seq: number; hash: string }> {
  return appendAudit(dataDir, input).then((entry) => ({ seq: entry.seq, hash: entry.hash }));
}

function requestOpen(path: string): void {
  grants.grant(path, { source: 'open-request', kind: 'snapshot' });
  events.post('file:open-request', { path, name: basename(path) });
  if (mainWindow !== null && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
}

async function installMenu(): Promise<void> {
  const recent = await loadRecent(dataDir);
  const onCommand = (command: MenuCommand): void => {
    if (command.command === 'open-recent') grants.grant(command.path, { source: 'recent', kind: 'snapshot' });
    if (command.command === 'language') {
      language = command.language;
      void installMenu();
    }
    sendToPage('menu:command', command);
  };
  const template = buildMenuTemplate({ language, recent, isMac: process.platform === 'darwin', allowDevTools, onCommand });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/**
 * The demo snapshot made by `ketenlens demo` / scripts/start.mjs, if any. It holds
 * no real person, so offering it grants reading it.
 */
async function demoSnapshotPath(): Promise<string | null> {
  // The app's data folder first, then the command line's default one (~/.ketenlens).
  const candidates = [process.env.KETENLENS_DEMO_SNAPSHOT, join(dataDir, DEMO_FILE_NAME), join(homedir(), '.ketenlens', DEMO_FILE_NAME)];
  for (const candidate of candidates) {
    if (candidate === undefined || candidate === '') continue;
    const isFile = await stat(candidate).then((info) => info.isFile(), () => false);
    if (isFile) {
      grants.grant(candidate, { source: 'demo', kind: 'snapshot' });
      return candidate;
    }
  }
  return null;
}

const handlers = createInvokeHandlers({
  language: () => language,
  async showOpenDialog(options) {
    const owner = mainWindow ?? undefined;
    const result = owner === undefined
      ? await dialog.showOpenDialog({ ...options, properties: ['openFile'] })
      : await dialog.showOpenDialog(owner, { ...options, properties: ['openFile'] });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async showSaveDialog(options) {
    const owner = mainWindow ?? undefined;
    const result = owner === undefined
      ? await dialog.showSaveDialog({ ...options, properties: ['showOverwriteConfirmation'] })
      : await dialog.showSaveDialog(owner, { ...options, properties: ['showOverwriteConfirmation'] });
    return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath;
  },
  files: {
    stat: async (path) => {
      const info = await stat(path);
      return { size: info.size, isFile: info.isFile() };
    },
    readFile: (path) => readFile(path),
    // The native save dialog already asked before overwriting, hence force.
    writeFileAtomic: (path, bytes) => writeFileSafely(path, bytes, { force: true }),
    remove: (path) => unlink(path),
  },
  grants,
  recent: {
    list: () => loadRecent(dataDir),
    async add(path) {
      await saveRecent(dataDir, withRecent(await loadRecent(dataDir), path));
      await installMenu();
    },
  },
  audit: { append: audit, read: () => readAndVerifyAudit(dataDir) },
  dataDir,
  assessments: { list: (sha) => listAssessments(dataDir, sha), save: (record) => saveAssessment(dataDir, record, 'host') },
  settings: { read: () => loadSettings(dataDir), update: (request) => updateSettings(dataDir, request) },
  now: () => new Date(),
  appInfo: async () => ({ version: VERSION, platform: process.platform, host: 'electron', demoSnapshotPath: await demoSnapshotPath() }),
  documentsDir: app.getPath('documents'),
  maxReadBytes: maxReadBytes(process.env),
  onSnapshotRead(path) {
    snapshotReadThisSession = true;
    audit({ action: 'open', details: { source: 'host', stage: 'read', path } }).catch(() => {
      console.warn('ketenlens: could not record the open in the audit trail');
    });
  },
});

// macOS delivers file-association opens as an event, possibly before 'ready'.
app.on('open-file', (event, path) => {
  event.preventDefault();
  requestOpen(path);
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const path = snapshotPathFromArgv(argv, workingDirectory);
    if (path !== null) requestOpen(path);
    else if (mainWindow !== null) mainWindow.focus();
  });
  guardAllWebContents();
  registerIpc({
    handlers,
    currentWindow: () => mainWindow,
    onDropped: (path) => grants.grant(path, { source: 'drop', kind: kindOfDroppedFile(path) }),
    onListening: (channel) => events.listening(channel),
  });

  void app.whenReady().then(async () => {
    const appSession = session.defaultSession;
    appSession.setPermissionRequestHandler(handlePermissionRequest);
    appSession.setPermissionCheckHandler(handlePermissionCheck);
    appSession.setDevicePermissionHandler(denyDevicePermission);
    appSession.webRequest.onBeforeRequest(createRequestFilter({ allowDevTools }));
    // Only our pages: DevTools (development) brings its own policy.
    appSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: isAppUrl(details.url) ? withSecurityHeaders(details.responseHeaders) : details.responseHeaders });
    });
    protocol.handle(APP_SCHEME, createAppProtocolHandler(join(app.getAppPath(), 'dist-web'), { realpath, readFile }));
    await installMenu();

    mainWindow = createMainWindow(join(__dirname, 'preload.cjs'), allowDevTools);
    mainWindow.webContents.on('did-start-loading', () => events.pageReloaded());
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    const launched = snapshotPathFromArgv(process.argv, process.cwd());
    if (launched !== null) requestOpen(launched);
  });

  app.on('window-all-closed', () => app.quit());
  let closeRecorded = false;
  app.on('will-quit', (event) => {
    if (!snapshotReadThisSession || closeRecorded) return;
    // Record the close before the process ends; quit again once it is written.
    event.preventDefault();
    closeRecorded = true;
    void audit({ action: 'close', details: { source: 'host', reason: 'quit' } })
      .catch(() => console.warn('ketenlens: could not record the close in the audit trail'))
      .finally(() => app.quit());
  });
}
