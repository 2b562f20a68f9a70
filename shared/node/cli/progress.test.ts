import { Writable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './command';
import { createProgressBar, renderProgress } from './progress';

function io(isTTY: boolean): CliIo & { text: () => string } {
  let written = '';
  const stderr = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        written += String(chunk);
        done();
      },
    }),
    { isTTY },
  );
  return { stdout: new PassThrough(), stderr, stdin: new PassThrough(), env: {}, cwd: '/', language: 'en', text: () => written };
}

describe('progress bar', () => {
  it('renders phase, bar and percentage', () => {
    expect(renderProgress({ phase: 'decrypt', done: 50, total: 100 })).toBe(`${'ontsleutelen/decrypt'.padEnd(22)} [${'#'.repeat(12)}${'.'.repeat(12)}]  50%`);
    expect(renderProgress({ phase: 'check', done: 0, total: 0 })).toBe(`${'controleren/check'.padEnd(22)} …`);
    expect(renderProgress({ phase: 'build', done: 1, total: 1 })).toBe(`${'opbouwen/build'.padEnd(22)} [${'#'.repeat(24)}] 100%`);
  });

  it('draws nothing when stderr is not a terminal', () => {
    const pipe = io(false);
    const bar = createProgressBar(pipe);
    expect(bar.onProgress).toBeUndefined();
    bar.done();
    expect(pipe.text()).toBe('');
  });

  it('redraws at most every 100 ms within a phase, always at a phase change and at the end, and clears', () => {
    const terminal = io(true);
    let now = 0;
    const bar = createProgressBar(terminal, () => now);
    bar.onProgress?.({ phase: 'decrypt', done: 1, total: 10 });
    now = 50;
    bar.onProgress?.({ phase: 'decrypt', done: 2, total: 10 });
    bar.onProgress?.({ phase: 'decrypt', done: 10, total: 10 });
    bar.onProgress?.({ phase: 'load', done: 0, total: 10 });
    bar.done();
    const frames = terminal.text().split('\r').filter((frame) => frame !== '');
    expect(frames.length).toBe(4);
    expect(frames[1]).toContain('100%');
    expect(frames[2]).toContain('laden/load');
    expect(frames[3]).toBe('\u001b[K');
  });
});
