// The UI half of the one way out with the real worker half behind a fake core and a fake
// host: asking, cancelling (nothing leaves, nothing is written), the order of a file's
// way out (entry → bytes naming it → write → export-written), copies, a refused trail.
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_TABLE_DISCLOSURE } from '../../shared/export/disclosure';
import { readProvenance } from '../../shared/export/provenance';
import { auditTrailUnavailable } from '../../shared/errors';
import {
  HOST_ERROR_PREFIX, type AuditEventInput, type ExportWrite, type HostApi, type InvokeChannel, type InvokeContract,
} from '../../shared/ipc/contract';
import { tabel1Model } from '../../test/golden/tabel1';
import { asWireError } from '../worker/client';
import type { CoreRequests, OutRisks } from '../worker/protocol';
import { prepareOutgoing } from '../worker/way-out';
import { sendOut, type WayOutDependencies, type WayOutRequest } from './way-out';

const hashOf = (seq: number) => seq.toString(16).padStart(2, '0').repeat(32);

interface HarnessOptions {
  /** The person's answer to a confirmation. */
  answer?: boolean;
  /** What the save dialog gives; null: cancelled. */
  chosen?: string | null;
  /** The host cannot append to the trail (as electron/ipc/handlers.ts refuses it). */
  trailBroken?: boolean;
}

function harness({ answer = true, chosen = '/tmp/t.xlsx', trailBroken = false }: HarnessOptions = {}) {
  /** Every step, in order: host channels and the worker's wayOut with the entry it was given. */
  const steps: string[] = [];
  const audit: (AuditEventInput & { seq: number })[] = [];
  const writes: ExportWrite[] = [];
  const asked: OutRisks[] = [];
  const answerOf = async (channel: InvokeChannel, request: unknown): Promise<unknown> => {
    steps.push(channel === 'audit:append' ? `append ${(request as AuditEventInput).action}` : channel);
    switch (channel) {
      case 'audit:append': {
        if (trailBroken) {
          const refusal = auditTrailUnavailable('/data', new Error('EACCES: permission denied'));
          throw new Error(`${HOST_ERROR_PREFIX}${JSON.stringify({ code: refusal.code, messageNl: refusal.messageNl, messageEn: refusal.messageEn })}`);
        }
        const seq = audit.length + 1;
        audit.push({ ...(request as AuditEventInput), seq });
        return { seq, hash: hashOf(seq) };
      }
      case 'export:choose':
        return chosen === null ? null : { path: chosen, name: chosen.split('/').at(-1) };
      case 'export:write': {
        const write = request as ExportWrite;
        writes.push(write);
        // As the hosts do: export-written names the export's entry.
        const seq = audit.length + 1;
        audit.push({ action: 'export-written', details: { export_seq: write.entry.seq, export_hash: write.entry.hash, path: write.path }, seq });
        return { path: write.path, sha256: 'ab'.repeat(32), size: write.bytes.length, sidecar: null, written: { seq, hash: hashOf(seq) } };
      }
      default:
        throw new Error(`unexpected channel ${channel}`);
    }
  };
  const host: HostApi = {
    // The fake answers each channel with its contract's response shape (checked by the assertions below).
    invoke: <C extends InvokeChannel>(channel: C, request: InvokeContract[C]['request']) => answerOf(channel, request) as Promise<InvokeContract[C]['response']>,
    on: () => () => undefined,
  };
  const clipboard = { write: vi.fn(async () => undefined), writeText: vi.fn(async (_text: string) => undefined) };
  // The fake core answers only 'wayOut', the one operation sendOut calls, with the real worker half.
  const call = async (_operation: 'wayOut', payload: CoreRequests['wayOut']['request']) => {
    steps.push(payload.audit === null ? 'wayOut' : `wayOut naming ${payload.audit.seq}`);
    return prepareOutgoing(payload);
  };
  const dependencies: WayOutDependencies = {
    core: { call } as unknown as WayOutDependencies['core'],
    host,
    confirm: async (risks) => {
      asked.push(risks);
      return answer;
    },
    clipboard,
  };
  return { dependencies, steps, audit, writes, asked, clipboard };
}

