// Preload of the sandboxed renderer: exposes window.ketenlens and nothing else. Bundled
// into one CommonJS file (build/build-electron.mjs) because a sandboxed preload can only
// require('electron') and a few polyfilled modules.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './preload-bridge';

contextBridge.exposeInMainWorld('ketenlens', createBridge(ipcRenderer, (file) => webUtils.getPathForFile(file)));
