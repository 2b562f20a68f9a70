// The IPC handlers of the host with fake dialogs and files: the allow-list of file:read,
// exports written only where the person chose and recorded in the audit trail.
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createInvokeHandlers, type HostDependencies } from '../../electron/ipc/handlers';
import { createPathGrants, kindOfDroppedFile } from '../../electron/files/path-grants';
import { checkSettingsUpdate, DEFAULT_APP_SETTINGS, type AuditEventInput } from '../../shared/ipc/contract';
import { ASSESSMENT_FORMAT, type SavedAssessment } from '../../shared/analyses/datalek/assessment';

const SEALED = new TextEncoder().encode('age-encryption.org/v1\n-> scrypt abc 10\n');
const ENTRY = { seq: 41, hash: '4a'.repeat(32) };
const noTrail = { append: async () => Promise.reject(new Error('EROFS: read-only file system')), read: async () => ({ entries: [], verification: { ok: true as const } }) };

function fakeHost(overrides: Partial<HostDependencies> = {}) {
  const audited: AuditEventInput[] = [];
  const written = new Map<string, Uint8Array>();
  const recent: string[] = [];
  const snapshotsRead: string[] = [];
  const saved: SavedAssessment[] = [];
  const settings = { ...DEFAULT_APP_SETTINGS };
  const deps: HostDependencies = {
    language: () => 'en',
    showOpenDialog: async () => '/home/analyst/q3.snapshot.age',
    showSaveDialog: async (options) => `/home/analyst/exports/${options.defaultPath.split('/').at(-1)}`,
    files: {
      stat: async (path) => ({ size: path.includes('huge') ? 5e9 : 4, isFile: !path.endsWith('/') }),
      readFile: async () => new Uint8Array([1, 2, 3, 4]),
      writeFileAtomic: async (path, bytes) => {
        written.set(path, bytes);
      },
      remove: async (path) => {
        written.delete(path);
      },
    },
    grants: createPathGrants('linux'),
    recent: { list: async () => [...recent], add: async (path) => void recent.unshift(path) },
    audit: {
      append: async (input) => {
        audited.push(input);
        return { seq: audited.length, hash: audited.length.toString(16).padStart(2, '0').repeat(32) };
      },
      read: async () => ({ entries: [], verification: { ok: true } }),
    },
    dataDir: '/home/analyst/.config/Ketenlens',
    appInfo: async () => ({ version: '0.1.0', platform: 'linux', host: 'electron', demoSnapshotPath: null }),
    assessments: {
      list: async (sha) => saved.filter((record) => record.snapshotSha256 === sha),
      save: async (record) => {
        saved.push(record);
        return record;
      },
    },
    settings: {
      read: async () => ({ ...settings }),
      update: async (request) => Object.assign(settings, checkSettingsUpdate(request)),
    },
    now: () => new Date('2026-12-05T08:00:00.123Z'),
    documentsDir: '/home/analyst/Documents',
    maxReadBytes: 2e9,
    onSnapshotRead: (path) => void snapshotsRead.push(path),
    ...overrides,
  };
  return { handlers: createInvokeHandlers(deps), audited, written, recent, snapshotsRead, saved, deps };
}

