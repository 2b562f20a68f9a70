#!/usr/bin/env node
// `ketenlens` command line. Runs the bundle built by `npm run build:cli` (done by
// `npm ci`/`npm install` through the prepare script, and by `npm test`).
//
// On Linux it first starts the command once more with glibc's transparent huge pages for
// large allocations (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), because a command holds a whole
// decrypted image in memory and the kernel's first touch of each fresh 4 KiB page can cost
// more than decrypting it: on the reference virtual machine 512 MiB of fresh memory take
// 1.5–1.6 s in 4 KiB pages and 0.04–0.06 s in 2 MiB pages (docs/PERFORMANCE.md, "Fresh
// memory"). The tunable only changes how glibc asks the kernel for memory; a libc without it
// ignores it. Setting `glibc.malloc.hugetlb` yourself (to 0 to turn it off) skips the
// restart, and so do the commands that hold no snapshot (a restart costs one Node start,
// ≈ 0.1 s).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/ketenlens.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('ketenlens: the command line is not built yet; run `npm run build:cli` in the repository.\n');
  process.exit(70);
}

const HUGE_PAGES = 'glibc.malloc.hugetlb=1';
const tunables = process.env.GLIBC_TUNABLES ?? '';
const args = process.argv.slice(2);
// Commands that never hold a snapshot in memory; any other (and any new) command restarts.
const LIGHT_COMMANDS = new Set(['tables', 'keygen', 'audit', 'help', '--help', '-h', '--version', '-V']);
const light = args.length === 0 || LIGHT_COMMANDS.has(args[0]) || args.includes('--help') || args.includes('-h');

if (process.platform === 'linux' && !light && !tunables.includes('glibc.malloc.hugetlb')) {
  // The child inherits the terminal (passphrase prompts, pipes) and the Node options, so a
  // profiler flag profiles the command itself. Signals sent to this process alone (a test's
  // timeout, `kill`) are passed on; a terminal's Ctrl-C reaches both, and the child decides.
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit',
    env: { ...process.env, GLIBC_TUNABLES: tunables === '' ? HUGE_PAGES : `${tunables}:${HUGE_PAGES}` },
  });
  const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => child.kill(signal);
  for (const signal of SIGNALS) process.on(signal, forward);
  child.on('error', (error) => {
    process.stderr.write(`ketenlens: could not start the command line (${error.message}).\n`);
    process.exit(70);
  });
  child.on('exit', (code, signal) => {
    for (const name of SIGNALS) process.off(name, forward);
    // A child ended by a signal ends this process the same way, so shells see the same status.
    if (signal !== null) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
} else {
  const { main } = await import(pathToFileURL(bundle).href);
  process.exitCode = await main(args);
}
