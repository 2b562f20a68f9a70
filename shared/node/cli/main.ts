// Entry of the `ketenlens` command line: picks the sub-command, prints help, and turns
// typed refusals into their message and documented exit code (never a stack trace).
import { EXIT, InternalError, isKetenlensError, type Language } from '../../errors';
import type { Command, CliIo } from './command';
import { VERSION } from '../../version';

/**
 * The sub-commands in the order of the help text, each loaded when it runs: the bundle is
 * split per command (esbuild --splitting), so a command parses only its own code and
 * libraries, not those of the thirteen others (seal's CSV reader, the demo generator, …).
 */
const LOADERS: Readonly<Record<string, () => Promise<Command>>> = {
  info: async () => (await import('./commands/info')).infoCommand,
  validate: async () => (await import('./commands/validate')).validateCommand,
  demo: async () => (await import('./commands/demo')).demoCommand,
  query: async () => (await import('./commands/query')).queryCommand,
  tables: async () => (await import('./commands/tables')).tablesCommand,
  table: async () => (await import('./commands/table')).tableCommand,
  bijlage: async () => (await import('./commands/bijlage')).bijlageCommand,
  seal: async () => (await import('./commands/seal')).sealCommand,
  rekey: async () => (await import('./commands/rekey')).rekeyCommand,
  keygen: async () => (await import('./commands/keygen')).keygenCommand,
  audit: async () => (await import('./commands/audit')).auditCommand,
  diff: async () => (await import('./commands/diff')).diffCommand,
  reconcile: async () => (await import('./commands/reconcile')).reconcileCommand,
  verify: async () => (await import('./commands/verify')).verifyCommand,
};

/** Every sub-command, loaded (for the overview of `ketenlens --help`). */
export function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(LOADERS).map((load) => load()));
}

function languageFrom(env: NodeJS.ProcessEnv): Language {
  const chosen = env.KETENLENS_LANG ?? env.LC_ALL ?? env.LANG ?? '';
  if (chosen.toLowerCase().startsWith('en')) return 'en';
  if (chosen.toLowerCase().startsWith('nl')) return 'nl';
  return env.KETENLENS_LANG === undefined ? 'en' : 'nl';
}

async function usage(): Promise<string> {
  const commands = await loadCommands();
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `ketenlens ${VERSION} — audit the Dutch civic-integration chain from encrypted snapshots`,
    '',
    'Usage: ketenlens <command> [options]   (ketenlens <command> --help for details)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
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
    io.stdout.write(await usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const load = Object.hasOwn(LOADERS, name) ? LOADERS[name] : undefined;
  if (load === undefined) {
    io.stderr.write(`ketenlens: unknown command '${name}'\n\n${await usage()}`);
    return EXIT.usage;
  }
  const command = await load();
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
