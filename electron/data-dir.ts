// The app's data folder (audit trail, recent list, demo snapshot, Chromium's profile): the
// same folder the command line uses (shared/node/audit/data-dir.ts) — KETENLENS_DATA_DIR
// when set, else the OS's per-user application-data folder + 'Ketenlens'. Not Electron's
// own userData default, which differs between a packaged app and a development run.
import { ketenlensDataDir } from '../shared/node/audit/data-dir';

export function appDataDir(env: NodeJS.ProcessEnv): string {
  return ketenlensDataDir(env);
}
