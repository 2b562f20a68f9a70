// One captured CliIo for the tests of commands: standard output and error are collected
// in memory, standard input is empty, and the environment is only what the test gives.
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../shared/node/cli/command';

export interface CapturedCliIo {
  io: CliIo;
  /** Standard output so far, as text. */
  stdout(): string;
  /** Standard output so far, as bytes (for binary formats written to stdout). */
  stdoutBytes(): Buffer;
  /** Standard error so far, as text. */
  stderr(): string;
}

export interface CaptureOptions {
  cwd: string;
  env?: Record<string, string>;
  language?: CliIo['language'];
}

export function captureCliIo({ cwd, env = {}, language = 'en' }: CaptureOptions): CapturedCliIo {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: Buffer[] = [];
  let stderr = '';
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const io: CliIo = { stdout: out, stderr: err, stdin: new PassThrough(), env, cwd, language };
  return { io, stdout: () => Buffer.concat(chunks).toString(), stdoutBytes: () => Buffer.concat(chunks), stderr: () => stderr };
}
