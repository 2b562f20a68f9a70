// The request filter of the app's session: only app://ketenlens (and, in development,
// the DevTools' own pages) may load. Any http(s), ws, ftp or file:// request is
// cancelled, so a compromised page has no network to leak personal data through.
import { isAppUrl } from './origin';

export interface RequestPolicy {
  allowDevTools: boolean;
}

export function isRequestAllowed(url: string, policy: RequestPolicy): boolean {
  if (isAppUrl(url)) return true;
  // In-memory content created by the page itself; the CSP decides where it may be used.
  if (url.startsWith('data:') || url.startsWith('blob:app://ketenlens/')) return true;
  if (policy.allowDevTools && (url.startsWith('devtools://') || url.startsWith('chrome-extension://'))) return true;
  return false;
}

/** For session.webRequest.onBeforeRequest. */
export function createRequestFilter(policy: RequestPolicy) {
  return (details: { url: string }, callback: (response: { cancel: boolean }) => void): void => {
    callback({ cancel: !isRequestAllowed(details.url, policy) });
  };
}
