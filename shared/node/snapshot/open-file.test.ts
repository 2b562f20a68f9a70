import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileReadError, FileTooLargeError } from '../../errors';
import { buildSnapshotFile, FIXTURE_PASSPHRASE, makeTempDirectory } from '../../../test/support/snapshot';
import { checkSnapshotPath, maxSnapshotBytes, openSnapshotFile } from './open-file';

const key = { kind: 'passphrase', passphrase: FIXTURE_PASSPHRASE } as const;

describe('openSnapshotFile', () => {
  const temp = makeTempDirectory();
  afterAll(() => temp.remove());

  it('decrypts and opens a fixture file, with the hash and size of the encrypted file', async () => {
    const fixture = await buildSnapshotFile("INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', NULL);");
    try {
      const phases: string[] = [];
      const snapshot = await openSnapshotFile(fixture.path, key, { onProgress: (p) => phases.push(p.phase) });
      expect(snapshot.rowCounts.gemeente).toBe(1);
      expect(snapshot.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(snapshot.fileSize).toBeGreaterThan(4096);
      expect(phases).toContain('load');
      expect(phases.at(-1)).toBe('check');
      snapshot.close();
    } finally {
      fixture.remove();
    }
  });

  it('names the reason a path cannot be read', async () => {
    const missing = join(temp.directory, 'nope.age');
    await expect(checkSnapshotPath(missing, 1e9)).rejects.toThrow(new FileReadError(missing, 'het bestand bestaat niet', 'the file does not exist'));
    const directory = join(temp.directory, 'map');
    mkdirSync(directory);
    const error = await checkSnapshotPath(directory, 1e9).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileReadError);
    expect((error as FileReadError).messageEn).toBe(`Cannot read '${directory}': it is a directory, not a file.`);
    expect((error as FileReadError).messageNl).toBe(`Kan '${directory}' niet lezen: het is een map, geen bestand.`);
  });

  it('refuses a file above the limit before decrypting it', async () => {
    const path = join(temp.directory, 'big.age');
    writeFileSync(path, new Uint8Array(3000));
    const error = await openSnapshotFile(path, key, { maxBytes: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect(await checkSnapshotPath(path, 3000)).toBe(3000);
  });

  it('takes the limit from KETENLENS_MAX_SNAPSHOT_MB, 4096 MB by default', () => {
    expect(maxSnapshotBytes({})).toBe(4096e6);
    expect(maxSnapshotBytes({ KETENLENS_MAX_SNAPSHOT_MB: '340' })).toBe(340e6);
    expect(maxSnapshotBytes({ KETENLENS_MAX_SNAPSHOT_MB: 'veel' })).toBe(4096e6);
    expect(maxSnapshotBytes({ KETENLENS_MAX_SNAPSHOT_MB: '-1' })).toBe(4096e6);
  });
});
