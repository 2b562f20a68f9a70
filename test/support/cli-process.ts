// The built `ketenlens` command line as a child process, for the tests that run it end to
// end: asynchronous, so concurrent tests overlap their processes; the environment is only
// PATH, English messages and what the test gives (never the user's own data folder).
// Test-only.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a command under test: PATH, English messages, and what the test gives. */
export function cliEnvironment(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', KETENLENS_LANG: 'en', ...env };
}

/** Run bin/ketenlens.mjs with `args` in `cwd`, with `env` added to PATH and KETENLENS_LANG=en. */
export function runKetenlens(args: string[], options: { cwd: string; env: Record<string, string> }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'ketenlens.mjs'), ...args], {
      cwd: options.cwd,
      env: cliEnvironment(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
