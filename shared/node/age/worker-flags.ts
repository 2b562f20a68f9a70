// Node corner: the command-line flags a worker thread of the age layer inherits. None of the
// loader flags (e.g. --import tsx: the workers are plain CommonJS), but the CPU profiler's,
// so that `node --cpu-prof` (bench/cli.bench.ts) profiles the decryption and hash threads too.

const PROFILER_FLAGS_WITH_VALUE = new Set(['--cpu-prof-dir', '--cpu-prof-name', '--cpu-prof-interval']);

/** The profiler flags of `execArgv` (with their values), nothing else. */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  for (let index = 0; index < execArgv.length; index++) {
    const flag = execArgv[index]!;
    if (!flag.startsWith('--cpu-prof')) continue;
    kept.push(flag);
    const value = execArgv[index + 1];
    if (PROFILER_FLAGS_WITH_VALUE.has(flag) && value !== undefined) {
      kept.push(value);
      index++;
    }
  }
  return kept;
}
