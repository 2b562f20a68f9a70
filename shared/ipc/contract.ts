// The one typed IPC contract between the Electron main process, the preload and the
// renderer. The preload exposes exactly `KetenlensBridge` as `window.ketenlens`; the
// browser host implements the same `HostApi` without Electron. Nothing else crosses.
//
// Design: the core (decrypt, sql.js, analyses, exporters) runs in a Web Worker inside the
// renderer in both hosts, so the host only moves bytes: it picks and reads files and
// saves exports. Keys never cross IPC: passphrases and identities stay in the renderer.
import type { SavedAssessment } from '../analyses/datalek/assessment';
import type { AuditReference } from '../tables/model';

/** Invoke channels: renderer → main, with a response. */
export interface InvokeContract {
  /** Show the native open dialog for a snapshot; null when cancelled. */
  'snapshot:pick': { request: void; response: PickedFile | null };
  /** Read an encrypted snapshot (or identity file) the user picked, dropped or chose from Recent. */
  'file:read': { request: { path: string }; response: FileBytes };
  /** Show the native open dialog for an age identity file; null when cancelled. */
  'identity:pick': { request: void; response: PickedFile | null };
  /** Show the native save dialog and write the bytes atomically; null when cancelled. For a sealed snapshot (ciphertext, no table). */
  'export:save': { request: SaveRequest; response: SavedFile | null };
  // ── An export of the one way out (docs/SECURITY.md, "Exports name their audit entry"):
  // the path is chosen first, the export entry appended, the file made naming it, then written.
  /** Show the native save dialog; the chosen path may be written once by export:write. null when cancelled. */
  'export:choose': { request: ExportChoice; response: PickedFile | null };
  /** Write an export to a path export:choose returned, then record `export-written` naming the export's entry. */
  'export:write': { request: ExportWrite; response: WrittenExport };
  /** Recently opened snapshot paths (paths only, never keys or contents). */
  'recent:list': { request: void; response: string[] };
  /** Append an accountability event to the audit trail (see shared/node/audit, docs/SECURITY.md). */
  'audit:append': { request: AuditEventInput; response: AuditReference };
  /** Read the audit trail and its verification state. */
  'audit:read': { request: void; response: AuditReadResult };
  /** Version, platform and the demo snapshot's location (generated on first use). */
  'app:info': { request: void; response: AppInfo };
  // ── Breach assessments (issue 16): kept in the data folder, never personal data of data subjects.
  /** The assessments saved for a snapshot (by its SHA-256), oldest first, and where they are kept. */
  'assessment:list': { request: { snapshotSha256: string }; response: AssessmentList };
  /** Save an assessment (audited first); the host sets savedAt. */
  'assessment:save': { request: { assessment: SavedAssessment }; response: SavedAssessment };
  // ── App settings (issue 13): small preferences of this person on this machine, no data.
  /** The settings, with defaults for what was never set. */
  'settings:read': { request: void; response: AppSettings };
  /** Change some settings; returns all of them as now kept. */
  'settings:update': { request: Partial<AppSettings>; response: AppSettings };
}

/** Preferences the host keeps across sessions (Electron: settings.json in the data folder; browser: localStorage). */
export interface AppSettings {
  /** The first-run tour was dismissed: never show it again. */
  tourDismissed: boolean;
}

export const DEFAULT_APP_SETTINGS: AppSettings = { tourDismissed: false };

/** Only known keys with values of the right type; anything else is left out. */
export function checkSettingsUpdate(value: unknown): Partial<AppSettings> {
  if (typeof value !== 'object' || value === null) return {};
  const update: Partial<AppSettings> = {};
  if ('tourDismissed' in value && typeof value.tourDismissed === 'boolean') update.tourDismissed = value.tourDismissed;
  return update;
}

/** Where a host keeps assessments: the data folder (Electron) or this browser only (browser host). */
export interface AssessmentList {
  assessments: SavedAssessment[];
  storage: 'data-folder' | 'browser-local';
}

/** Event channels: main → renderer, no response. */
export interface EventContract {
  /** A menu item was chosen. */
  'menu:command': MenuCommand;
  /** The OS asked to open a file (file association, second instance, drag on the dock). */
  'file:open-request': PickedFile;
}

export type InvokeChannel = keyof InvokeContract;
export type EventChannel = keyof EventContract;
export const INVOKE_CHANNELS = [
  'snapshot:pick', 'file:read', 'identity:pick', 'export:save', 'export:choose', 'export:write', 'recent:list', 'audit:append', 'audit:read', 'app:info',
  'assessment:list', 'assessment:save',
  'settings:read', 'settings:update',
] as const satisfies readonly InvokeChannel[];
export const EVENT_CHANNELS = ['menu:command', 'file:open-request'] as const satisfies readonly EventChannel[];

export interface PickedFile {
  path: string;
  name: string;
}

export interface FileBytes {
  name: string;
  /** The file's bytes (still encrypted for snapshots). */
  bytes: Uint8Array;
  /**
   * SHA-256 (hex) of exactly these bytes, when the host computed it as it read them (the
   * desktop host, with node:crypto): the core worker then does not hash them itself, which
   * in Web Crypto means copying them all first (docs/performance/app-responsiveness.md).
   */
  sha256?: string;
}

