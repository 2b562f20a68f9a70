// Who may talk to the main process: only the main frame of Ketenlens' own window while
// it shows an app://ketenlens page. Checked before every IPC handler runs, so an iframe,
// a navigated-away page or another window cannot use the host API.
import { isAppUrl } from './origin';

export interface FrameLike {
  url: string;
}

export interface SenderCheckInput<Frame extends FrameLike> {
  /** event.senderFrame: null when the frame navigated away or was destroyed. */
  senderFrame: Frame | null;
  /** The main frame of our window (window.webContents.mainFrame), or null when no window. */
  trustedMainFrame: Frame | null;
}

export function isTrustedSender<Frame extends FrameLike>(input: SenderCheckInput<Frame>): boolean {
  const { senderFrame, trustedMainFrame } = input;
  if (senderFrame === null || trustedMainFrame === null) return false;
  if (senderFrame !== trustedMainFrame) return false;
  return isAppUrl(senderFrame.url);
}
