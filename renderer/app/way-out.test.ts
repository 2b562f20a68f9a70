// The UI half of the one way out with the real worker half behind a fake core: asking,
// cancelling (nothing leaves, nothing is written), delivering and the audit entry.
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_TABLE_DISCLOSURE } from '../../shared/export/disclosure';
import type { AuditEventInput, HostApi, InvokeChannel, InvokeContract } from '../../shared/ipc/contract';
import { tabel1Model } from '../../test/golden/tabel1';
import type { CoreRequests, OutRisks } from '../worker/protocol';
import { prepareOutgoing } from '../worker/way-out';
import { sendOut, type WayOutDependencies, type WayOutRequest } from './way-out';

function harness(answer: boolean, saved: { path: string; sha256: string } | null = { path: '/tmp/t.xlsx', sha256: 'ab'.repeat(32) }) {
  const audit: AuditEventInput[] = [];
  const saves: InvokeContract['export:save']['request'][] = [];
  const asked: OutRisks[] = [];
  const host: HostApi = {
    invoke: async <C extends InvokeChannel>(channel: C, request: InvokeContract[C]['request']) => {
      if (channel === 'audit:append') audit.push(request as AuditEventInput);
      if (channel === 'export:save') {
        saves.push(request as InvokeContract['export:save']['request']);
        return saved as InvokeContract[C]['response'];
      }
      return undefined as InvokeContract[C]['response'];
    },
    on: () => () => undefined,
  };
  const clipboard = { write: vi.fn(async () => undefined), writeText: vi.fn(async (_text: string) => undefined) };
  // The fake core answers only 'wayOut', the one operation sendOut calls.
  const call = async (_operation: 'wayOut', payload: CoreRequests['wayOut']['request']) => prepareOutgoing(payload);
  const dependencies: WayOutDependencies = {
    core: { call } as unknown as WayOutDependencies['core'],
    host,
    confirm: async (risks) => {
      asked.push(risks);
      return answer;
    },
    clipboard,
  };
  return { dependencies, audit, saves, asked, clipboard };
}

const copyTabel1: WayOutRequest = {
  way: 'copy-selection',
  models: [tabel1Model()],
  view: { filters: {}, search: '', sorting: [], hiddenColumns: [], selectedRows: [] },
  disclosure: DEFAULT_TABLE_DISCLOSURE,
  target: { kind: 'clipboard-text' },
  fileName: 'elip-cohorten',
};

describe('sendOut', () => {
  it('copies Tabel 1 protected by default, without asking, and records it', async () => {
    const { dependencies, audit, asked, clipboard } = harness(true);
    const result = await sendOut(dependencies, copyTabel1);
    expect(result).toMatchObject({ kind: 'done', path: null, rows: 3, confirmed: false });
    expect(asked).toEqual([]);
    expect(clipboard.writeText.mock.calls[0]?.[0]).toContain('<10');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'copy-table',
      details: { way: 'copy-selection', tables: ['elip-cohorten'], format: 'tsv', disclosure: 'suppress:10', rows: 3, confirmed: false, confirmation: null },
    });
    expect(audit[0]?.details.parameters).toEqual([JSON.stringify(tabel1Model().parameters)]);
  });

  it('cancelling a confirmation leaves nothing: no clipboard, no file, no entry', async () => {
    const { dependencies, audit, saves, asked, clipboard } = harness(false);
    const unprotected = { ...copyTabel1, disclosure: { method: 'none' } as const };
    expect(await sendOut(dependencies, unprotected)).toEqual({ kind: 'cancelled' });
    expect(await sendOut(dependencies, { ...unprotected, way: 'grid-export', target: { kind: 'file', format: 'xlsx' } })).toEqual({ kind: 'cancelled' });
    expect(asked).toEqual([{ personLevel: false, smallCells: 3, k: 10 }, { personLevel: false, smallCells: 3, k: 10 }]);
    expect(clipboard.writeText).not.toHaveBeenCalled();
    expect(saves).toEqual([]);
    expect(audit).toEqual([]);
  });

  it('a confirmed unprotected export records the confirmation, then the export with path and hash', async () => {
    const { dependencies, audit, saves } = harness(true);
    const result = await sendOut(dependencies, { ...copyTabel1, way: 'menu-export', disclosure: { method: 'none' }, target: { kind: 'file', format: 'xlsx' } });
    expect(result).toMatchObject({ kind: 'done', path: '/tmp/t.xlsx', confirmed: true });
    expect(saves[0]?.suggestedName).toBe('elip-cohorten.xlsx');
    expect(audit.map((entry) => entry.action)).toEqual(['confirm-unprotected-export', 'export-table']);
    expect(audit[0]?.details).toMatchObject({ way: 'menu-export', confirmation: 'small-counts:3<10' });
    expect(audit[1]?.details).toMatchObject({ format: 'xlsx', disclosure: 'none', confirmed: true, path: '/tmp/t.xlsx', sha256: 'ab'.repeat(32) });
  });

  it('a save dialog cancelled writes no export entry', async () => {
    const { dependencies, audit } = harness(true, null);
    expect(await sendOut(dependencies, { ...copyTabel1, target: { kind: 'file', format: 'csv' } })).toEqual({ kind: 'cancelled' });
    expect(audit).toEqual([]);
  });
});
