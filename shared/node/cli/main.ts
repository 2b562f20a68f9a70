// Entry of the `ketenlens` command line: picks the sub-command, prints help, and turns
// typed refusals into their message and documented exit code (never a stack trace).
import { EXIT, InternalError, isKetenlensError, type Language } from '../../errors';
import type { Command, CliIo } from './command';
import { VERSION } from '../../version';
import { infoCommand } from './commands/info';
import { validateCommand } from './commands/validate';
import { demoCommand } from './commands/demo';
import { queryCommand } from './commands/query';
import { tableCommand } from './commands/table';
import { tablesCommand } from './commands/tables';
import { bijlageCommand } from './commands/bijlage';
import { sealCommand } from './commands/seal';
import { rekeyCommand } from './commands/rekey';
import { keygenCommand } from './commands/keygen';
import { auditCommand } from './commands/audit';
import { diffCommand } from './commands/diff';
import { reconcileCommand } from './commands/reconcile';
import { verifyCommand } from './commands/verify';

export const COMMANDS: readonly Command[] = [
  infoCommand, validateCommand, demoCommand, queryCommand, tablesCommand, tableCommand, bijlageCommand,
  sealCommand, rekeyCommand, keygenCommand, auditCommand, diffCommand,
  reconcileCommand, verifyCommand,
];

function languageFrom(env: NodeJS.ProcessEnv): Language {
  const chosen = env.KETENLENS_LANG ?? env.LC_ALL ?? env.LANG ?? '';
  if (chosen.toLowerCase().startsWith('en')) return 'en';
  if (chosen.toLowerCase().startsWith('nl')) return 'nl';
  return env.KETENLENS_LANG === undefined ? 'en' : 'nl';
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `ketenlens ${VERSION} — audit the Dutch civic-integration chain from encrypted snapshots`,
    '',
    'Usage: ketenlens <command> [options]   (ketenlens <command> --help for details)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Keys: --identity FILE (repeatable) | --passphrase-file FILE | env KETENLENS_PASSPHRASE | a prompt on a terminal.',
    'Exit codes: 0 ok, 1 findings (validate), 2 usage, 3 key, 4 damaged/not age, 5 not a snapshot,',
    '            6 file I/O, 7 refused, 8 bad source data (seal), 70 internal error.',
    '',
  ].join('\n');
}

export async function main(argv: string[], partialIo: Partial<CliIo> = {}): Promise<number> {
  const env = partialIo.env ?? process.env;
  const io: CliIo = {
    stdout: partialIo.stdout ?? process.stdout,
    stderr: partialIo.stderr ?? process.stderr,
    stdin: partialIo.stdin ?? process.stdin,
    env,
    cwd: partialIo.cwd ?? process.cwd(),
    language: partialIo.language ?? languageFrom(env),
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr.write(`ketenlens: unknown command '${name}'\n\n${usage()}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isKetenlensError(error)) {
      io.stderr.write(`ketenlens ${command.name}: ${error.localized(io.language)}\n`);
      return error.exitCode;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`ketenlens ${command.name}: ${error.message}\n(ketenlens ${command.name} --help)\n`);
      return EXIT.usage;
    }
    const internal = new InternalError(String(error), { cause: error });
    const stack = io.env.KETENLENS_DEBUG && error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : '';
    io.stderr.write(`ketenlens ${command.name}: ${internal.localized(io.language)}\n${stack}`);
    return internal.exitCode;
  }
}
