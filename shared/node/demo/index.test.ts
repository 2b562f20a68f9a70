// The demo in the data directory: where it goes, made once per generator version, shared
// by concurrent callers, and opened with the demo passphrase.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VERSION } from '../../demo/generate';
import { decryptAgeFile } from '../age/index';
import { makeTempDir, type TempDir } from '../../../test/support/age-cli';
import { FileWriteError } from '../../errors';
import { ketenlensDataDir } from '../audit/data-dir';
import { DEMO_PASSPHRASE, DEMO_VERSION_FILE_NAME, defaultDataDir, ensureDataDir, ensureDemoSnapshot } from './index';

let dir: TempDir;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => dir.remove());

describe('defaultDataDir', () => {
  it('is KETENLENS_DATA_DIR when set, else the per-user folder the app uses too', () => {
    expect(defaultDataDir({ KETENLENS_DATA_DIR: '/srv/data' })).toBe('/srv/data');
    expect(defaultDataDir({ KETENLENS_DATA_DIR: '' })).toBe(ketenlensDataDir({}));
    expect(defaultDataDir({})).toBe(ketenlensDataDir({}));
  });
});

describe('ensureDataDir', () => {
  it('makes nested folders and refuses, without hanging, where no folder can be made', async () => {
    await ensureDataDir(join(dir.path, 'a', 'b', 'c'));
    expect(statSync(join(dir.path, 'a', 'b', 'c')).isDirectory()).toBe(true);
    writeFileSync(join(dir.path, 'file'), '');
    await expect(ensureDataDir(join(dir.path, 'file'))).rejects.toThrow(FileWriteError);
    await expect(ensureDataDir(join(dir.path, 'file', 'below'))).rejects.toThrow(FileWriteError);
    // Node's recursive mkdir loops forever here; ours must refuse.
    if (existsSync('/proc/self')) await expect(ensureDataDir('/proc/nope/data')).rejects.toThrow(FileWriteError);
  });
});

describe('ensureDemoSnapshot', () => {
  it('makes the demo once for concurrent callers, and remakes a file from another generator version', async () => {
    const dataDir = join(dir.path, 'nested', 'data');
    const [first, second] = await Promise.all([ensureDemoSnapshot(dataDir), ensureDemoSnapshot(dataDir)]);
    expect(first).toBe(join(dataDir, 'demo.snapshot.age'));
    expect(second).toBe(first);
    expect(readFileSync(join(dataDir, DEMO_VERSION_FILE_NAME), 'utf8').trim()).toBe(DEMO_VERSION);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const opened = await decryptAgeFile(first, { kind: 'passphrase', passphrase: DEMO_PASSPHRASE });
    expect(new TextDecoder().decode(opened.plaintext.subarray(0, 15))).toBe('SQLite format 3');
    const written = statSync(first).mtimeMs;
    expect(await ensureDemoSnapshot(dataDir)).toBe(first);
    expect(statSync(first).mtimeMs).toBe(written);

    // A stale demo (older generator) is replaced.
    writeFileSync(first, 'stale');
    writeFileSync(join(dataDir, DEMO_VERSION_FILE_NAME), '0\n');
    await ensureDemoSnapshot(dataDir);
    expect(statSync(first).size).toBe(opened.fileSize);
  }, 120_000);
});
