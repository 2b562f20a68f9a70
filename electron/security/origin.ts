// The one origin the app's pages come from. Everything else (file://, http(s)://, other
// app:// hosts) is foreign to Ketenlens and is refused by navigation, request and IPC checks.

export const APP_SCHEME = 'app';
export const APP_HOST = 'ketenlens';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True for URLs on app://ketenlens. Compared by protocol and host because Node's and
 * Chromium's URL parsers disagree on the `origin` of custom schemes ('null' in Node).
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
