// Maps an app://ketenlens/… request URL to a file inside dist-web, or refuses it.
// Refuses other hosts, encoded or literal '..', backslashes, NUL bytes, absolute paths and
// unknown file types. The caller still checks the real path after symlinks (handler.ts).
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from '../security/origin';
import { mimeTypeFor } from './mime-types';

export type Resolution =
  | { ok: true; filePath: string; mimeType: string }
  | { ok: false; status: 400 | 403 | 404 };

/** True when `candidate` is `root` itself or lies inside it. */
export function isInside(root: string, candidate: string): boolean {
  const path = relative(root, candidate);
  return path === '' || (!path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path));
}

export function resolveAppRequest(requestUrl: string, root: string): Resolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 403 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 400 };
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return { ok: false, status: 403 };
  const relativePath = segments.length === 0 ? 'index.html' : segments.join('/');
  const filePath = resolve(root, relativePath);
  if (!isInside(root, filePath) || filePath === resolve(root)) return { ok: false, status: 403 };
  const mimeType = mimeTypeFor(extname(filePath));
  if (mimeType === null) return { ok: false, status: 404 };
  return { ok: true, filePath, mimeType };
}
