// Handlers that keep the window on the app: no navigation or redirect away from
// app://ketenlens, no new windows, no webviews. Pure, so they are tested with fakes.

import { isAppUrl } from './origin';

export interface PreventableEvent {
  preventDefault(): void;
}

/** For 'will-navigate', 'will-redirect' and 'will-frame-navigate': only app://ketenlens pages. */
export function guardNavigation(event: PreventableEvent, url: string): boolean {
  if (isAppUrl(url)) return true;
  event.preventDefault();
  return false;
}

/** For setWindowOpenHandler: Ketenlens never opens a second window or an external link. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/** For 'will-attach-webview': webviewTag is off, and this refuses one anyway. */
export function refuseWebview(event: PreventableEvent): void {
  event.preventDefault();
}
