// Runtime checks of what the renderer sends. The renderer is treated as untrusted (it
// parses files from outside), so every request is checked against its declared shape
// before main acts on it; anything else is refused with a typed error.
import { InvalidParameterError } from '../../shared/errors';
import type { ExportChoice, ExportWrite, SaveRequest } from '../../shared/ipc/contract';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(parameter: string): never {
  throw new InvalidParameterError(parameter, 'ongeldig verzoek van het venster.', 'invalid request from the window.');
}

export function checkPathRequest(request: unknown): { path: string } {
  if (!isRecord(request) || typeof request.path !== 'string' || request.path.length === 0 || request.path.length > 4096) {
    return refuse('path');
  }
  return { path: request.path };
}

const EXTENSION = /^[A-Za-z0-9]{1,10}$/;

function checkFilters(filters: unknown): SaveRequest['filters'] {
  if (!Array.isArray(filters) || filters.length > 10) return refuse('filters');
  return filters.map((filter: unknown) => {
    if (!isRecord(filter) || typeof filter.name !== 'string' || !Array.isArray(filter.extensions)) return refuse('filters');
    const extensions = filter.extensions.filter((extension): extension is string => typeof extension === 'string');
    if (extensions.length !== filter.extensions.length || !extensions.every((extension) => EXTENSION.test(extension))) {
      return refuse('filters');
    }
    return { name: filter.name.slice(0, 80), extensions };
  });
}

export function checkChooseRequest(request: unknown): ExportChoice {
  if (!isRecord(request)) return refuse('export');
  const { suggestedName, filters } = request;
  if (typeof suggestedName !== 'string' || suggestedName.length === 0 || suggestedName.length > 255) return refuse('suggestedName');
  return { suggestedName, filters: checkFilters(filters) };
}

export function checkSaveRequest(request: unknown): SaveRequest {
  const choice = checkChooseRequest(request);
  const bytes = isRecord(request) ? request.bytes : undefined;
  if (!(bytes instanceof Uint8Array)) return refuse('bytes');
  return { ...choice, bytes };
}

const ENTRY_HASH = /^[0-9a-f]{64}$/;

export function checkWriteRequest(request: unknown): ExportWrite {
  const { path } = checkPathRequest(request);
  if (!isRecord(request)) return refuse('export');
  const { bytes, sidecar, entry } = request;
  if (!(bytes instanceof Uint8Array)) return refuse('bytes');
  if (sidecar !== null && !(sidecar instanceof Uint8Array)) return refuse('sidecar');
  if (!isRecord(entry) || typeof entry.seq !== 'number' || !Number.isInteger(entry.seq) || entry.seq < 1 ||
    typeof entry.hash !== 'string' || !ENTRY_HASH.test(entry.hash)) {
    return refuse('entry');
  }
  return { path, bytes, sidecar, entry: { seq: entry.seq, hash: entry.hash } };
}

/** The file name only: a suggested name may never pick the folder. */
export function safeFileName(suggestedName: string): string {
  const name = suggestedName.split(/[\\/]/).at(-1) ?? '';
  const cleaned = Array.from(name, (character) => (character.charCodeAt(0) < 32 || '<>:"|?*'.includes(character) ? '_' : character))
    .join('')
    .replace(/^\.+/, '');
  return cleaned === '' ? 'ketenlens-export' : cleaned;
}