describe('file:read allow-list', () => {
  it('refuses a path the user never chose', async () => {
    const { handlers } = fakeHost();
    await expect(handlers['file:read']({ path: '/home/analyst/.ssh/id_ed25519' })).rejects.toMatchObject({ code: 'file-read' });
    await expect(handlers['file:read']({ path: 'relative.snapshot.age' })).rejects.toMatchObject({ code: 'file-read' });
    await expect(handlers['file:read']('not a request')).rejects.toMatchObject({ code: 'invalid-parameter' });
  });

  it('reads a picked snapshot and puts it in the recent list', async () => {
    const { handlers, recent, snapshotsRead } = fakeHost();
    expect(await handlers['snapshot:pick'](undefined)).toEqual({ path: '/home/analyst/q3.snapshot.age', name: 'q3.snapshot.age' });
    const file = await handlers['file:read']({ path: '/home/analyst/q3.snapshot.age' });
    // With the bytes' SHA-256 (hashed as read in main, so the worker does not copy them to hash):
    // sha256sum of the bytes 01 02 03 04.
    expect(file).toEqual({
      name: 'q3.snapshot.age',
      bytes: new Uint8Array([1, 2, 3, 4]),
      sha256: '9f64a747e1b97f131fabb6b447296c9b6f0201e79fb3c5356e6c77e89b6a806a',
    });
    expect(recent).toEqual(['/home/analyst/q3.snapshot.age']);
    expect(snapshotsRead).toEqual(['/home/analyst/q3.snapshot.age']);
  });

  it('never puts an identity file in the recent list', async () => {
    const { handlers, recent } = fakeHost({ showOpenDialog: async () => '/home/analyst/key.txt' });
    await handlers['identity:pick'](undefined);
    await handlers['file:read']({ path: '/home/analyst/key.txt' });
    expect(recent).toEqual([]);
  });

  it('grants paths from the recent list, drops and OS open requests', async () => {
    const host = fakeHost();
    host.recent.push('/mnt/share/old.snapshot.age');
    await host.handlers['recent:list'](undefined);
    await expect(host.handlers['file:read']({ path: '/mnt/share/old.snapshot.age' })).resolves.toMatchObject({ name: 'old.snapshot.age' });
    host.deps.grants.grant('/tmp/dropped.snapshot.age', { source: 'drop', kind: kindOfDroppedFile('/tmp/dropped.snapshot.age') });
    await expect(host.handlers['file:read']({ path: '/tmp/dropped.snapshot.age' })).resolves.toMatchObject({ name: 'dropped.snapshot.age' });
    expect(kindOfDroppedFile('/tmp/my-key.txt')).toBe('identity');
  });

  it('refuses a file above the size limit before reading it', async () => {
    const { handlers, deps } = fakeHost();
    deps.grants.grant('/data/huge.snapshot.age', { source: 'dialog', kind: 'snapshot' });
    await expect(handlers['file:read']({ path: '/data/huge.snapshot.age' })).rejects.toMatchObject({ code: 'file-too-large' });
  });

  it('returns null when a dialog is cancelled', async () => {
    const { handlers } = fakeHost({ showOpenDialog: async () => null, showSaveDialog: async () => null });
    expect(await handlers['snapshot:pick'](undefined)).toBeNull();
    expect(await handlers['export:save']({ suggestedName: 'a.snapshot.age', filters: [], bytes: SEALED })).toBeNull();
  });
});

describe('export:save (a sealed snapshot)', () => {
  it('writes age ciphertext where the user chose, returns the sha256 and records it as the seal it is, before writing', async () => {
    const { handlers, written, audited } = fakeHost();
    const saved = await handlers['export:save']({ suggestedName: '../../etc/q3.snapshot.age', filters: [{ name: 'Ketenlens-snapshot', extensions: ['age'] }], bytes: SEALED });
    expect(saved).toEqual({ path: '/home/analyst/exports/q3.snapshot.age', sha256: createHash('sha256').update(SEALED).digest('hex') });
    expect(written.get('/home/analyst/exports/q3.snapshot.age')).toEqual(SEALED);
    expect(audited).toEqual([{ action: 'seal', details: { source: 'host', stage: 'write', out: saved?.path, sha256: saved?.sha256, bytes: SEALED.length } }]);
    const armored = new TextEncoder().encode('-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n');
    await expect(handlers['export:save']({ suggestedName: 'q3.snapshot.age', filters: [], bytes: armored })).resolves.toMatchObject({ path: '/home/analyst/exports/q3.snapshot.age' });
  });

  it('refuses anything but age ciphertext, before asking: a table goes out through export:write with its entries', async () => {
    const { handlers, written, audited } = fakeHost({ showSaveDialog: async () => { throw new Error('the dialog must not open'); } });
    await expect(handlers['export:save']({ suggestedName: 'Tabel 3.csv', filters: [], bytes: new TextEncoder().encode('Peildatum;2019\n') }))
      .rejects.toMatchObject({ code: 'invalid-parameter', messageEn: expect.stringContaining('only an encrypted snapshot') });
    expect(written.size).toBe(0);
    expect(audited).toEqual([]);
  });

  it('does not write when the save cannot be audited', async () => {
    const { handlers, written } = fakeHost({ audit: noTrail });
    await expect(handlers['export:save']({ suggestedName: 'q3.snapshot.age', filters: [], bytes: SEALED })).rejects.toMatchObject({ code: 'audit-unavailable' });
    expect(written.size).toBe(0);
  });

  it('refuses malformed requests', async () => {
    const { handlers } = fakeHost();
    await expect(handlers['export:save']({ suggestedName: 'a.csv', filters: [], bytes: 'abc' })).rejects.toMatchObject({ code: 'invalid-parameter' });
    await expect(handlers['export:save']({ suggestedName: 'a.csv', filters: [{ name: 'x', extensions: ['c sv'] }], bytes: new Uint8Array() }))
      .rejects.toMatchObject({ code: 'invalid-parameter' });
  });
});


