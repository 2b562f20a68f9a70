// The shape of one `ketenlens` sub-command and the I/O it is given. Commands are
// small modules in ./commands/, registered in ./main.ts; they return an exit code
// (see EXIT in shared/errors.ts) and throw KetenlensError for refusals.
import { parseArgs, type ParseArgsConfig } from 'node:util';
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

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type CommandArgsConfig<Options extends OptionsConfig> = { args: string[]; allowPositionals: true; strict: true; options: Options };

/**
 * A command's arguments, parsed the one way every command parses them: strict (an unknown
 * option is a usage error) and with positionals allowed (each command checks their number
 * with requirePositionals).
 */
export function parseCommandArgs<const Options extends OptionsConfig>(argv: string[], options: Options) {
  return parseArgs<CommandArgsConfig<Options>>({ args: argv, allowPositionals: true, strict: true, options });
}
