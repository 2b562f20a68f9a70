// Runtime checks of what the renderer sends. The renderer is treated as untrusted (it
// parses files from outside), so every request is checked against its declared shape
// before main acts on it; anything else is refused with a typed error.
import { InvalidParameterError } from '../../shared/errors';
import type { SaveRequest } from '../../shared/ipc/contract';

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

export function checkSaveRequest(request: unknown): SaveRequest {
  if (!isRecord(request)) return refuse('export');
  const { suggestedName, filters, bytes } = request;
  if (typeof suggestedName !== 'string' || suggestedName.length === 0 || suggestedName.length > 255) return refuse('suggestedName');
  if (!(bytes instanceof Uint8Array)) return refuse('bytes');
  if (!Array.isArray(filters) || filters.length > 10) return refuse('filters');
  const checked = filters.map((filter: unknown) => {
    if (!isRecord(filter) || typeof filter.name !== 'string' || !Array.isArray(filter.extensions)) return refuse('filters');
    const extensions = filter.extensions.filter((extension): extension is string => typeof extension === 'string');
    if (extensions.length !== filter.extensions.length || !extensions.every((extension) => EXTENSION.test(extension))) {
      return refuse('filters');
    }
    return { name: filter.name.slice(0, 80), extensions };
  });
  return { suggestedName, filters: checked, bytes };
}

/** The file name only: a suggested name may never pick the folder. */
export function safeFileName(suggestedName: string): string {
  const name = suggestedName.split(/[\\/]/).at(-1) ?? '';
  const cleaned = Array.from(name, (character) => (character.charCodeAt(0) < 32 || '<>:"|?*'.includes(character) ? '_' : character))
    .join('')
    .replace(/^\.+/, '');
  return cleaned === '' ? 'ketenlens-export' : cleaned;
}