const copyTabel1: WayOutRequest = {
  way: 'copy-selection',
  models: [tabel1Model()],
  view: { filters: {}, search: '', sorting: [], hiddenColumns: [], selectedRows: [] },
  disclosure: DEFAULT_TABLE_DISCLOSURE,
  target: { kind: 'clipboard-text' },
  fileName: 'elip-cohorten',
};
const exportTabel1: WayOutRequest = { ...copyTabel1, way: 'grid-export', view: null, target: { kind: 'file', format: 'xlsx' } };

describe('sendOut: a copy', () => {
  it('copies Tabel 1 protected by default, without asking, recorded first with the command line keys', async () => {
    const { dependencies, audit, asked, clipboard, steps } = harness();
    const result = await sendOut(dependencies, copyTabel1);
    expect(result).toMatchObject({ kind: 'done', path: null, rows: 3, confirmed: false });
    expect(asked).toEqual([]);
    expect(steps).toEqual(['wayOut', 'append copy-table']);
    expect(clipboard.writeText.mock.calls[0]?.[0]).toContain('<10');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'copy-table',
      details: {
        way: 'copy-selection', snapshot_sha256: tabel1Model().provenance.snapshot_sha256, tables: ['elip-cohorten'], format: 'tsv',
        disclosure: 'suppress:10', path: null, rows: 3, confirmed: false, confirmation: null,
      },
    });
    // The same text as `ketenlens table` records: {id: parameters}.
    expect(audit[0]?.details.parameters).toBe(JSON.stringify({ 'elip-cohorten': tabel1Model().parameters }));
  });

  it('cancelling a confirmation leaves nothing: no clipboard, no dialog, no entry', async () => {
    const { dependencies, audit, writes, asked, clipboard, steps } = harness({ answer: false });
    const unprotected = { ...copyTabel1, disclosure: { method: 'none' } as const };
    expect(await sendOut(dependencies, unprotected)).toEqual({ kind: 'cancelled' });
    expect(await sendOut(dependencies, { ...unprotected, way: 'grid-export', target: { kind: 'file', format: 'xlsx' } })).toEqual({ kind: 'cancelled' });
    expect(asked).toEqual([{ personLevel: false, smallCells: 3, k: 10 }, { personLevel: false, smallCells: 3, k: 10 }]);
    expect(clipboard.writeText).not.toHaveBeenCalled();
    expect(steps).toEqual(['wayOut', 'wayOut']);
    expect(writes).toEqual([]);
    expect(audit).toEqual([]);
  });
});

