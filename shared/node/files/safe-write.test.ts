import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileExistsError, FileWriteError } from '../../errors';
import { writeFileSafely, type WriteFileSystem } from './safe-write';

const root = mkdtempSync(join(tmpdir(), 'ketenlens-safe-write-'));
const bytes = (size: number, fill = 7) => new Uint8Array(size).fill(fill);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Mount a small tmpfs (root only); null when this machine does not allow it. */
function tryMount(path: string, options: string): string | null {
  mkdirSync(path, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', path], { stdio: 'ignore' });
    return path;
  } catch {
    return null;
  }
}

let fullDisk: string | null = null;
let readOnly: string | null = null;
beforeAll(() => {
  fullDisk = tryMount(join(root, 'full'), 'size=64k');
  readOnly = tryMount(join(root, 'readonly'), 'size=64k,ro');
  if (fullDisk === null || readOnly === null) console.warn('safe-write: cannot mount tmpfs here; the disk-full and read-only cases run with injected errors only');
});
afterAll(() => {
  for (const mounted of [fullDisk, readOnly]) if (mounted !== null) execFileSync('umount', [mounted]);
  rmSync(root, { recursive: true, force: true });
});

/** Files in a folder other than the ones expected (temporary leftovers). */
const leftovers = (folder: string, expected: string[]) => readdirSync(folder).filter((name) => !expected.includes(name));

describe('writeFileSafely', () => {
  it('writes the bytes, returns their SHA-256 and leaves no temporary file', async () => {
    const folder = mkdtempSync(join(root, 'ok-'));
    const data = bytes(1000);
    const written = await writeFileSafely(join(folder, 'tabel.xlsx'), data);
    expect(written).toEqual({ path: join(folder, 'tabel.xlsx'), sha256: sha256(data), size: 1000 });
    expect(readFileSync(join(folder, 'tabel.xlsx'))).toEqual(Buffer.from(data));
    expect(leftovers(folder, ['tabel.xlsx'])).toEqual([]);
  });

  it('creates the file with the permissions asked for', async () => {
    const folder = mkdtempSync(join(root, 'mode-'));
    await writeFileSafely(join(folder, 'geheim.age'), bytes(10), { mode: 0o600 });
    expect(statSync(join(folder, 'geheim.age')).mode & 0o777).toBe(0o600);
  });

  it('never overwrites without force, and replaces with force', async () => {
    const folder = mkdtempSync(join(root, 'exists-'));
    const path = join(folder, 'bijlage.docx');
    writeFileSync(path, 'oud');
    await expect(writeFileSafely(path, bytes(10))).rejects.toThrow(FileExistsError);
    expect(readFileSync(path, 'utf8')).toBe('oud');
    expect(leftovers(folder, ['bijlage.docx'])).toEqual([]);
    await writeFileSafely(path, bytes(10, 1), { force: true });
    expect(readFileSync(path)).toEqual(Buffer.from(bytes(10, 1)));
  });

  it('refuses a missing folder and a target that is a folder, with clear messages', async () => {
    const missing = writeFileSafely(join(root, 'no-such-folder', 'x.csv'), bytes(1));
    await expect(missing).rejects.toThrow(FileWriteError);
    await expect(missing).rejects.toMatchObject({ messageNl: expect.stringContaining('de map bestaat niet'), messageEn: expect.stringContaining('the folder does not exist') });
    const folder = mkdtempSync(join(root, 'dir-'));
    mkdirSync(join(folder, 'sub'));
    await expect(writeFileSafely(join(folder, 'sub'), bytes(1), { force: true })).rejects.toMatchObject({ code: 'file-write', messageEn: expect.stringContaining('it is a folder') });
  });

  it('on a full disk: FileWriteError, nothing half-written, the old file untouched', async () => {
    if (fullDisk === null) return; // covered by the injected case below
    const path = join(fullDisk, 'tabel.ods');
    writeFileSync(path, 'oude versie');
    const attempt = writeFileSafely(path, bytes(200_000), { force: true });
    await expect(attempt).rejects.toThrow(FileWriteError);
    await expect(attempt).rejects.toMatchObject({ messageNl: expect.stringContaining('de schijf is vol'), messageEn: expect.stringContaining('the disk is full') });
    expect(readFileSync(path, 'utf8')).toBe('oude versie');
    expect(leftovers(fullDisk, ['tabel.ods'])).toEqual([]);
    const fresh = writeFileSafely(join(fullDisk, 'nieuw.ods'), bytes(200_000));
    await expect(fresh).rejects.toThrow(FileWriteError);
    expect(leftovers(fullDisk, ['tabel.ods'])).toEqual([]);
  });

  it('on a read-only file system: FileWriteError naming it', async () => {
    if (readOnly === null) return;
    await expect(writeFileSafely(join(readOnly, 'x.csv'), bytes(1))).rejects.toMatchObject({ messageEn: expect.stringContaining('read-only') });
  });

  it('with injected failures (disk full while writing, no permission) removes the temporary file', async () => {
    const folder = mkdtempSync(join(root, 'inject-'));
    writeFileSync(join(folder, 'tabel.csv'), 'oud');
    const failingWrite: Partial<WriteFileSystem> = {
      open: (async (path: string, flags: string) => {
        const handle = await fs.open(path, flags);
        // A write that stops part-way, as on a full disk.
        return Object.assign(Object.create(handle), {
          writeFile: async () => {
            await handle.writeFile('half');
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          },
          close: () => handle.close(),
        });
      }) as WriteFileSystem['open'],
    };
    await expect(writeFileSafely(join(folder, 'tabel.csv'), bytes(100), { force: true, fileSystem: failingWrite })).rejects.toMatchObject({
      code: 'file-write',
      messageNl: expect.stringContaining('er is niets weggeschreven'),
    });
    expect(readFileSync(join(folder, 'tabel.csv'), 'utf8')).toBe('oud');
    expect(leftovers(folder, ['tabel.csv'])).toEqual([]);
    const denied: Partial<WriteFileSystem> = {
      open: (async () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      }) as WriteFileSystem['open'],
    };
    await expect(writeFileSafely(join(folder, 'ander.csv'), bytes(1), { fileSystem: denied })).rejects.toMatchObject({
      messageNl: expect.stringContaining('geen toestemming'),
      messageEn: expect.stringContaining('no permission to write'),
    });
  });
});
