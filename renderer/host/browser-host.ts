// HostApi for a plain browser: files come from a file input or drag-and-drop and are kept
// as File objects under a pseudo path; exports download through a Blob URL; the demo
// snapshot is fetched from the static server; recent files and the audit trail live in
// memory only — a real hash chain (shared/audit/session-trail.ts) that ends with the page.
import { instantOfDate } from '../../shared/dates';
import {
  checkSettingsUpdate, DEFAULT_APP_SETTINGS,
  type AppSettings, type EventChannel, type EventContract, type HostApi, type InvokeChannel, type InvokeContract, type PickedFile,
} from '../../shared/ipc/contract';
import { FileReadError, FileWriteError } from '../../shared/errors';
import { provenanceSidecarName } from '../../shared/export/provenance';
import { checkSavedAssessment, type SavedAssessment } from '../../shared/analyses/datalek/assessment';
import { createSessionTrail } from '../../shared/audit/session-trail';
import { sha256Hex } from '../../shared/digest';
import { readBlobBytes } from './blob-bytes';

export const DEMO_PATH = 'demo.snapshot.age';
/** The earlier demo extract for *Vergelijken met…* (docs/DIFF.md), served beside the demo. */
export const EARLIER_DEMO_PATH = 'demo-eerder.snapshot.age';

type Handlers = { [C in InvokeChannel]: (request: InvokeContract[C]['request']) => Promise<InvokeContract[C]['response']> };

const ASSESSMENT_KEY = 'ketenlens.beoordelingen.';

/** Saved assessments of a snapshot in this browser; a damaged list is refused (never overwritten unseen). */
const SETTINGS_KEY = 'ketenlens.settings';

function readSettings(): AppSettings {
  try {
    const text = localStorage.getItem(SETTINGS_KEY);
    return { ...DEFAULT_APP_SETTINGS, ...(text === null ? {} : checkSettingsUpdate(JSON.parse(text))) };
  } catch {
    return { ...DEFAULT_APP_SETTINGS };
  }
}

function readAssessments(snapshotSha256: string): SavedAssessment[] {
  const key = ASSESSMENT_KEY + snapshotSha256;
  const text = localStorage.getItem(key);
  if (text === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FileReadError(`localStorage:${key}`, 'de bewaarde beoordelingen zijn beschadigd', 'the saved assessments are damaged', { cause: error });
  }
  if (!Array.isArray(value)) throw new FileReadError(`localStorage:${key}`, 'de bewaarde beoordelingen zijn beschadigd', 'the saved assessments are damaged');
  return value.map((each) => checkSavedAssessment(each));
}

