// `ketenlens demo` end to end: the built command line writes the demo into a temporary
// data directory (passphrase) and to --out for an age-keygen key; the real `age -d`
// decrypts it into memory (never to disk) and sql.js checks the content.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptAgeFile } from '../../age/index';
import { ageKeygen, makeTempDir, type TempDir } from '../../../../test/support/age-cli';

let dir: TempDir;
let cli: string;
let sql: SqlJsStatic;
let key: { recipient: string; path: string };

beforeAll(async () => {
  dir = makeTempDir();
  // A private bundle, so this test never races another build of dist/cli.
  cli = join(process.cwd(), 'dist', 'test', `demo-cli-${process.pid}.mjs`);
  await build({
    entryPoints: ['shared/node/cli/main.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20',
    packages: 'external', outfile: cli, logLevel: 'warning',
    footer: { js: 'process.exitCode = await main(process.argv.slice(2));' },
  });
  sql = await initSqlJs();
  const path = dir.file('key.txt');
  key = { recipient: ageKeygen(path).recipient, path };
}, 60_000);

afterAll(() => {
  dir.remove();
  rmSync(cli, { force: true });
});

function ketenlens(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir.path,
    env: { ...process.env, KETENLENS_DATA_DIR: dir.file('data'), KETENLENS_LANG: 'en' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `age -d -i` into this process's memory. */
function ageDecryptToMemory(path: string): Uint8Array {
  return new Uint8Array(execFileSync('age', ['-d', '-i', key.path, path], { maxBuffer: 512 * 1024 * 1024 }));
}

function count(plaintext: Uint8Array, table: string): number {
  const db = new sql.Database(plaintext);
  try {
    return Number(db.exec(`SELECT COUNT(*) FROM ${table}`)[0]?.values[0]?.[0]);
  } finally {
    db.close();
  }
}

describe('ketenlens demo', () => {
  let fromDataDir: Uint8Array;

  it('writes demo.snapshot.age into the data directory with the demo passphrase, once', async () => {
    const first = ketenlens(['demo']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const path = dir.file('data/demo.snapshot.age');
    expect(first.stdout.trim()).toBe(path);
    const written = statSync(path).mtimeMs;
    const opened = await decryptAgeFile(path, { kind: 'passphrase', passphrase: 'ketenlens-demo' });
    fromDataDir = opened.plaintext;
    const db = new sql.Database(fromDataDir);
    expect(db.exec("SELECT value FROM meta WHERE key = 'titel'")[0]?.values[0]?.[0]).toBe(
      'Demo-snapshot Ketenlens — synthetische gegevens, geen echte personen',
    );
    db.close();
    const again = ketenlens(['demo']);
    expect(again.status).toBe(0);
    expect(again.stdout.trim()).toBe(path);
    expect(statSync(path).mtimeMs).toBe(written);
  }, 120_000);

  it('writes to --out for a recipient; age -d opens it and the plaintext is the same bytes', () => {
    const result = ketenlens(['demo', '--out', 'mine.snapshot.age', '--recipient', key.recipient]);
    expect(result.status).toBe(0);
    expect(statSync(dir.file('mine.snapshot.age')).mode & 0o777).toBe(0o600);
    const plaintext = ageDecryptToMemory(dir.file('mine.snapshot.age'));
    expect(Buffer.from(plaintext).equals(Buffer.from(fromDataDir))).toBe(true);
    expect(count(plaintext, 'inburgeraar')).toBeGreaterThan(50_000);
    expect(count(plaintext, 'gemeente')).toBe(342);
  }, 120_000);

  it('writes a seeded scale snapshot with --persons', () => {
    const result = ketenlens(['demo', '--persons', '3000', '--seed', '7', '--out', 'scale.snapshot.age', '--recipient', key.recipient]);
    expect(result.status).toBe(0);
    const plaintext = ageDecryptToMemory(dir.file('scale.snapshot.age'));
    expect(count(plaintext, 'inburgeraar')).toBe(3000);
    expect(count(plaintext, 'lening_betaling')).toBeGreaterThan(3000 * 2);
  }, 120_000);

  it('refuses to overwrite --out without --force, and overwrites with it', () => {
    const refused = ketenlens(['demo', '--persons', '500', '--out', 'scale.snapshot.age', '--recipient', key.recipient]);
    expect(refused.status).toBe(7);
    expect(refused.stderr).toContain('scale.snapshot.age');
    expect(refused.stderr).not.toMatch(/\bat .*\.(m?js|ts):\d+/);
    const forced = ketenlens(['demo', '--persons', '500', '--out', 'scale.snapshot.age', '--recipient', key.recipient, '--force']);
    expect(count(ageDecryptToMemory(dir.file('scale.snapshot.age')), 'inburgeraar')).toBe(500);
    expect(forced.status).toBe(0);
  }, 120_000);

  it.each([
    [['demo', '--seed', '3'], '--seed only works with --persons'],
    [['demo', '--persons', '0'], '--persons must be a whole number'],
    [['demo', '--persons', '12x'], '--persons must be a whole number'],
    [['demo', '--recipient', 'age1nope'], '--recipient'],
    [['demo', '--passphrase-file', 'missing.txt', '--out', 'x.snapshot.age'], 'missing.txt'],
    [['demo', '--bogus'], 'bogus'],
  ])('refuses %j with a clear message', (args, message) => {
    const result = ketenlens(args);
    expect([2, 6]).toContain(result.status);
    expect(result.stderr).toContain(message);
    expect(existsSync(dir.file('x.snapshot.age'))).toBe(false);
  }, 60_000);
});
