// The one data folder of Ketenlens (audit trail, recent list, demo snapshot), the same for
// the app and the command line so `ketenlens audit verify` checks what the app wrote:
// KETENLENS_DATA_DIR when set, else the per-user application-data folder of the OS —
// where Electron keeps a packaged app's userData (docs/SECURITY.md, "The data folder"):
//   Linux    $XDG_CONFIG_HOME/Ketenlens, else ~/.config/Ketenlens
//   macOS    ~/Library/Application Support/Ketenlens
//   Windows  %APPDATA%\Ketenlens, else %USERPROFILE%\AppData\Roaming\Ketenlens
import { homedir } from 'node:os';
import { posix, resolve, win32 } from 'node:path';

/** The folder name under the OS's application-data folder (the packaged app's productName). */
export const APP_FOLDER = 'Ketenlens';

function chosen(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/** The default data folder on `platform` when KETENLENS_DATA_DIR is not set. */
export function osDataDir(env: NodeJS.ProcessEnv, home: string = homedir(), platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return win32.join(chosen(env.APPDATA) ?? win32.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  const config = chosen(env.XDG_CONFIG_HOME);
  return posix.join(config !== undefined && posix.isAbsolute(config) ? config : posix.join(home, '.config'), APP_FOLDER);
}

/** KETENLENS_DATA_DIR (made absolute) when set, else the OS default. Used by the app and the CLI. */
export function ketenlensDataDir(env: NodeJS.ProcessEnv, home: string = homedir(), platform: NodeJS.Platform = process.platform): string {
  const override = chosen(env.KETENLENS_DATA_DIR);
  return override !== undefined ? resolve(override) : osDataDir(env, home, platform);
}

/** The command line's name for the same folder (kept for existing callers). */
export const cliDataDir = ketenlensDataDir;
