// The host side of the IPC contract: one handler per invoke channel, written against
// injected dialogs, files, grants, recent list and audit trail so it is tested without
// Electron. main.ts registers them behind the sender check.
import { sha256HexSync } from '../../shared/node/digest';
import { instantOfDate } from '../../shared/dates';
import { basename, join } from 'node:path';
import {
  auditTrailUnavailable, FileReadError, FileTooLargeError, FileWriteError, InvalidParameterError, isKetenlensError,
} from '../../shared/errors';
import { checkAuditInput } from '../../shared/audit/details-guard';
import { checkSavedAssessment, type SavedAssessment } from '../../shared/analyses/datalek/assessment';
import { isArmored } from '../../shared/age/armor';
import { VERSION_LINE } from '../../shared/age/header';
import { provenanceSidecarName } from '../../shared/export/provenance';
import type {
  AppInfo, AppSettings, AuditEventInput, AuditReadResult, InvokeChannel, InvokeContract, PickedFile,
} from '../../shared/ipc/contract';
import type { AuditReference } from '../../shared/tables/model';
import type { GrantKind, PathGrants } from '../files/path-grants';
import { checkChooseRequest, checkPathRequest, checkSaveRequest, checkWriteRequest, safeFileName } from './validate-request';

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
    /** Takes back a file just written whose `export-written` entry could not be appended. */
    remove(path: string): Promise<void>;
  };
  grants: PathGrants;
  recent: { list(): Promise<string[]>; add(path: string): Promise<void> };
  audit: { append(input: AuditEventInput): Promise<AuditReference>; read(): Promise<AuditReadResult> };
  /** The data folder of the audit trail, named when the trail cannot be written. */
  dataDir: string;
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

const AGE_BINARY_START = new TextEncoder().encode(`${VERSION_LINE}\n`);

/** Age ciphertext, binary or armored: what a sealed snapshot is. */
function isAgeFile(bytes: Uint8Array): boolean {
  return AGE_BINARY_START.every((byte, index) => bytes[index] === byte) || isArmored(bytes);
}

export function createInvokeHandlers(deps: HostDependencies): InvokeHandlers {
  /** Paths the person chose in an export dialog and that were not written yet: export:write writes only these, once. */
  const chosenForExport = new Set<string>();

  /** An append that must succeed: a failure other than a refused detail says the trail cannot be written. */
  const appendRequired = async (input: AuditEventInput): Promise<AuditReference> => {
    try {
      return await deps.audit.append(input);
    } catch (error) {
      throw error instanceof InvalidParameterError ? error : auditTrailUnavailable(deps.dataDir, error);
    }
  };

  const writeFailure = (path: string, error: unknown) =>
    (isKetenlensError(error) ? error : new FileWriteError(path, 'schrijven mislukt', 'writing failed', { cause: error }));

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
      // Hashed here, where node:crypto does it in a fraction of a second: in the worker, Web
      // Crypto would first copy the whole file (docs/performance/app-responsiveness.md).
      return { name: basename(path), bytes, sha256: sha256HexSync(bytes) };
    },

    // Only a sealed snapshot (age ciphertext, no table) is saved in one call; every export
    // of a table goes through export:choose and export:write, which pair it with its entry.
    'export:save': async (request) => {
      const save = checkSaveRequest(request);
      if (!isAgeFile(save.bytes)) {
        throw new InvalidParameterError('export', 'hier wordt alleen een versleutelde snapshot bewaard; een export gaat via export:write.',
          'only an encrypted snapshot is saved here; an export goes through export:write.');
      }
      const language = deps.language();
      const path = await deps.showSaveDialog({
        title: language === 'nl' ? 'Snapshot bewaren' : 'Save snapshot',
        defaultPath: join(deps.documentsDir, safeFileName(save.suggestedName)),
        filters: save.filters,
      });
      if (path === null) return null;
      const sha256 = sha256HexSync(save.bytes);
      // Audited before writing: what cannot be recorded is not written at all.
      await appendRequired({ action: 'seal', details: { source: 'host', stage: 'write', out: path, sha256, bytes: save.bytes.byteLength } });
      await deps.files.writeFileAtomic(path, save.bytes).catch((error: unknown) => Promise.reject(writeFailure(path, error)));
      return { path, sha256 };
    },

    'export:choose': async (request) => {
      const choice = checkChooseRequest(request);
      const language = deps.language();
      const path = await deps.showSaveDialog({
        title: language === 'nl' ? 'Exporteren' : 'Export',
        defaultPath: join(deps.documentsDir, safeFileName(choice.suggestedName)),
        filters: choice.filters,
      });
      if (path === null) return null;
      chosenForExport.add(path);
      return { path, name: basename(path) };
    },

    // The export's own entry was appended by the renderer before the bytes were made (they
    // name it); this writes them where the person chose and records what was written, as
    // the command line does (shared/node/cli/output.ts recordedExport).
    'export:write': async (request) => {
      const { path, bytes, sidecar, entry } = checkWriteRequest(request);
      if (!chosenForExport.delete(path)) {
        throw new FileWriteError(path, 'deze plek is niet door u gekozen', 'this place was not chosen by you');
      }
      const completing = { source: 'host', export_seq: entry.seq, export_hash: entry.hash, path };
      const sidecarPath = sidecar === null ? null : provenanceSidecarName(path);
      const written: string[] = [];
      try {
        await deps.files.writeFileAtomic(path, bytes).catch((error: unknown) => Promise.reject(writeFailure(path, error)));
        written.push(path);
        if (sidecar !== null && sidecarPath !== null) {
          await deps.files.writeFileAtomic(sidecarPath, sidecar).catch((error: unknown) => Promise.reject(writeFailure(sidecarPath, error)));
          written.push(sidecarPath);
        }
      } catch (error) {
        for (const each of written) await deps.files.remove(each).catch(() => undefined);
        // The write error is what the person must hear about; the entry is the trail's record of it.
        await deps.audit.append({
          action: 'export-written', details: { ...completing, ok: false, code: error instanceof Error ? error.name : 'unknown' },
        }).catch(() => undefined);
        throw error;
      }
      const sha256 = sha256HexSync(bytes);
      const sidecarSaved = sidecar === null || sidecarPath === null ? null : { path: sidecarPath, sha256: sha256HexSync(sidecar) };
      try {
        const reference = await appendRequired({
          action: 'export-written',
          details: {
            ...completing, ok: true, sha256, bytes: bytes.byteLength,
            ...(sidecarSaved === null ? {} : { sidecar: sidecarSaved.path, sidecar_sha256: sidecarSaved.sha256 }),
          },
        });
        return { path, sha256, size: bytes.byteLength, sidecar: sidecarSaved, written: reference };
      } catch (error) {
        // Unrecorded, the file may not stay.
        for (const each of written) await deps.files.remove(each).catch(() => undefined);
        throw error;
      }
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
      const reference = await appendRequired(checkAuditInput(request));
      // Only the reference: the renderer names the entry in what it makes (never more of the trail).
      return { seq: reference.seq, hash: reference.hash };
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
        ? { ...given, savedAt: instantOfDate(deps.now()), via: 'app' }
        : given;
      return deps.assessments.save(checkSavedAssessment(stamped));
    },

    'settings:read': () => deps.settings.read(),
    'settings:update': (request) => deps.settings.update(request),
  };
}
