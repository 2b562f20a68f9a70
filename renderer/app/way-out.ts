// The UI half of the one way out (docs/SECURITY.md, "What leaves the app"). Every path by
// which a table or a query result leaves — grid export, the menu's "current table", copy
// selection, copy as HTML, a chart or map image, the Bijlage — calls sendOut and nothing
// else: it lets the worker protect and cut the table (renderer/worker/way-out.ts), asks the
// person to confirm what would leave unprotected, delivers (save dialog or clipboard) and
// writes the audit entry. test/ways-out.test.ts fails when a path goes around it.
import { DEFAULT_TABLE_DISCLOSURE, type DisclosureChoice } from '../../shared/export/disclosure';
import type { AuditAction, HostApi } from '../../shared/ipc/contract';
import type { TableModel } from '../../shared/tables/model';
import type { CoreClient } from '../worker/client';
import type { GridView, OutRisks, OutTarget } from '../worker/protocol';
import { saveBytes } from './save';

/** The ways out, as the audit trail names them. */
export type Way = 'grid-export' | 'menu-export' | 'copy-selection' | 'copy-html' | 'chart' | 'bijlage' | 'notification-draft' | 'art34-list';

export interface WayOutRequest {
  way: Way;
  models: TableModel[];
  /** What the grid shows of models[0]; null for whole tables. */
  view: GridView | null;
  disclosure: DisclosureChoice;
  target: OutTarget;
  /** Base of the suggested file name. */
  fileName: string;
  /** For a chart or map: the image the UI drew. */
  graphic?: { bytes: Uint8Array; format: 'png' | 'svg' };
}

export interface WayOutDependencies {
  core: Pick<CoreClient, 'call'>;
  host: HostApi;
  /** Ask the person about what would leave unprotected; true to go on. */
  confirm(risks: OutRisks): Promise<boolean>;
  clipboard: Pick<Clipboard, 'write' | 'writeText'>;
}

export type WayOutResult =
  | { kind: 'cancelled' }
  | { kind: 'done'; path: string | null; rows: number; hiddenCells: number; risks: OutRisks; confirmed: boolean };

/** The default for a model: suppression (k = 10) for tables; a query result is left as it is, and is confirmed instead. */
export function defaultDisclosure(model: TableModel): DisclosureChoice {
  return model.id === 'query' ? { method: 'none' } : DEFAULT_TABLE_DISCLOSURE;
}

export function disclosureText(choice: DisclosureChoice): string {
  if (choice.method === 'suppress') return `suppress:${choice.k}`;
  if (choice.method === 'round') return `round${choice.base}`;
  return 'none';
}

const AUDIT_ACTION: Record<OutTarget['kind'], AuditAction> = {
  file: 'export-table',
  bijlage: 'export-bijlage',
  'clipboard-text': 'copy-table',
  'clipboard-html': 'copy-table',
  graphic: 'export-chart',
  notification: 'export-table',
};

function formatOf(request: WayOutRequest): string {
  const { target } = request;
  if (target.kind === 'file' || target.kind === 'bijlage' || target.kind === 'notification') return target.format;
  if (target.kind === 'clipboard-text') return 'tsv';
  if (target.kind === 'clipboard-html') return 'html';
  return request.graphic?.format ?? 'image';
}

function confirmationText(risks: OutRisks): string {
  const reasons = [];
  if (risks.personLevel) reasons.push('person-level');
  if (risks.smallCells > 0) reasons.push(`small-counts:${risks.smallCells}<${risks.k}`);
  return reasons.join(', ');
}

/** Audit values stay short: the log holds what was done, not the data. */
const clip = (text: string) => (text.length > 1000 ? `${text.slice(0, 999)}…` : text);

export async function sendOut(dependencies: WayOutDependencies, request: WayOutRequest): Promise<WayOutResult> {
  const { core, host } = dependencies;
  const ask = { models: request.models, view: request.view, disclosure: request.disclosure, target: request.target };
  let response = await core.call('wayOut', { ...ask, confirmed: false });
  let confirmed = false;
  if (response.kind === 'confirm') {
    if (!(await dependencies.confirm(response.risks))) return { kind: 'cancelled' };
    confirmed = true;
    await host.invoke('audit:append', {
      action: 'confirm-unprotected-export',
      details: { way: request.way, tables: request.models.map((model) => model.id), confirmation: confirmationText(response.risks) },
    });
    response = await core.call('wayOut', { ...ask, confirmed: true });
  }
  if (response.kind !== 'ready') return { kind: 'cancelled' };

  const auditEntry = (path: string | null, sha256: string | null) => host.invoke('audit:append', {
    action: AUDIT_ACTION[request.target.kind],
    details: {
      way: request.way,
      tables: request.models.map((model) => model.id),
      parameters: request.models.map((model) => clip(JSON.stringify(model.parameters))),
      format: formatOf(request),
      disclosure: request.target.kind === 'graphic' ? 'none' : disclosureText(request.disclosure),
      rows: response.rows,
      hidden_cells: response.hiddenCells,
      view: response.viewNote,
      confirmed,
      confirmation: confirmed ? confirmationText(response.risks) : null,
      path,
      sha256,
    },
  });

  let path: string | null = null;
  const { target } = request;
  if (target.kind === 'file' || target.kind === 'bijlage' || target.kind === 'graphic' || target.kind === 'notification') {
    const bytes = target.kind === 'graphic' ? request.graphic?.bytes : response.bytes;
    if (bytes === undefined || bytes === null) return { kind: 'cancelled' };
    // The host records the write itself before writing; this entry says what was written.
    const saved = await saveBytes(host, request.fileName, formatOf(request), bytes);
    if (saved === null) return { kind: 'cancelled' };
    path = saved.path;
    await auditEntry(saved.path, saved.sha256);
  } else {
    // Recorded first: a copy that cannot be recorded does not happen.
    await auditEntry(null, null);
    if (target.kind === 'clipboard-html') {
      const html = response.html ?? '';
      const text = response.text ?? '';
      await dependencies.clipboard.write([
        new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([text], { type: 'text/plain' }) }),
      ]);
    } else {
      await dependencies.clipboard.writeText(response.text ?? '');
    }
  }
  return { kind: 'done', path, rows: response.rows, hiddenCells: response.hiddenCells, risks: response.risks, confirmed };
}
