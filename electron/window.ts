// Creates Ketenlens' one window with the hardened options and the per-window guards
// (navigation, new windows, webviews). Thin: the decisions live in ./security/.
import { BrowserWindow, app } from 'electron';
import { APP_INDEX_URL } from './security/origin';
import { createWindowOptions } from './security/window-options';
import { denyWindowOpen, guardNavigation, refuseWebview } from './security/navigation';

/** Guards every webContents the app ever creates, before it can load anything. */
export function guardAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => guardNavigation(event, url));
    contents.on('will-redirect', (event, url) => guardNavigation(event, url));
    contents.on('will-frame-navigate', (event) => guardNavigation(event, event.url));
    contents.on('will-attach-webview', (event) => refuseWebview(event));
    contents.setWindowOpenHandler(denyWindowOpen);
  });
}

export function createMainWindow(preloadPath: string, allowDevTools: boolean): BrowserWindow {
  // The scanner cannot see through the factory; test/electron/electronegativity.test.ts scans
  // the factory's actual options instead (docs/ELECTRON.md).
  const window = new BrowserWindow(createWindowOptions({ preloadPath, allowDevTools })); /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK */
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_INDEX_URL);
  return window;
}
