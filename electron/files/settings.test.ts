import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings, parseSettings, SETTINGS_FILE, updateSettings } from './settings';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe('settings.json', () => {
  it('keeps a dismissed tour across sessions, in the data folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ketenlens-settings-'));
    folders.push(dataDir);
    expect(await loadSettings(dataDir)).toEqual({ tourDismissed: false });
    expect(await updateSettings(dataDir, { tourDismissed: true })).toEqual({ tourDismissed: true });
    expect(await loadSettings(dataDir)).toEqual({ tourDismissed: true });
    expect(JSON.parse(await readFile(join(dataDir, SETTINGS_FILE), 'utf8'))).toEqual({ tourDismissed: true });
  });

  it('ignores unknown keys and wrong types, and reads a damaged file as the defaults', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ketenlens-settings-'));
    folders.push(dataDir);
    expect(await updateSettings(dataDir, { tourDismissed: 'yes', path: '/etc/passwd' })).toEqual({ tourDismissed: false });
    await writeFile(join(dataDir, SETTINGS_FILE), '{ not json');
    expect(await loadSettings(dataDir)).toEqual({ tourDismissed: false });
    expect(parseSettings('{"tourDismissed":true,"extra":1}')).toEqual({ tourDismissed: true });
  });
});
