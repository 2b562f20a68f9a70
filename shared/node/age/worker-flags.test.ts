import { describe, expect, it } from 'vitest';
import { workerExecArgv } from './worker-flags';

describe('workerExecArgv', () => {
  it('keeps the CPU profiler flags with their values and drops every loader flag', () => {
    expect(workerExecArgv(['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir', '/tmp/p', '--expose-gc'])).toEqual(['--cpu-prof', '--cpu-prof-dir', '/tmp/p']);
    expect(workerExecArgv(['--cpu-prof-dir=/tmp/p', '--cpu-prof', '--input-type=module'])).toEqual(['--cpu-prof-dir=/tmp/p', '--cpu-prof']);
    expect(workerExecArgv(['--import', 'tsx'])).toEqual([]);
  });
});
