// The app's data folder (audit trail, recent list, demo snapshot): KETENLENS_DATA_DIR
// when set, so tests and managed installs can choose it; else Electron's userData.
import { resolve } from 'node:path';

export function appDataDir(env: NodeJS.ProcessEnv, userData: string): string {
  const chosen = env.KETENLENS_DATA_DIR;
  return chosen !== undefined && chosen.trim() !== '' ? resolve(chosen) : userData;
}
