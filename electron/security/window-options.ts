// The options of Ketenlens' one BrowserWindow: a sandboxed, context-isolated renderer
// without Node, without webviews and without remote content. Kept in one pure factory so
// a test can assert every hardening flag.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export interface WindowOptionsInput {
  preloadPath: string;
  /** DevTools only in development builds; never in a packaged app. */
  allowDevTools: boolean;
}

export function hardenedWebPreferences(input: WindowOptionsInput): WebPreferences {
  return {
    preload: input.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    experimentalFeatures: false,
    // Middle-click would otherwise try to open links in a new window.
    disableBlinkFeatures: 'Auxclick',
    // A file dropped on the window must not replace the app with file:// content.
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: input.allowDevTools,
  };
}

export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 560,
    title: 'Ketenlens',
    // Shown on 'ready-to-show' so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: hardenedWebPreferences(input),
  };
}
