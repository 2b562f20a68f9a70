// scripts/start-electron.mjs without an Electron binary: a clear message, exit non-zero.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('points to npm run start:web when the Electron binary is missing', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'ketenlens-no-electron-'));
  try {
    const result = spawnSync(process.execPath, ['scripts/start-electron.mjs'], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm run start:web');
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});
