// Registers the invoke handlers and the preload's internal messages with ipcMain, each
// behind the sender check: only the main frame of our window on app://ketenlens is served.
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel } from '../../shared/ipc/contract';
import { isTrustedSender } from '../security/sender';
import type { InvokeHandlers } from './handlers';
import { toTransportError } from './host-error';
import { GRANT_DROPPED_CHANNEL, LISTENING_CHANNEL } from './internal-channels';

export interface RegisterInput {
  handlers: InvokeHandlers;
  currentWindow(): BrowserWindow | null;
  onDropped(path: string): void;
  onListening(channel: EventChannel): void;
}

export function registerIpc(input: RegisterInput): void {
  const trusted = (event: IpcMainInvokeEvent | IpcMainEvent): boolean => {
    const window = input.currentWindow();
    const trustedMainFrame = window === null || window.isDestroyed() ? null : window.webContents.mainFrame;
    return isTrustedSender({ senderFrame: event.senderFrame, trustedMainFrame });
  };

  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, request: unknown) => {
      if (!trusted(event)) {
        console.warn(`ketenlens: refused '${channel}' from an untrusted sender`);
        throw new Error('refused: untrusted sender');
      }
      try {
        return await input.handlers[channel](request);
      } catch (error) {
        // The code only: messages may contain paths, which do not belong in a log.
        console.warn(`ketenlens: '${channel}' failed (${error instanceof Error ? error.name : 'error'})`);
        throw toTransportError(error);
      }
    });
  }

  ipcMain.on(GRANT_DROPPED_CHANNEL, (event, path: unknown) => {
    if (trusted(event) && typeof path === 'string' && path.length > 0 && path.length <= 4096) input.onDropped(path);
  });
  ipcMain.on(LISTENING_CHANNEL, (event, channel: unknown) => {
    const known = EVENT_CHANNELS.find((candidate) => candidate === channel);
    if (trusted(event) && known !== undefined) input.onListening(known);
  });
}
