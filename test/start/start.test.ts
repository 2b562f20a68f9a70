// `npm start`'s fallback, from a clean copy of the repository (the files a fresh clone has:
// tracked and new ones, nothing ignored) with nothing set: no KETENLENS_DATA_DIR, an empty
// HOME, no display. Where Electron cannot run, scripts/start.mjs must make the demo, serve
// the browser host, print the address and the demo passphrase, answer over HTTP and stop
// on SIGTERM. To stay fast it reuses this checkout's node_modules and built dist-web/
// (built in the copy when absent); the CLI and Electron bundles are built in the copy.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
let scratch: string;
let clone: string;
let home: string;
let noElectron: string;

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ketenlens-start-'));
  clone = join(scratch, 'clone');
  home = join(scratch, 'home');
  noElectron = join(scratch, 'no-electron');
  for (const folder of [clone, home, noElectron]) mkdirSync(folder, { recursive: true });
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter((name) => name !== '' && existsSync(join(ROOT, name)))) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    cpSync(join(ROOT, file), join(clone, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
  run(process.execPath, ['build/build-electron.mjs'], clone);
  run('npm', ['run', '--silent', 'build:cli'], clone);
  if (existsSync(join(ROOT, 'dist-web', 'index.html'))) symlinkSync(join(ROOT, 'dist-web'), join(clone, 'dist-web'), 'dir');
  else run('npm', ['run', '--silent', 'build:web'], clone);
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

it('serves the browser host with the demo ready when Electron cannot run, and stops again', async () => {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, PORT: '0', ELECTRON_OVERRIDE_DIST_PATH: noElectron };
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address within 60 s:\n${stdout}\n${stderr}`)), 60_000);
      const check = () => {
        const match = /runs in your browser at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (match?.[1] !== undefined && stdout.includes('Stop with Ctrl+C')) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', check);
      void exited.then((code) => reject(new Error(`start.mjs exited with ${code}:\n${stdout}\n${stderr}`)));
    });
    expect(stdout).toContain('Demo passphrase: ketenlens-demo');
    expect(stdout).toContain('Electron is not available here');

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    // The demo was made before the address was printed, in the default data folder the app
    // and the command line share (Linux, no XDG_CONFIG_HOME: ~/.config/Ketenlens).
    const demoOnDisk = readFileSync(join(home, '.config', 'Ketenlens', 'demo.snapshot.age'));
    const demo = await fetch(new URL('demo.snapshot.age', url));
    expect(demo.status).toBe(200);
    const served = Buffer.from(await demo.arrayBuffer());
    expect(served.subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');
    expect(served.equals(demoOnDisk)).toBe(true);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 120_000);