/** Hands bytes to the browser as a download named `name`. */
function download(name: string, bytes: Uint8Array<ArrayBuffer>): void {
  const url = URL.createObjectURL(new Blob([bytes]));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function createBrowserHost(): HostApi & { register(file: File): PickedFile } {
  const files = new Map<string, File>();
  const recent: string[] = [];
  // A page cannot know the OS account or machine; its entries say they come from the browser.
  const audit = createSessionTrail({ source: 'browser', durable: false });
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  let counter = 0;
  /** Names export:choose handed out that were not downloaded yet. */
  const chosenForExport = new Set<string>();

  // A browser has no native menu: a page (a toolbar, a keyboard shortcut, a test) sends a
  // menu command as the DOM event 'ketenlens:menu', and it reaches the app like Electron's.
  window.addEventListener('ketenlens:menu', (event) => {
    if (!(event instanceof CustomEvent)) return;
    const command: unknown = event.detail;
    if (typeof command !== 'object' || command === null || !('command' in command)) return;
    for (const listener of listeners.get('menu:command') ?? []) (listener as (payload: unknown) => void)(command);
  });

  function register(file: File): PickedFile {
    counter += 1;
    const path = `browser:${counter}/${file.name}`;
    files.set(path, file);
    return { path, name: file.name };
  }

  /** Opens the browser's file chooser; must run inside the click that asked for it. */
  function pick(accept: string): Promise<PickedFile | null> {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = accept;
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        resolve(file === undefined ? null : register(file));
      });
      input.addEventListener('cancel', () => resolve(null));
      input.click();
    });
  }

  const handlers: Handlers = {
    'snapshot:pick': () => pick('.age,application/octet-stream'),
    'identity:pick': () => pick('.txt,.key,text/plain'),
    'file:read': async ({ path }) => {
      if (path === DEMO_PATH || path === EARLIER_DEMO_PATH) {
        const response = await fetch(`./${path}`);
        if (!response.ok) throw new FileReadError(path, `de server gaf ${response.status}`, `the server answered ${response.status}`);
        return { name: path, bytes: new Uint8Array(await response.arrayBuffer()) };
      }
      const file = files.get(path);
      if (file === undefined) throw new FileReadError(path, 'het bestand is niet (meer) gekozen', 'the file is not chosen (any more)');
      if (!recent.includes(path)) recent.unshift(path);
      return { name: file.name, bytes: await readBlobBytes(file, file.name) };
    },
    'export:save': async ({ suggestedName, bytes }) => {
      const copy = new Uint8Array(bytes);
      download(suggestedName, copy);
      return { path: suggestedName, sha256: await sha256Hex(copy) };
    },
    // A page has no save dialog: the browser asks where (or uses its download folder) when
    // the file downloads, so the chosen "path" is the suggested name. export:write downloads
    // only a name chosen here, once, as the desktop host writes only a path its dialog gave.
    'export:choose': async ({ suggestedName }) => {
      const name = suggestedName.split(/[\\/]/).at(-1) ?? suggestedName;
      chosenForExport.add(name);
      return { path: name, name };
    },
    'export:write': async ({ path, bytes, sidecar, entry }) => {
      if (!chosenForExport.delete(path)) throw new FileWriteError(path, 'deze plek is niet door u gekozen', 'this place was not chosen by you');
      const copy = new Uint8Array(bytes);
      const sidecarCopy = sidecar === null ? null : new Uint8Array(sidecar);
      download(path, copy);
      const sidecarPath = provenanceSidecarName(path);
      if (sidecarCopy !== null) download(sidecarPath, sidecarCopy);
      const sha256 = await sha256Hex(copy);
      const sidecarSaved = sidecarCopy === null ? null : { path: sidecarPath, sha256: await sha256Hex(sidecarCopy) };
      const written = audit.append({
        action: 'export-written',
        details: {
          export_seq: entry.seq, export_hash: entry.hash, path, ok: true, sha256, bytes: copy.byteLength,
          ...(sidecarSaved === null ? {} : { sidecar: sidecarSaved.path, sidecar_sha256: sidecarSaved.sha256 }),
        },
      });
      return { path, sha256, size: copy.byteLength, sidecar: sidecarSaved, written: { seq: written.seq, hash: written.hash } };
    },
    'recent:list': async () => [...recent],
    'audit:append': async (event) => {
      const entry = audit.append(event);
      return { seq: entry.seq, hash: entry.hash };
    },
    'audit:read': async () => audit.read(),
    'app:info': async () => ({ version: '0.1.0', platform: navigator.platform, host: 'browser', demoSnapshotPath: DEMO_PATH, earlierDemoSnapshotPath: EARLIER_DEMO_PATH }),
    // A browser has no data folder: assessments stay in this browser's localStorage (the
    // screen says so, storage 'browser-local'); the audit entry goes to the session's trail.
    // Settings (the dismissed tour) in this browser's localStorage; unreadable storage
    // (a private window, a policy) gives the defaults rather than an error.
    'settings:read': async () => readSettings(),
    'settings:update': async (update) => {
      const next = { ...readSettings(), ...checkSettingsUpdate(update) };
      try {
        localStorage.setItem(SETTINGS_KEY, JSON.stringify(next));
      } catch {
        // Not kept: the tour may show again next time, nothing worse.
      }
      return next;
    },
    'assessment:list': async ({ snapshotSha256 }) => ({ assessments: readAssessments(snapshotSha256), storage: 'browser-local' }),
    'assessment:save': async ({ assessment }) => {
      const stored = checkSavedAssessment({ ...assessment, savedAt: instantOfDate(new Date()), via: 'app' });
      await handlers['audit:append']({
        action: 'save-assessment',
        details: {
          source: 'browser', incident: stored.incident, snapshot_sha256: stored.snapshotSha256, peildatum: stored.peildatum,
          assessor: stored.assessor, dpc: stored.result.dpc, ei: stored.result.ei, cb: stored.result.cb, se: stored.result.se,
          ernst: stored.result.ernst, fixed: Object.keys(stored.factors),
        },
      });
      const list = [...readAssessments(stored.snapshotSha256), stored];
      localStorage.setItem(ASSESSMENT_KEY + stored.snapshotSha256, JSON.stringify(list));
      return stored;
    },
  };

  return {
    register,
    invoke<C extends InvokeChannel>(channel: C, request: InvokeContract[C]['request']) {
      const handler: (request: InvokeContract[C]['request']) => Promise<InvokeContract[C]['response']> = handlers[channel];
      return handler(request);
    },
    on<C extends EventChannel>(channel: C, listener: (payload: EventContract[C]) => void) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  };
}
