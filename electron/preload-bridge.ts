// The object the preload exposes as window.ketenlens: exactly the HostApi of the contract
// plus pathForFile. Channels are checked against INVOKE_CHANNELS / EVENT_CHANNELS, event
// listeners never see Electron's event object (it would leak `sender`), and ipcRenderer
// itself is never handed to the page.
import {
  EVENT_CHANNELS, HOST_ERROR_PREFIX, INVOKE_CHANNELS,
  type EventChannel, type EventContract, type InvokeChannel, type InvokeContract, type KetenlensBridge,
} from '../shared/ipc/contract';
import { GRANT_DROPPED_CHANNEL, LISTENING_CHANNEL } from './ipc/internal-channels';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return INVOKE_CHANNELS.some((known) => known === channel);
}

export function isEventChannel(channel: unknown): channel is EventChannel {
  return EVENT_CHANNELS.some((known) => known === channel);
}

/** Keeps only the typed payload of a rejection; Electron prefixes its own text. */
function cleanRejection(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const start = message.indexOf(HOST_ERROR_PREFIX);
  return new Error(start >= 0 ? message.slice(start) : message);
}

export function createBridge(ipc: IpcRendererLike, getPathForFile: (file: File) => string): KetenlensBridge {
  return {
    async invoke<C extends InvokeChannel>(channel: C, request: InvokeContract[C]['request']) {
      if (!isInvokeChannel(channel)) throw new Error(`Unknown channel: ${String(channel)}`);
      try {
        // The main process answers each channel with its contract's response type.
        return (await ipc.invoke(channel, request)) as InvokeContract[C]['response'];
      } catch (error) {
        throw cleanRejection(error);
      }
    },
    on<C extends EventChannel>(channel: C, listener: (payload: EventContract[C]) => void) {
      if (!isEventChannel(channel) || typeof listener !== 'function') throw new Error(`Unknown channel: ${String(channel)}`);
      // Main sends each event channel its contract's payload type.
      const wrapped = (_event: unknown, payload: unknown) => listener(payload as EventContract[C]);
      ipc.on(channel, wrapped);
      ipc.send(LISTENING_CHANNEL, channel);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    },
    pathForFile(file: File) {
      const path = getPathForFile(file);
      if (typeof path === 'string' && path !== '') ipc.send(GRANT_DROPPED_CHANNEL, path);
      return path;
    },
  };
}
