// The UI half of the one way out (docs/SECURITY.md, "What leaves the app"). Every path by
// which a table or a query result leaves — grid export, the menu's "current table", copy
// selection, copy as HTML, a chart or map image, the Bijlage — calls sendOut and nothing
// else: it lets the worker protect and cut the table (renderer/worker/way-out.ts), asks the
// person to confirm what would leave unprotected, records it in the audit trail and
// delivers (save dialog or clipboard); a file names the entry that records it.
// test/lint/ways-out.test.ts fails when a path goes around it.
import { DEFAULT_TABLE_DISCLOSURE, type DisclosureChoice } from '../../shared/export/disclosure';
import { UsageError } from '../../shared/errors';
import type { AuditAction, AuditEventInput, HostApi, PickedFile } from '../../shared/ipc/contract';
import type { TableModel } from '../../shared/tables/model';
import type { CoreClient } from '../worker/client';
import type { GridView, OutResponse, OutRisks, OutTarget } from '../worker/protocol';
import { chooseExportPath, writeExport } from './save';

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

/** Audit values stay short (the trail holds what was done, not the data) and within the trail's limit per value. */
const clip = (text: string) => (text.length > 4000 ? `${text.slice(0, 3999)}…` : text);

type Ready = Extract<OutResponse, { kind: 'ready' }>;

/**
 * The details of the entry that records a way out: the command line's keys for the same
 * facts (shared/node/cli/output.ts: snapshot_sha256, tables, parameters, format,
 * disclosure, path), then what only the app knows (the way, the view, the confirmation).
 */
function exportDetails(request: WayOutRequest, ready: Ready, confirmed: boolean, path: string | null): AuditEventInput['details'] {
  const { target } = request;
  return {
    way: request.way,
    snapshot_sha256: request.models[0]?.provenance.snapshot_sha256 ?? null,
    tables: request.models.map((model) => model.id),
    parameters: clip(JSON.stringify(Object.fromEntries(request.models.map((model) => [model.id, model.parameters])))),
    ...(target.kind === 'notification' ? { incident: target.input.incident } : {}),
    format: formatOf(request),
    disclosure: target.kind === 'graphic' ? 'none' : disclosureText(request.disclosure),
    path,
    rows: ready.rows,
    hidden_cells: ready.hiddenCells,
    view: ready.viewNote,
    confirmed,
    confirmation: confirmed ? confirmationText(ready.risks) : null,
  };
}

const isFileTarget = (target: OutTarget): target is Exclude<OutTarget, { kind: 'clipboard-text' | 'clipboard-html' }> =>
  target.kind !== 'clipboard-text' && target.kind !== 'clipboard-html';

/**
 * A file leaves as the command line's do (docs/SECURITY.md, "Exports name their audit
 * entry"): the person chooses the path (cancelled: nothing recorded, nothing written), the
 * export's entry is appended, the worker makes the file naming that entry, and the host
 * writes it and records `export-written` with its SHA-256. A copy is recorded, then made.
 * An entry that cannot be appended refuses the way out (the host says why); nothing leaves.
 */
export async function sendOut(dependencies: WayOutDependencies, request: WayOutRequest): Promise<WayOutResult> {
  const { core, host } = dependencies;
  const { target } = request;
  const ask = { models: request.models, view: request.view, disclosure: request.disclosure, target };
  // Asks what would leave; no file is made without its entry (audit: null).
  let response = await core.call('wayOut', { ...ask, confirmed: false, audit: null });
  let confirmed = false;
  if (response.kind === 'confirm') {
    if (!(await dependencies.confirm(response.risks))) return { kind: 'cancelled' };
    confirmed = true;
    response = await core.call('wayOut', { ...ask, confirmed: true, audit: null });
  }
  if (response.kind !== 'ready') return { kind: 'cancelled' };
  const ready = response;

  let chosen: PickedFile | null = null;
  if (isFileTarget(target)) {
    if (target.kind === 'graphic' && request.graphic === undefined) return { kind: 'cancelled' };
    chosen = await chooseExportPath(host, request.fileName, formatOf(request));
    if (chosen === null) return { kind: 'cancelled' };
  }

  if (confirmed) {
    await host.invoke('audit:append', {
      action: 'confirm-unprotected-export',
      details: { way: request.way, tables: request.models.map((model) => model.id), confirmation: confirmationText(ready.risks), path: chosen?.path ?? null },
    });
  }
  const entry = await host.invoke('audit:append', { action: AUDIT_ACTION[target.kind], details: exportDetails(request, ready, confirmed, chosen?.path ?? null) });
  const done = (path: string | null): WayOutResult => ({ kind: 'done', path, rows: ready.rows, hiddenCells: ready.hiddenCells, risks: ready.risks, confirmed });

  if (chosen === null) {
    if (target.kind === 'clipboard-html') {
      const html = ready.html ?? '';
      const text = ready.text ?? '';
      await dependencies.clipboard.write([
        new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([text], { type: 'text/plain' }) }),
      ]);
    } else {
      await dependencies.clipboard.writeText(ready.text ?? '');
    }
    return done(null);
  }

  let bytes: Uint8Array | null = null;
  let sidecar: Uint8Array | null = null;
  if (target.kind === 'graphic') {
    // The image the UI drew, as drawn: it carries no provenance (docs/SECURITY.md); its entries and SHA-256 trace it.
    bytes = request.graphic?.bytes ?? null;
  } else {
    const made = await core.call('wayOut', { ...ask, confirmed, audit: entry });
    if (made.kind === 'ready') {
      bytes = made.bytes;
      sidecar = made.sidecar;
    }
  }
  if (bytes === null) throw new UsageError('Het bestand kon niet worden gemaakt.', 'The file could not be made.');
  const written = await writeExport(host, { path: chosen.path, bytes, sidecar, entry });
  return done(written.path);
}
