// Runs the real electron/main.ts bundle against a recording fake of the 'electron'
// module: proves the entry wires what the pure modules decide (scheme before ready,
// sandbox, denied permissions, request filter, every IPC channel behind the sender check,
// guards on every webContents, the hardened window on app://ketenlens).
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/ipc/contract';
import { verifyAuditLog, readAudit } from '../../shared/node/audit';

type Listener = (...args: unknown[]) => unknown;

function recorder() {
  const listeners = new Map<string, Listener[]>();
  return {
    listeners,
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return this;
    },
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    },
    emit(event: string, ...args: unknown[]) {
      for (const listener of listeners.get(event) ?? []) listener(...args);
    },
  };
}

function fakeElectron(userData: string) {
  const calls: string[] = [];
  let ready: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const windows: FakeWindow[] = [];
  const invokeHandlers = new Map<string, Listener>();
  const sessionCalls = new Map<string, unknown>();

  class FakeWindow {
    readonly options: Record<string, unknown>;
    readonly events = recorder();
    readonly webContents = { ...recorder(), mainFrame: { url: 'app://ketenlens/index.html' }, send: vi.fn() };
    loadedUrl = '';
    constructor(options: Record<string, unknown>) {
      this.options = options;
      windows.push(this);
      calls.push('new BrowserWindow');
    }
    once(event: string, listener: Listener) {
      this.events.on(event, listener);
    }
    on(event: string, listener: Listener) {
      this.events.on(event, listener);
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    focus() {}
    show() {}
    restore() {}
  }

  const app = {
    ...recorder(),
    isPackaged: false,
    getPath: (name: string) => (name === 'userData' ? userData : join(userData, name)),
    setPath: (name: string) => calls.push(`setPath ${name}`),
    getAppPath: () => join(userData, 'app'),
    enableSandbox: () => calls.push('enableSandbox'),
    requestSingleInstanceLock: () => true,
    whenReady: () => whenReady,
    quit: () => calls.push('quit'),
  };
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => {
        calls.push('registerSchemesAsPrivileged');
        sessionCalls.set('schemes', schemes);
      },
      handle: (scheme: string) => calls.push(`protocol.handle ${scheme}`),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: unknown) => sessionCalls.set('permissionRequest', handler),
        setPermissionCheckHandler: (handler: unknown) => sessionCalls.set('permissionCheck', handler),
        setDevicePermissionHandler: (handler: unknown) => sessionCalls.set('devicePermission', handler),
        webRequest: {
          onBeforeRequest: (handler: unknown) => sessionCalls.set('beforeRequest', handler),
          onHeadersReceived: (handler: unknown) => sessionCalls.set('headersReceived', handler),
        },
      },
    },
    ipcMain: {
      handle: (channel: string, handler: Listener) => invokeHandlers.set(channel, handler),
      on: (channel: string, handler: Listener) => invokeHandlers.set(channel, handler),
    },
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: () => calls.push('setApplicationMenu'),
    },
  };
  return { electron, calls, windows, invokeHandlers, sessionCalls, ready: () => ready() };
}

let dataDir = '';
let fake: ReturnType<typeof fakeElectron>;
const savedDataDir = process.env.KETENLENS_DATA_DIR;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ketenlens-main-'));
  process.env.KETENLENS_DATA_DIR = dataDir;
  fake = fakeElectron(dataDir);
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, '..', '..', 'electron', 'main.ts')],
    bundle: true, platform: 'node', format: 'cjs', external: ['electron'], write: false, logLevel: 'silent',
  });
  const nodeRequire = createRequire(import.meta.url);
  const fakeRequire = (name: string): unknown => (name === 'electron' ? fake.electron : nodeRequire(name));
  const module = { exports: {} };
  const run = new Function('require', 'module', 'exports', '__dirname', '__filename', bundle.outputFiles[0]?.text ?? '');
  run(fakeRequire, module, module.exports, join(dataDir, 'dist', 'electron'), join(dataDir, 'dist', 'electron', 'main.cjs'));
});

