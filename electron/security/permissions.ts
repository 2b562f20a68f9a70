// Browser permissions of the app's session. Ketenlens needs exactly one: writing to the
// clipboard (Chromium's 'clipboard-sanitized-write', used by navigator.clipboard.write and
// writeText), for the copy buttons — and only for pages of our own origin, app://ketenlens.
// Everything else (camera, notifications, reading the clipboard, HID, geolocation …) is
// refused, and every device request answers false.
import { isAppUrl } from './origin';

/** The permissions the app's own pages are granted; nothing else is, for anyone. */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

function allowed(permission: string, url: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && url !== undefined && isAppUrl(url);
}

/** For setPermissionRequestHandler: the clipboard write for app://ketenlens, nothing else. */
export function handlePermissionRequest(
  _webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: { requestingUrl?: string },
): void {
  callback(allowed(permission, details?.requestingUrl));
}

/** For setPermissionCheckHandler: true only for the clipboard write asked by app://ketenlens. */
export function handlePermissionCheck(
  _webContents: unknown,
  permission: string,
  requestingOrigin: string,
  details?: { requestingUrl?: string },
): boolean {
  // Both the origin and, when Electron gives it, the page's URL must be ours.
  if (details?.requestingUrl !== undefined && !isAppUrl(details.requestingUrl)) return false;
  return allowed(permission, requestingOrigin);
}

/** For setDevicePermissionHandler: no USB, serial or HID device. */
export function denyDevicePermission(): boolean {
  return false;
}