describe('sendOut: a file, as the command line makes one', () => {
  it('chooses the path, appends the entry, makes the bytes naming it, writes, and export-written names the entry', async () => {
    const { dependencies, audit, writes, steps } = harness();
    const result = await sendOut(dependencies, exportTabel1);
    expect(result).toMatchObject({ kind: 'done', path: '/tmp/t.xlsx', rows: 3, confirmed: false });
    expect(steps).toEqual(['wayOut', 'export:choose', 'append export-table', 'wayOut naming 1', 'export:write']);
    expect(audit[0]).toMatchObject({
      seq: 1, action: 'export-table',
      details: { way: 'grid-export', tables: ['elip-cohorten'], format: 'xlsx', disclosure: 'suppress:10', path: '/tmp/t.xlsx' },
    });
    const [write] = writes;
    expect(write?.entry).toEqual({ seq: 1, hash: hashOf(1) });
    expect(write?.path).toBe('/tmp/t.xlsx');
    // The bytes written are the file that names entry 1: machine-readable and in words.
    expect(readProvenance(write?.bytes ?? new Uint8Array(), 't.xlsx')?.audit).toEqual({ seq: 1, hash: hashOf(1) });
    expect(audit[1]).toMatchObject({ action: 'export-written', details: { export_seq: 1, export_hash: hashOf(1) } });
  });

  it('a confirmed unprotected export records the confirmation after the dialog, then the export', async () => {
    const { dependencies, audit, steps } = harness();
    const result = await sendOut(dependencies, { ...exportTabel1, way: 'menu-export', disclosure: { method: 'none' } });
    expect(result).toMatchObject({ kind: 'done', path: '/tmp/t.xlsx', confirmed: true });
    expect(steps).toEqual(['wayOut', 'wayOut', 'export:choose', 'append confirm-unprotected-export', 'append export-table', 'wayOut naming 2', 'export:write']);
    expect(audit[0]?.details).toMatchObject({ way: 'menu-export', confirmation: 'small-counts:3<10', path: '/tmp/t.xlsx' });
    expect(audit[1]?.details).toMatchObject({ format: 'xlsx', disclosure: 'none', confirmed: true, confirmation: 'small-counts:3<10' });
  });

  it('a CSV hands its provenance sidecar (naming the entry) to the host with the file', async () => {
    const { dependencies, writes } = harness({ chosen: '/tmp/t.csv' });
    await sendOut(dependencies, { ...exportTabel1, target: { kind: 'file', format: 'csv' } });
    expect(readProvenance(writes[0]?.sidecar ?? new Uint8Array(), 't.csv.provenance.json')?.audit).toEqual({ seq: 1, hash: hashOf(1) });
  });

  it('a bijlage and a chart go the same way; the chart is written as drawn', async () => {
    const bijlage = harness({ chosen: '/tmp/bijlage.docx' });
    await sendOut(bijlage.dependencies, { ...exportTabel1, way: 'bijlage', models: [tabel1Model(), tabel1Model()], target: { kind: 'bijlage', format: 'docx' } });
    expect(bijlage.steps).toEqual(['wayOut', 'export:choose', 'append export-bijlage', 'wayOut naming 1', 'export:write']);
    expect(readProvenance(bijlage.writes[0]?.bytes ?? new Uint8Array(), 'bijlage.docx')?.audit?.seq).toBe(1);

    const chart = harness({ chosen: '/tmp/grafiek.svg' });
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const result = await sendOut(chart.dependencies, { ...exportTabel1, way: 'chart', disclosure: { method: 'none' }, target: { kind: 'graphic' }, graphic: { bytes: svg, format: 'svg' } });
    expect(result).toMatchObject({ kind: 'done', path: '/tmp/grafiek.svg', confirmed: true });
    expect(chart.steps).toEqual(['wayOut', 'wayOut', 'export:choose', 'append confirm-unprotected-export', 'append export-chart', 'export:write']);
    expect(chart.writes[0]).toMatchObject({ bytes: svg, sidecar: null, entry: { seq: 2 } });
  });

  it('a save dialog cancelled records nothing and makes nothing', async () => {
    const { dependencies, audit, writes, steps } = harness({ chosen: null });
    expect(await sendOut(dependencies, { ...exportTabel1, target: { kind: 'file', format: 'csv' } })).toEqual({ kind: 'cancelled' });
    expect(steps).toEqual(['wayOut', 'export:choose']);
    expect(audit).toEqual([]);
    expect(writes).toEqual([]);
  });

  it('a trail that cannot be written refuses the export with its message: no bytes made, nothing written', async () => {
    const { dependencies, writes, steps, clipboard } = harness({ trailBroken: true });
    const refused = await sendOut(dependencies, exportTabel1).catch((error: unknown) => asWireError(error));
    expect(refused).toMatchObject({ code: 'audit-unavailable' });
    expect(refused).toHaveProperty('messageNl', expect.stringContaining("Het auditlog in '/data' kan niet worden bijgewerkt (EACCES: permission denied). Er is niets geschreven"));
    expect(steps).toEqual(['wayOut', 'export:choose', 'append export-table']);
    expect(writes).toEqual([]);
    // A copy too: recorded first, so not copied.
    await expect(sendOut(dependencies, copyTabel1)).rejects.toThrow(/audit-unavailable/);
    expect(clipboard.writeText).not.toHaveBeenCalled();
  });
});
