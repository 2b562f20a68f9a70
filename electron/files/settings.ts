// The app settings (shared/ipc/contract AppSettings) as settings.json in the data folder:
// preferences only, never data or keys. A missing or damaged file gives the defaults.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkSettingsUpdate, DEFAULT_APP_SETTINGS, type AppSettings } from '../../shared/ipc/contract';

export const SETTINGS_FILE = 'settings.json';

export function parseSettings(text: string): AppSettings {
  try {
    return { ...DEFAULT_APP_SETTINGS, ...checkSettingsUpdate(JSON.parse(text)) };
  } catch {
    return { ...DEFAULT_APP_SETTINGS };
  }
}

export async function loadSettings(dataDir: string): Promise<AppSettings> {
  try {
    return parseSettings(await readFile(join(dataDir, SETTINGS_FILE), 'utf8'));
  } catch {
    return { ...DEFAULT_APP_SETTINGS };
  }
}

export async function updateSettings(dataDir: string, update: unknown): Promise<AppSettings> {
  const next = { ...(await loadSettings(dataDir)), ...checkSettingsUpdate(update) };
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, SETTINGS_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
  return next;
}
