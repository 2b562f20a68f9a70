// bin/ketenlens.mjs on Linux starts the command once more with glibc's huge pages for large
// allocations (docs/PERFORMANCE.md, "Fresh memory"): the command must see the tunable, keep
// the user's own tunables, end with the same status and output as when run in place, and
// never outlive a signal sent to the launcher. Processes are found through /proc, so the
// suite runs where that exists (Linux, the only platform the launcher restarts on).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEnvironment, ROOT, runKetenlens } from '../support/cli-process';
import { makeTempDirectory, type SnapshotFixture } from '../support/snapshot';

const LAUNCHER = join(ROOT, 'bin', 'ketenlens.mjs');

const folders: SnapshotFixture[] = [];
afterAll(() => folders.forEach((folder) => folder.remove()));

/** A fresh temporary folder, removed after the suite. */
function temporaryFolder(): string {
  const folder = makeTempDirectory();
  folders.push(folder);
  return folder.directory;
}

/**
 * Process ids whose command line contains `marker`, with their environments as the kernel
 * shows them: NUL-separated, and with glibc's in-place parsing of GLIBC_TUNABLES, which
 * turns the ':' between tunables into NUL (the process's own `process.env` keeps the ':').
 */
function processesWith(marker: string): { pid: number; environment: string }[] {
  const found: { pid: number; environment: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) continue;
      found.push({ pid: Number(entry), environment: readFileSync(`/proc/${entry}/environ`, 'utf8') });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

async function until<T>(probe: () => T | null, what: string): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

/** bin/ketenlens.mjs started with `args`, its output ignored; `closed` gives the signal that ended it, if any. */
function startLauncher(args: string[], env: Record<string, string>): { launcher: ChildProcess; closed: Promise<NodeJS.Signals | null> } {
  const launcher = spawn(process.execPath, [LAUNCHER, ...args], { env: cliEnvironment(env), stdio: 'ignore' });
  const closed = new Promise<NodeJS.Signals | null>((resolve) => launcher.on('close', (_code, signal) => resolve(signal)));
  return { launcher, closed };
}

/**
 * Starts `ketenlens info` with a passphrase file that is a FIFO nobody writes to, so the
 * command waits (as it would for `--passphrase-file <(pass show …)`) until it is stopped.
 */
function waitingCommand(tunables: string | null): { launcher: ChildProcess; marker: string; closed: Promise<NodeJS.Signals | null> } {
  const directory = temporaryFolder();
  const marker = join(directory, 'passphrase.fifo');
  execFileSync('mkfifo', [marker]);
  const started = startLauncher(['info', join(directory, 'absent.snapshot.age'), '--passphrase-file', marker], {
    KETENLENS_DATA_DIR: directory,
    ...(tunables === null ? {} : { GLIBC_TUNABLES: tunables }),
  });
  return { ...started, marker };
}

describe.skipIf(!existsSync('/proc/self/environ'))('the ketenlens launcher', () => {
  it('runs the command in a child with huge pages, and a signal to the launcher ends both', async () => {
    const { launcher, marker, closed } = waitingCommand(null);
    const command = await until(() => {
      const found = processesWith(marker).filter((process) => process.pid !== launcher.pid);
      return found.length === 1 ? found[0]! : null;
    }, 'the command to start');
    expect(command.environment).toMatch(/(^|\0)GLIBC_TUNABLES=glibc\.malloc\.hugetlb=1\0/);

    launcher.kill('SIGTERM');
    expect(await closed).toBe('SIGTERM');
    await until(() => (processesWith(marker).length === 0 ? true : null), 'the command to end with the launcher');
  });

  it("adds huge pages to the user's own tunables, and runs in place when the user set them", async () => {
    const added = waitingCommand('glibc.malloc.arena_max=2');
    const command = await until(() => {
      const found = processesWith(added.marker).filter((process) => process.pid !== added.launcher.pid);
      return found.length === 1 ? found[0]! : null;
    }, 'the command to start');
    expect(command.environment).toMatch(/(^|\0)GLIBC_TUNABLES=glibc\.malloc\.arena_max=2[:\0]glibc\.malloc\.hugetlb=1\0/);
    added.launcher.kill('SIGTERM');
    await added.closed;

    const inPlace = waitingCommand('glibc.malloc.hugetlb=0');
    const only = await until(() => {
      const found = processesWith(inPlace.marker);
      return found.length > 0 ? found : null;
    }, 'the command to start');
    // Give a restart the time it would take, then check there was none.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(processesWith(inPlace.marker).map((process) => process.pid)).toEqual([inPlace.launcher.pid]);
    expect(only[0]!.environment).toMatch(/(^|\0)GLIBC_TUNABLES=glibc\.malloc\.hugetlb=0\0/);
    inPlace.launcher.kill('SIGTERM');
    expect(await inPlace.closed).toBe('SIGTERM');
  });

  it('ends with the same status, output and message as the command run in place', async () => {
    const directory = temporaryFolder();
    const args = ['info', join(directory, 'absent.snapshot.age'), '--passphrase-file', join(directory, 'absent.txt')];
    const restarted = await runKetenlens(args, { cwd: directory, env: { KETENLENS_DATA_DIR: directory } });
    const inPlace = await runKetenlens(args, { cwd: directory, env: { KETENLENS_DATA_DIR: directory, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' } });
    expect(restarted.status).toBe(6);
    expect(restarted.stderr).toBe(`ketenlens info: Cannot read '${join(directory, 'absent.txt')}': the file does not exist.\n`);
    expect(restarted).toEqual(inPlace);

    const help = await runKetenlens(['--version'], { cwd: directory, env: {} });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('does not restart for a command that holds no snapshot (help, audit)', async () => {
    const directory = temporaryFolder();
    // A path nobody else has in its command line; both commands end at once (help; a usage error).
    const marker = join(directory, 'marker');
    for (const args of [['info', marker, '--help'], ['audit', 'verify', marker]]) {
      const { launcher, closed } = startLauncher(args, { KETENLENS_DATA_DIR: directory });
      const seen = new Set<number>();
      let done = false;
      void closed.then(() => (done = true));
      while (!done) {
        for (const process of processesWith(marker)) seen.add(process.pid);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect([...seen].filter((pid) => pid !== launcher.pid)).toEqual([]);
    }
  });
});