describe('export:choose and export:write', () => {
  it('writes where the person chose, then records export-written naming the export entry with the SHA-256', async () => {
    const { handlers, written, audited } = fakeHost();
    const chosen = await handlers['export:choose']({ suggestedName: '../Tabel 1.xlsx', filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
    expect(chosen).toEqual({ path: '/home/analyst/exports/Tabel 1.xlsx', name: 'Tabel 1.xlsx' });
    // Choosing records nothing: a cancelled export leaves no entry.
    expect(audited).toEqual([]);
    const bytes = new TextEncoder().encode('abc');
    const result = await handlers['export:write']({ path: '/home/analyst/exports/Tabel 1.xlsx', bytes, sidecar: null, entry: ENTRY });
    expect(written.get('/home/analyst/exports/Tabel 1.xlsx')).toEqual(bytes);
    const sha256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(audited).toEqual([{
      action: 'export-written',
      details: { source: 'host', export_seq: 41, export_hash: ENTRY.hash, path: '/home/analyst/exports/Tabel 1.xlsx', ok: true, sha256, bytes: 3 },
    }]);
    expect(result).toEqual({ path: '/home/analyst/exports/Tabel 1.xlsx', sha256, size: 3, sidecar: null, written: { seq: 1, hash: '01'.repeat(32) } });
  });

  it("writes CSV's provenance sidecar beside it and records both hashes", async () => {
    const { handlers, written, audited } = fakeHost();
    await handlers['export:choose']({ suggestedName: 't.csv', filters: [] });
    const sidecar = new TextEncoder().encode('{}\n');
    const result = await handlers['export:write']({ path: '/home/analyst/exports/t.csv', bytes: new Uint8Array([1]), sidecar, entry: ENTRY });
    expect(written.get('/home/analyst/exports/t.csv.provenance.json')).toEqual(sidecar);
    expect(result.sidecar?.path).toBe('/home/analyst/exports/t.csv.provenance.json');
    expect(audited[0]?.details).toMatchObject({ sidecar: '/home/analyst/exports/t.csv.provenance.json', sidecar_sha256: result.sidecar?.sha256 });
  });

  it('writes only a path the dialog gave, once; a cancelled dialog grants nothing', async () => {
    const { handlers, written, audited } = fakeHost();
    const write = (path: string) => handlers['export:write']({ path, bytes: new Uint8Array([1]), sidecar: null, entry: ENTRY });
    await expect(write('/home/analyst/.bashrc')).rejects.toMatchObject({ code: 'file-write', messageEn: expect.stringContaining('not chosen by you') });
    await handlers['export:choose']({ suggestedName: 'a.md', filters: [] });
    await write('/home/analyst/exports/a.md');
    await expect(write('/home/analyst/exports/a.md')).rejects.toMatchObject({ code: 'file-write' });
    const cancelled = fakeHost({ showSaveDialog: async () => null });
    expect(await cancelled.handlers['export:choose']({ suggestedName: 'b.md', filters: [] })).toBeNull();
    await expect(cancelled.handlers['export:write']({ path: '/home/analyst/Documents/b.md', bytes: new Uint8Array([1]), sidecar: null, entry: ENTRY }))
      .rejects.toMatchObject({ code: 'file-write' });
    expect([...written.keys()]).toEqual(['/home/analyst/exports/a.md']);
    expect(audited).toHaveLength(1);
    expect(cancelled.audited).toEqual([]);
  });

  it('a failed write is recorded as export-written ok:false with the error, and leaves no file', async () => {
    const stored = new Map<string, Uint8Array>();
    const host = fakeHost({
      files: {
        stat: async () => ({ size: 1, isFile: true }), readFile: async () => new Uint8Array(), remove: async (path) => void stored.delete(path),
        // The file goes in, its sidecar does not.
        writeFileAtomic: async (path, bytes) => (path.endsWith('.json') ? Promise.reject(new Error('ENOSPC')) : void stored.set(path, bytes)),
      },
    });
    await host.handlers['export:choose']({ suggestedName: 't.csv', filters: [] });
    await expect(host.handlers['export:write']({ path: '/home/analyst/exports/t.csv', bytes: new Uint8Array([1]), sidecar: new Uint8Array([2]), entry: ENTRY }))
      .rejects.toMatchObject({ code: 'file-write' });
    expect(stored.size).toBe(0);
    expect(host.audited).toEqual([{
      action: 'export-written',
      details: { source: 'host', export_seq: 41, export_hash: ENTRY.hash, path: '/home/analyst/exports/t.csv', ok: false, code: 'FileWriteError' },
    }]);
  });

  it('a file whose export-written entry cannot be appended is removed again, and the trail named', async () => {
    const { handlers, written } = fakeHost({ audit: noTrail });
    await handlers['export:choose']({ suggestedName: 't.docx', filters: [] });
    await expect(handlers['export:write']({ path: '/home/analyst/exports/t.docx', bytes: new Uint8Array([1]), sidecar: null, entry: ENTRY }))
      .rejects.toMatchObject({ code: 'audit-unavailable', messageEn: expect.stringContaining("The audit trail in '/home/analyst/.config/Ketenlens' cannot be written (EROFS") });
    expect(written.size).toBe(0);
  });

  it('refuses malformed write requests', async () => {
    const { handlers } = fakeHost();
    await handlers['export:choose']({ suggestedName: 't.md', filters: [] });
    const path = '/home/analyst/exports/t.md';
    for (const request of [
      { path, bytes: 'abc', sidecar: null, entry: ENTRY },
      { path, bytes: new Uint8Array(), sidecar: 'x', entry: ENTRY },
      { path, bytes: new Uint8Array(), sidecar: null, entry: { seq: 0, hash: ENTRY.hash } },
      { path, bytes: new Uint8Array(), sidecar: null, entry: { seq: 1, hash: 'not-a-hash' } },
      { path, bytes: new Uint8Array(), sidecar: null },
    ]) {
      await expect(handlers['export:write'](request)).rejects.toMatchObject({ code: 'invalid-parameter' });
    }
  });
});

describe('audit:append', () => {
  it('returns the reference of the entry (for the file that names it), and nothing else of the trail', async () => {
    const { handlers } = fakeHost();
    await handlers['audit:append']({ action: 'lock', details: {} });
    expect(await handlers['audit:append']({ action: 'export-table', details: { tables: ['elip-cohorten'] } })).toEqual({ seq: 2, hash: '02'.repeat(32) });
  });

  it('a trail that cannot be written is refused naming the data folder', async () => {
    const { handlers } = fakeHost({ audit: noTrail });
    await expect(handlers['audit:append']({ action: 'export-table', details: {} })).rejects.toMatchObject({
      code: 'audit-unavailable',
      messageNl: expect.stringContaining("Het auditlog in '/home/analyst/.config/Ketenlens' kan niet worden bijgewerkt (EROFS: read-only file system). Er is niets geschreven"),
    });
  });

  it('passes checked events and refuses secrets', async () => {
    const append = vi.fn(async () => ({ seq: 1, hash: 'ab'.repeat(32) }));
    const { handlers } = fakeHost({ audit: { append, read: async () => ({ entries: [], verification: { ok: true } }) } });
    await handlers['audit:append']({ action: 'lock', details: {} });
    expect(append).toHaveBeenCalledWith({ action: 'lock', details: {} });
    await expect(handlers['audit:append']({ action: 'open', details: { passphrase: 'hunter2' } })).rejects.toMatchObject({ code: 'invalid-parameter' });
    await expect(handlers['audit:append']({ action: 'delete-everything', details: {} })).rejects.toMatchObject({ code: 'invalid-parameter' });
    expect(append).toHaveBeenCalledOnce();
  });
});

describe('assessment:save and assessment:list', () => {
  const sha = 'ab'.repeat(32);
  const record = {
    format: ASSESSMENT_FORMAT, incident: 'INC-1', factors: { cb: 0.5 }, circumstances: {}, reasoning: 'Ingezien door gemeenten.',
    assessor: 'A. Beoordelaar', snapshotSha256: sha, peildatum: '2022-01-31', savedAt: '1999-01-01T00:00:00Z', via: 'cli',
    result: { dpc: 3, ei: 1, cb: 0.5, se: 3.5, ernst: 'hoog' },
  };

  it("stamps the host's clock and the way in, and lists what was saved", async () => {
    const { handlers } = fakeHost();
    const stored = await handlers['assessment:save']({ assessment: record });
    expect(stored).toMatchObject({ savedAt: '2026-12-05T08:00:00Z', via: 'app', assessor: 'A. Beoordelaar' });
    expect(await handlers['assessment:list']({ snapshotSha256: sha })).toEqual({ assessments: [stored], storage: 'data-folder' });
  });

  it('refuses a record with a BSN-like number or without a name', async () => {
    const { handlers, saved } = fakeHost();
    await expect(handlers['assessment:save']({ assessment: { ...record, reasoning: 'zie 123456789' } })).rejects.toMatchObject({ code: 'invalid-parameter' });
    await expect(handlers['assessment:save']({ assessment: { ...record, assessor: ' ' } })).rejects.toMatchObject({ code: 'invalid-parameter' });
    await expect(handlers['assessment:list']({})).rejects.toMatchObject({ code: 'invalid-parameter' });
    expect(saved).toEqual([]);
  });
});
