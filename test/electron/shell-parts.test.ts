// Smaller parts of the shell: the recent list, launch arguments, the event queue, the
// preload bridge and the host error transport.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadRecent, parseRecent, RECENT_FILE, saveRecent, withRecent } from '../../electron/files/recent';
import { snapshotPathFromArgv } from '../../electron/files/launch-file';
import { createPathGrants } from '../../electron/files/path-grants';
import { createEventQueue } from '../../electron/event-queue';
import { createBridge, type IpcRendererLike } from '../../electron/preload-bridge';
import { toTransportError } from '../../electron/ipc/host-error';
import { appDataDir } from '../../electron/data-dir';
import { ketenlensDataDir } from '../../shared/node/audit/data-dir';
import { maxReadBytes } from '../../electron/files/read-limit';
import { GRANT_DROPPED_CHANNEL, LISTENING_CHANNEL } from '../../electron/ipc/internal-channels';
import { parseHostError } from '../../shared/ipc/contract';
import { WrongPassphraseError } from '../../shared/errors';

describe('recent list', () => {
  it('keeps paths newest first, without duplicates, at most ten', () => {
    const list = Array.from({ length: 10 }, (_, index) => `/s/${index}.snapshot.age`);
    const updated = withRecent(list, '/s/5.snapshot.age');
    expect(updated[0]).toBe('/s/5.snapshot.age');
    expect(updated).toHaveLength(10);
    expect(withRecent(list, '/s/new.snapshot.age')).toHaveLength(10);
    expect(parseRecent('{"not":"a list"}')).toEqual([]);
    expect(parseRecent('["/a.age", 3, null]')).toEqual(['/a.age']);
  });

  it('round-trips through recent.json in the data folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ketenlens-recent-'));
    try {
      expect(await loadRecent(dataDir)).toEqual([]);
      await saveRecent(dataDir, ['/a.snapshot.age']);
      expect(JSON.parse(await readFile(join(dataDir, RECENT_FILE), 'utf8'))).toEqual(['/a.snapshot.age']);
      expect(await loadRecent(dataDir)).toEqual(['/a.snapshot.age']);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('launch arguments and data folder', () => {
  it('finds the snapshot among flags, the executable and the script', () => {
    expect(snapshotPathFromArgv(['/usr/bin/electron', 'dist/electron/main.cjs', '--no-sandbox', 'demo.snapshot.age'], '/work'))
      .toBe('/work/demo.snapshot.age');
    expect(snapshotPathFromArgv(['Ketenlens.exe', '--allow-file-access-from-files'], 'C:/')).toBeNull();
    expect(snapshotPathFromArgv(['ketenlens', '/data/Q3.SNAPSHOT.AGE'], '/')).toBe('/data/Q3.SNAPSHOT.AGE');
  });

  it('limits reads like the core: KETENLENS_MAX_SNAPSHOT_MB, else 4096 MB', () => {
    expect(maxReadBytes({})).toBe(4096e6);
    expect(maxReadBytes({ KETENLENS_MAX_SNAPSHOT_MB: '10' })).toBe(10e6);
    expect(maxReadBytes({ KETENLENS_MAX_SNAPSHOT_MB: 'lots' })).toBe(4096e6);
  });

  it('uses KETENLENS_DATA_DIR, else the same per-user folder as the command line', () => {
    expect(appDataDir({ KETENLENS_DATA_DIR: '/tmp/k' })).toBe('/tmp/k');
    expect(appDataDir({})).toBe(ketenlensDataDir({}));
  });

  it('compares granted paths case-insensitively on Windows only', () => {
    const windows = createPathGrants('win32');
    windows.grant('C:\\Data\\Q3.snapshot.age', { source: 'dialog', kind: 'snapshot' });
    expect(windows.lookup('c:\\data\\q3.snapshot.age')).not.toBeNull();
    const linux = createPathGrants('linux');
    linux.grant('/data/Q3.snapshot.age', { source: 'dialog', kind: 'snapshot' });
    expect(linux.lookup('/data/q3.snapshot.age')).toBeNull();
    expect(linux.lookup('/data/../data/Q3.snapshot.age')).not.toBeNull();
  });
});

describe('event queue', () => {
  it('holds open requests until the page listens, and again after a reload', () => {
    const send = vi.fn();
    const queue = createEventQueue(send);
    queue.post('file:open-request', { path: '/a.snapshot.age', name: 'a.snapshot.age' });
    expect(send).not.toHaveBeenCalled();
    queue.listening('menu:command');
    expect(send).not.toHaveBeenCalled();
    queue.listening('file:open-request');
    expect(send).toHaveBeenCalledWith('file:open-request', { path: '/a.snapshot.age', name: 'a.snapshot.age' });
    queue.post('menu:command', { command: 'open' });
    expect(send).toHaveBeenCalledTimes(2);
    queue.pageReloaded();
    queue.post('menu:command', { command: 'close' });
    expect(send).toHaveBeenCalledTimes(2);
  });
});

function fakeIpc(response: unknown = null) {
  const sent: unknown[][] = [];
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const ipc: IpcRendererLike = {
    invoke: vi.fn(async () => response),
    send: (...args: unknown[]) => void sent.push(args),
    on: (channel, listener) => listeners.set(channel, listener),
    removeListener: (channel) => listeners.delete(channel),
  };
  return { ipc, sent, listeners };
}

describe('preload bridge', () => {
  it('forwards contract channels and refuses others', async () => {
    const { ipc } = fakeIpc(['/a.snapshot.age']);
    const bridge = createBridge(ipc, () => '');
    expect(await bridge.invoke('recent:list', undefined)).toEqual(['/a.snapshot.age']);
    expect(ipc.invoke).toHaveBeenCalledWith('recent:list', undefined);
    // @ts-expect-error a channel outside the contract
    await expect(bridge.invoke('shell:openExternal', 'https://x')).rejects.toThrow('Unknown channel');
    // @ts-expect-error a channel outside the contract
    expect(() => bridge.on('ketenlens-internal:grant-dropped', () => undefined)).toThrow('Unknown channel');
  });

  it('hides the IPC event from listeners and reports the subscription', () => {
    const { ipc, sent, listeners } = fakeIpc();
    const bridge = createBridge(ipc, () => '');
    const received: unknown[] = [];
    const unsubscribe = bridge.on('menu:command', (payload) => received.push(payload));
    listeners.get('menu:command')?.({ sender: 'secret' }, { command: 'about' });
    expect(received).toEqual([{ command: 'about' }]);
    expect(sent).toContainEqual([LISTENING_CHANNEL, 'menu:command']);
    unsubscribe();
    expect(listeners.has('menu:command')).toBe(false);
  });

  it('grants a dropped file through pathForFile', () => {
    const { ipc, sent } = fakeIpc();
    const bridge = createBridge(ipc, () => '/home/a/dropped.snapshot.age');
    expect(bridge.pathForFile(new File([], 'dropped.snapshot.age'))).toBe('/home/a/dropped.snapshot.age');
    expect(sent).toEqual([[GRANT_DROPPED_CHANNEL, '/home/a/dropped.snapshot.age']]);
  });

  it('turns a typed refusal in main into a parseable host error', async () => {
    const transported = toTransportError(new WrongPassphraseError());
    const { ipc } = fakeIpc();
    ipc.invoke = async () => Promise.reject(new Error(`Error invoking remote method 'file:read': Error: ${transported.message}`));
    const bridge = createBridge(ipc, () => '');
    const rejection = await bridge.invoke('file:read', { path: '/x' }).catch((error: unknown) => error);
    expect(parseHostError(rejection)).toEqual({
      code: 'wrong-passphrase',
      messageNl: new WrongPassphraseError().messageNl,
      messageEn: new WrongPassphraseError().messageEn,
    });
    expect(parseHostError(toTransportError(new Error('/home/a/secret path')))).toMatchObject({ code: 'internal' });
    expect(parseHostError(new Error('plain'))).toBeNull();
  });
});