export interface SaveRequest {
  suggestedName: string;
  /** e.g. [{ name: 'Word', extensions: ['docx'] }] */
  filters: { name: string; extensions: string[] }[];
  bytes: Uint8Array;
}

export interface SavedFile {
  path: string;
  sha256: string;
}

export interface ExportChoice {
  suggestedName: string;
  /** e.g. [{ name: 'Word', extensions: ['docx'] }] */
  filters: { name: string; extensions: string[] }[];
}

export interface ExportWrite {
  /** A path export:choose returned (and that was not written yet). */
  path: string;
  bytes: Uint8Array;
  /** The provenance sidecar for a format that cannot hold it (CSV): written beside the file as `<path>.provenance.json`. */
  sidecar: Uint8Array | null;
  /** The `export-table` / `export-bijlage` / `export-chart` entry appended for this export before the bytes were made. */
  entry: AuditReference;
}

export interface WrittenExport {
  path: string;
  sha256: string;
  size: number;
  sidecar: SavedFile | null;
  /** The `export-written` entry. */
  written: AuditReference;
}

export type MenuCommand =
  | { command: 'open' }
  | { command: 'open-recent'; path: string }
  | { command: 'close' }
  | { command: 'export-current'; format: string }
  | { command: 'export-bijlage' }
  | { command: 'make-snapshot' }
  | { command: 'navigate'; screen: ScreenId }
  | { command: 'language'; language: 'nl' | 'en' }
  | { command: 'lock' }
  | { command: 'about' }
  | { command: 'audit' };

export type ScreenId = 'overzicht' | 'elip' | 'boetes' | 'datalek' | 'kennisgevingen' | 'sql' | 'bijlage' | 'audit' | 'vergelijken' | 'controleren';

export type AuditAction =
  | 'open'
  | 'open-refused'
  | 'close'
  | 'export-table'
  | 'export-bijlage'
  /** Completes an export entry: the written file's path and SHA-256 (docs/SECURITY.md). */
  | 'export-written'
  | 'query'
  | 'confirm-unprotected-export'
  | 'lock'
  | 'unlock'
  | 'seal'
  | 'rekey'
  | 'save-assessment'
  // The one way out (renderer/app/way-out.ts): a table copied to the clipboard, a chart saved.
  | 'copy-table'
  | 'export-chart';

/** What a caller reports; the audit log adds time, sequence and hash chain. */
export interface AuditEventInput {
  action: AuditAction;
  /** Free-form details: paths, sha256, ids, format, disclosure. Never a key or a person's data. */
  details: Record<string, string | number | boolean | string[] | null>;
}

export interface AuditEntry extends AuditEventInput {
  seq: number;
  at: string;
  previous: string;
  hash: string;
}

export interface AuditReadResult {
  entries: AuditEntry[];
  verification: { ok: true } | { ok: false; firstBadSeq: number; reasonNl: string; reasonEn: string };
}

export interface AppInfo {
  version: string;
  platform: string;
  host: 'electron' | 'browser';
  /** Path of the demo snapshot, when the host has one ready. */
  demoSnapshotPath: string | null;
  /** Path of the earlier demo extract (peildatum 2023-07-13) for *Vergelijken met…*, when the host serves one. */
  earlierDemoSnapshotPath?: string | null;
}

/** The API the renderer uses to reach its host; Electron's preload and the browser host implement it. */
export interface HostApi {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeContract[C]['request']): Promise<InvokeContract[C]['response']>;
  /** Subscribe to a main → renderer event; returns an unsubscribe function. */
  on<C extends EventChannel>(channel: C, listener: (payload: EventContract[C]) => void): () => void;
}

/** What the preload puts on `window.ketenlens`. */
export interface KetenlensBridge extends HostApi {
  /**
   * The path of a file dropped on the window (webUtils.getPathForFile); '' for a File that
   * has no path. Calling it also allows `file:read` of that path: a drop is a user's choice.
   */
  pathForFile(file: File): string;
}

/** A typed refusal from the host (a KetenlensError in Electron's main process). */
export interface HostError {
  code: string;
  messageNl: string;
  messageEn: string;
}

/** An invoke() rejected by a typed refusal has the message HOST_ERROR_PREFIX + JSON of a HostError. */
export const HOST_ERROR_PREFIX = 'ketenlens-host-error:';

/** The typed refusal inside an invoke() rejection, or null for any other error. */
export function parseHostError(error: unknown): HostError | null {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const start = message.indexOf(HOST_ERROR_PREFIX);
  if (start < 0) return null;
  try {
    const value: unknown = JSON.parse(message.slice(start + HOST_ERROR_PREFIX.length));
    if (typeof value !== 'object' || value === null || !('code' in value) || !('messageNl' in value) || !('messageEn' in value)) {
      return null;
    }
    const { code, messageNl, messageEn } = value;
    if (typeof code !== 'string' || typeof messageNl !== 'string' || typeof messageEn !== 'string') return null;
    return { code, messageNl, messageEn };
  } catch {
    return null;
  }
}
