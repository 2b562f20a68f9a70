// The app's host code and the command line write and check one trail: entries the host's
// IPC handler appends (as electron/main.ts wires it) carry the OS account and host from
// Node, not from the page, and `ketenlens audit verify` on the same folder checks them.
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvokeHandlers, type HostDependencies } from '../../electron/ipc/handlers';
import { createPathGrants } from '../../electron/files/path-grants';
import { appendAudit, hostActor, readAndVerifyAudit } from '../../shared/node/audit';
import { main } from '../../shared/node/cli/main';
import { createSessionTrail } from '../../shared/audit/session-trail';
import { DEFAULT_APP_SETTINGS } from '../../shared/ipc/contract';
import { captureCliIo } from '../support/cli-io';

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ketenlens-shared-trail-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function hostHandlers() {
  const deps: HostDependencies = {
    language: () => 'en',
    showOpenDialog: async () => null,
    showSaveDialog: async () => null,
    files: { stat: async () => ({ size: 1, isFile: true }), readFile: async () => new Uint8Array(), writeFileAtomic: async () => undefined, remove: async () => undefined },
    grants: createPathGrants('linux'),
    recent: { list: async () => [], add: async () => undefined },
    // As electron/main.ts wires it.
    audit: { append: (input) => appendAudit(dataDir, input).then((entry) => ({ seq: entry.seq, hash: entry.hash })), read: () => readAndVerifyAudit(dataDir) },
    dataDir,
    appInfo: async () => ({ version: '0.1.0', platform: 'linux', host: 'electron', demoSnapshotPath: null }),
    documentsDir: dataDir,
    maxReadBytes: 1e9,
    onSnapshotRead: () => undefined,
    assessments: { list: async () => [], save: async (record) => record },
    now: () => new Date(),
    settings: { read: async () => DEFAULT_APP_SETTINGS, update: async () => DEFAULT_APP_SETTINGS },
  };
  return createInvokeHandlers(deps);
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string }> {
  const captured = captureCliIo({ cwd: dataDir, env: { KETENLENS_DATA_DIR: dataDir } });
  const code = await main(argv, captured.io);
  return { code, stdout: captured.stdout() };
}

describe('one trail for the app and the command line', () => {
  it('ketenlens audit verify checks a trail written by the app host, whose entries name the OS account and host', async () => {
    const handlers = hostHandlers();
    await handlers['audit:append']({ action: 'open', details: { path: '/s/q3.snapshot.age', sha256: 'ab'.repeat(32), key_kind: 'identity', account: 'spoofed-by-page', host: 'page' } });
    await handlers['audit:append']({ action: 'query', details: { sql: 'SELECT count(*) FROM inburgeraar', rows: 1 } });
    const read = await handlers['audit:read'](undefined);
    expect(read.entries.map((entry) => entry.details)).toMatchObject([
      { key_kind: 'identity', account: hostActor().account, host: hostname() },
      { sql: 'SELECT count(*) FROM inburgeraar', rows: 1, account: hostActor().account, host: hostname() },
    ]);
    expect(await cli(['audit', 'verify'])).toEqual({ code: 0, stdout: 'Audit trail intact: 2 entries checked.\n' });
    // And the command line's entries continue the same chain.
    await appendAudit(dataDir, { action: 'open', details: { source: 'cli', command: 'info' } });
    expect((await cli(['audit', 'verify'])).stdout).toBe('Audit trail intact: 3 entries checked.\n');
  });

  it('the browser host keeps a real chain for its session, not a claim of one', () => {
    const trail = createSessionTrail({ source: 'browser', durable: false });
    trail.append({ action: 'open', details: { path: 'browser:1/demo.snapshot.age' } });
    trail.append({ action: 'query', details: { rows: 3 } });
    const read = trail.read();
    expect(read.verification).toEqual({ ok: true });
    expect(read.entries.map((entry) => [entry.seq, entry.hash.length, entry.details.source])).toEqual([[1, 64, 'browser'], [2, 64, 'browser']]);
    expect(read.entries[1]?.previous).toBe(read.entries[0]?.hash);
    expect(() => trail.append({ action: 'open', details: { passphrase: 'x' } })).toThrow(/audit details/);
  });
});
