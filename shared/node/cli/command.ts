// The shape of one `ketenlens` sub-command and the I/O it is given. Commands are
// small modules in ./commands/, registered in ./main.ts; they return an exit code
// (see EXIT in shared/errors.ts) and throw KetenlensError for refusals.
import type { Language } from '../../errors';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Working directory for relative paths. */
  cwd: string;
  language: Language;
}

export interface Command {
  name: string;
  /** One line for `ketenlens --help`. */
  summary: string;
  /** Full text for `ketenlens <name> --help`. */
  help: string;
  run(argv: string[], io: CliIo): Promise<number>;
}
