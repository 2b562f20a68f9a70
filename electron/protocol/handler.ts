// The app:// protocol handler: serves files of dist-web with their MIME type and the
// security headers (CSP on every response, errors included). File access is injected so
// the handler is tested without Electron.
import { SECURITY_HEADERS } from '../security/csp';
import { isInside, resolveAppRequest } from './resolve';

export interface ProtocolFiles {
  /** Resolves symlinks; rejects when the file does not exist. */
  realpath(path: string): Promise<string>;
  readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
}

/** The privileges of the app scheme, for protocol.registerSchemesAsPrivileged. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
  codeCache: true,
  // No bypassCSP, no corsEnabled: the app's pages get no more than an https origin.
  bypassCSP: false,
  corsEnabled: false,
  allowServiceWorkers: false,
} as const;

function refusal(status: number): Response {
  return new Response(null, { status, headers: { ...SECURITY_HEADERS } });
}

export function createAppProtocolHandler(root: string, files: ProtocolFiles): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405);
    const resolution = resolveAppRequest(request.url, root);
    if (!resolution.ok) return refusal(resolution.status);
    let realRoot: string;
    let realPath: string;
    try {
      realRoot = await files.realpath(root);
      realPath = await files.realpath(resolution.filePath);
    } catch {
      return refusal(404);
    }
    // A symlink inside dist-web must not lead out of it.
    if (!isInside(realRoot, realPath)) return refusal(403);
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await files.readFile(realPath);
    } catch {
      return refusal(404);
    }
    const headers = { ...SECURITY_HEADERS, 'Content-Type': resolution.mimeType, 'Content-Length': String(bytes.byteLength) };
    return new Response(request.method === 'HEAD' ? null : new Blob([bytes]), { status: 200, headers });
  };
}