afterAll(async () => {
  if (savedDataDir === undefined) delete process.env.KETENLENS_DATA_DIR;
  else process.env.KETENLENS_DATA_DIR = savedDataDir;
  await rm(dataDir, { recursive: true, force: true });
});

describe('electron/main.ts wiring', () => {
  it('registers the privileged scheme and the sandbox before ready, and every IPC channel', () => {
    expect(fake.calls.slice(0, 2)).toEqual(['registerSchemesAsPrivileged', 'enableSandbox']);
    expect(fake.sessionCalls.get('schemes')).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) }]);
    expect(fake.windows).toHaveLength(0);
    for (const channel of INVOKE_CHANNELS) expect(fake.invokeHandlers.has(channel)).toBe(true);
    expect(fake.electron.app.listeners.has('web-contents-created')).toBe(true);
  });

  it('after ready: denies permissions, filters requests, serves app:// and opens the hardened window', async () => {
    fake.ready();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const permissionRequest = fake.sessionCalls.get('permissionRequest') as (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    const callback = vi.fn();
    permissionRequest(null, 'geolocation', callback);
    expect(callback).toHaveBeenCalledWith(false);
    const permissionCheck = fake.sessionCalls.get('permissionCheck') as (contents: unknown, permission: string, origin: string) => boolean;
    expect(permissionCheck(null, 'clipboard-sanitized-write', 'app://ketenlens')).toBe(true);
    expect(permissionCheck(null, 'clipboard-sanitized-write', 'https://example.org')).toBe(false);
    expect(permissionCheck(null, 'clipboard-read', 'app://ketenlens')).toBe(false);
    const filter = fake.sessionCalls.get('beforeRequest') as (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;
    const cancel = vi.fn();
    filter({ url: 'https://example.org/' }, cancel);
    expect(cancel).toHaveBeenCalledWith({ cancel: true });
    expect(fake.calls).toContain('protocol.handle app');
    expect(fake.calls).toContain('setApplicationMenu');
    const [window] = fake.windows;
    expect(window?.loadedUrl).toBe('app://ketenlens/index.html');
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String((window?.options.webPreferences as { preload: string }).preload)).toMatch(/dist[\\/]electron[\\/]preload\.cjs$/);
  });

  it('guards every new webContents against navigation and popups', () => {
    const contents = { ...recorder(), setWindowOpenHandler: vi.fn() };
    fake.electron.app.emit('web-contents-created', {}, contents);
    const event = { preventDefault: vi.fn() };
    contents.emit('will-navigate', event, 'https://evil.example/');
    contents.emit('will-redirect', event, 'file:///etc/passwd');
    expect(event.preventDefault).toHaveBeenCalledTimes(2);
    const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as () => unknown;
    expect(handler()).toEqual({ action: 'deny' });
  });

  it('answers IPC only from our main frame, and writes the audit trail', async () => {
    const window = fake.windows[0];
    const trusted = { senderFrame: window?.webContents.mainFrame };
    const appendAudit = fake.invokeHandlers.get('audit:append');
    await appendAudit?.(trusted, { action: 'lock', details: { reason: 'test' } });
    expect((await readAudit(dataDir)).map((entry) => entry.action)).toEqual(['lock']);
    expect(await verifyAuditLog(dataDir)).toEqual({ ok: true });

    const foreign = { senderFrame: { url: 'app://ketenlens/index.html' } };
    await expect(Promise.resolve(appendAudit?.(foreign, { action: 'lock', details: {} }))).rejects.toThrow('untrusted sender');
    const read = fake.invokeHandlers.get('file:read');
    await expect(Promise.resolve(read?.(trusted, { path: '/etc/passwd' }))).rejects.toThrow(/ketenlens-host-error:.*file-read/);
  });
});
