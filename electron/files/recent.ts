// The recent-snapshots list: paths only (never keys or contents), newest first, kept as
// recent.json in the data folder. A damaged file counts as an empty list.
import { readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export const RECENT_FILE = 'recent.json';
export const RECENT_LIMIT = 10;

/** The list with `path` moved to the front, without duplicates, at most `limit` long. */
export function withRecent(list: readonly string[], path: string, limit = RECENT_LIMIT): string[] {
  return [path, ...list.filter((item) => item !== path)].slice(0, limit);
}

export function parseRecent(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.filter((item): item is string => typeof item === 'string').slice(0, RECENT_LIMIT);
  } catch {
    return [];
  }
}

export async function loadRecent(dataDir: string): Promise<string[]> {
  try {
    return parseRecent(await readFile(join(dataDir, RECENT_FILE), 'utf8'));
  } catch {
    return [];
  }
}

export async function saveRecent(dataDir: string, list: readonly string[]): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, RECENT_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(list, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}
