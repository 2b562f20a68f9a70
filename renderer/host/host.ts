// Chooses the host: Electron's preload bridge when present, the browser host otherwise.
import type { HostApi, KetenlensBridge } from '../../shared/ipc/contract';
import { createBrowserHost } from './browser-host';

declare global {
  interface Window {
    ketenlens?: KetenlensBridge;
  }
}

export interface Host {
  api: HostApi;
  kind: 'electron' | 'browser';
}

export function detectHost(): Host {
  const bridge = window.ketenlens;
  if (bridge !== undefined) return { api: bridge, kind: 'electron' };
  return { api: createBrowserHost(), kind: 'browser' };
}
