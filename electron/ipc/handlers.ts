// The host side of the IPC contract: one handler per invoke channel, written against
// injected dialogs, files, grants, recent list and audit trail so it is tested without
// Electron. main.ts registers them behind the sender check.
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { FileReadError, FileTooLargeError, FileWriteError, InvalidParameterError, isKetenlensError } from '../../shared/errors';
import { checkAuditInput } from '../../shared/audit/details-guard';
import { checkSavedAssessment, type SavedAssessment } from '../../shared/analyses/datalek/assessment';
import type {
  AppInfo, AppSettings, AuditEventInput, AuditReadResult, InvokeChannel, InvokeContract, PickedFile,
} from '../../shared/ipc/contract';
import type { GrantKind, PathGrants } from '../files/path-grants';
import { checkPathRequest, checkSaveRequest, safeFileName } from './validate-request';

export interface OpenDialogOptions {
  title: string;
  filters: { name: string; extensions: string[] }[];
}
export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
}

export interface HostDependencies {
  language(): 'nl' | 'en';
  /** Resolves to the chosen path, or null when cancelled. */
  showOpenDialog(options: OpenDialogOptions): Promise<string | null>;
  /** Native save dialog; it asks before overwriting. Resolves to the path or null. */
  showSaveDialog(options: SaveDialogOptions): Promise<string | null>;
  files: {
    stat(path: string): Promise<{ size: number; isFile: boolean }>;
    readFile(path: string): Promise<Uint8Array>;
    writeFileAtomic(path: string, bytes: Uint8Array): Promise<unknown>;
  };
  grants: PathGrants;
  recent: { list(): Promise<string[]>; add(path: string): Promise<void> };
  audit: { append(input: AuditEventInput): Promise<void>; read(): Promise<AuditReadResult> };
  /** Saved breach assessments in the data folder (shared/node/assessment); save audits first. */
  assessments: { list(snapshotSha256: string): Promise<SavedAssessment[]>; save(record: SavedAssessment): Promise<SavedAssessment> };
  /** Preferences in the data folder (electron/files/settings.ts); update validates its input. */
  settings: { read(): Promise<AppSettings>; update(request: unknown): Promise<AppSettings> };
  /** The host's clock, for savedAt. */
  now(): Date;
  appInfo(): Promise<AppInfo>;
  /** Folder the save dialog starts in. */
  documentsDir: string;
  maxReadBytes: number;
  /** Called once a snapshot's bytes were handed to the renderer. */
  onSnapshotRead(path: string): void;
}

export type InvokeHandlers = {
  [C in InvokeChannel]: (request: unknown) => Promise<InvokeContract[C]['response']>;
};

const SNAPSHOT_FILTERS = (language: 'nl' | 'en') => [
  { name: language === 'nl' ? 'Ketenlens-snapshot (*.snapshot.age)' : 'Ketenlens snapshot (*.snapshot.age)', extensions: ['age'] },
];
const IDENTITY_FILTERS = (language: 'nl' | 'en') => [
  { name: language === 'nl' ? 'age-sleutelbestand' : 'age identity file', extensions: ['txt', 'key', 'age'] },
  { name: language === 'nl' ? 'Alle bestanden' : 'All files', extensions: ['*'] },
];

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

export function createInvokeHandlers(deps: HostDependencies): InvokeHandlers {
  const pick = async (kind: GrantKind): Promise<PickedFile | null> => {
    const language = deps.language();
    const path = await deps.showOpenDialog({
      title: kind === 'snapshot'
        ? (language === 'nl' ? 'Snapshot openen' : 'Open snapshot')
        : (language === 'nl' ? 'Sleutelbestand kiezen' : 'Choose identity file'),
      filters: kind === 'snapshot' ? SNAPSHOT_FILTERS(language) : IDENTITY_FILTERS(language),
    });
    if (path === null) return null;
    deps.grants.grant(path, { source: 'dialog', kind });
    return { path, name: basename(path) };
  };

  return {
    'snapshot:pick': () => pick('snapshot'),
    'identity:pick': () => pick('identity'),

    'file:read': async (request) => {
      const { path } = checkPathRequest(request);
      const grant = deps.grants.lookup(path);
      if (grant === null) {
        throw new FileReadError(path, 'dit bestand is niet door u gekozen', 'this file was not chosen by you');
      }
      let info: { size: number; isFile: boolean };
      try {
        info = await deps.files.stat(path);
      } catch (error) {
        const missing = errorCode(error) === 'ENOENT';
        throw new FileReadError(path, missing ? 'het bestand bestaat niet (meer)' : 'geen toegang',
          missing ? 'the file does not exist (any more)' : 'access denied', { cause: error });
      }
      if (!info.isFile) throw new FileReadError(path, 'dit is geen bestand', 'this is not a file');
      if (info.size > deps.maxReadBytes) throw new FileTooLargeError(info.size, deps.maxReadBytes);
      const bytes = await deps.files.readFile(path).catch((error: unknown) => {
        throw new FileReadError(path, 'lezen mislukt', 'reading failed', { cause: error });
      });
      if (grant.kind === 'snapshot') {
        await deps.recent.add(path);
        deps.onSnapshotRead(path);
      }
      return { name: basename(path), bytes };
    },

    'export:save': async (request) => {
      const save = checkSaveRequest(request);
      const language = deps.language();
      const path = await deps.showSaveDialog({
        title: language === 'nl' ? 'Exporteren' : 'Export',
        defaultPath: join(deps.documentsDir, safeFileName(save.suggestedName)),
        filters: save.filters,
      });
      if (path === null) return null;
      const sha256 = createHash('sha256').update(save.bytes).digest('hex');
      // Audited before writing: an export that cannot be recorded is not written at all.
      await deps.audit.append({
        action: /bijlage|appendix/i.test(save.suggestedName) ? 'export-bijlage' : 'export-table',
        details: { source: 'host', path, sha256, bytes: save.bytes.byteLength },
      });
      await deps.files.writeFileAtomic(path, save.bytes).catch((error: unknown) => {
        throw isKetenlensError(error) ? error : new FileWriteError(path, 'schrijven mislukt', 'writing failed', { cause: error });
      });
      return { path, sha256 };
    },

    'recent:list': async () => {
      const list = await deps.recent.list();
      // Listing is what lets the renderer offer them; choosing one is the user's action.
      for (const path of list) {
        if (deps.grants.lookup(path) === null) deps.grants.grant(path, { source: 'recent', kind: 'snapshot' });
      }
      return list;
    },

    'audit:append': async (request) => {
      await deps.audit.append(checkAuditInput(request));
    },
    'audit:read': () => deps.audit.read(),
    'app:info': () => deps.appInfo(),

    'assessment:list': async (request) => {
      const sha = typeof request === 'object' && request !== null && 'snapshotSha256' in request ? request.snapshotSha256 : null;
      if (typeof sha !== 'string') throw new InvalidParameterError('snapshotSha256', 'ontbreekt.', 'is missing.');
      return { assessments: await deps.assessments.list(sha), storage: 'data-folder' };
    },
    'assessment:save': async (request) => {
      const given = typeof request === 'object' && request !== null && 'assessment' in request ? request.assessment : null;
      // The host's clock and the way in are the host's to say, not the page's.
      const stamped = typeof given === 'object' && given !== null
        ? { ...given, savedAt: deps.now().toISOString().replace(/\.\d{3}Z$/, 'Z'), via: 'app' }
        : given;
      return deps.assessments.save(checkSavedAssessment(stamped));
    },

    'settings:read': () => deps.settings.read(),
    'settings:update': (request) => deps.settings.update(request),
  };
}
