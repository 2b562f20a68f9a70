// Where the command line keeps its data folder (audit trail, recent list, demo
// snapshot): KETENLENS_DATA_DIR when set, else ~/.ketenlens. The app uses Electron's
// userData instead, unless KETENLENS_DATA_DIR is set.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function cliDataDir(env: NodeJS.ProcessEnv, home: string = homedir()): string {
  const chosen = env.KETENLENS_DATA_DIR;
  return chosen !== undefined && chosen.trim() !== '' ? resolve(chosen) : join(home, '.ketenlens');
}
