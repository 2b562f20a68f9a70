// How every command that opens a snapshot gets its key: `--identity FILE` (repeatable),
// `--passphrase-file FILE`, the environment variable KETENLENS_PASSPHRASE, or else a
// prompt without echo when stdin is a terminal. A passphrase as an argument is refused:
// it would end up in shell history and in process lists other users can read.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AgeKey } from '../../age/types';
import { FileReadError, NoKeyError, UsageError } from '../../errors';
import { parseIdentityFile } from '../age';
import type { CliIo } from './command';
import { readFailureReason } from '../snapshot/open-file';

/** parseArgs option definitions for keys; spread them into every command's options. */
export const KEY_OPTIONS = {
  identity: { type: 'string', short: 'i', multiple: true },
  'passphrase-file': { type: 'string' },
  // Accepted only to refuse it with an explanation instead of "unknown option".
  passphrase: { type: 'string' },
} as const;

export interface KeyValues {
  identity?: string[] | undefined;
  'passphrase-file'?: string | undefined;
  passphrase?: string | undefined;
}

/** One line for the commands' --help texts. */
export const KEY_HELP = [
  'Key (one of, in this order):',
  '  -i, --identity FILE      age identity file (AGE-SECRET-KEY-1…); repeatable, # comments allowed',
  '  --passphrase-file FILE   the passphrase is the first line of FILE',
  '  KETENLENS_PASSPHRASE     environment variable with the passphrase',
  '  (a terminal prompt without echo when none of these is given and stdin is a terminal)',
].join('\n');

export const PROMPT = 'Wachtwoordzin / passphrase: ';

async function readKeyFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new FileReadError(path, ...readFailureReason(error), { cause: error });
  }
}

/** The first line of a passphrase file, without its line ending. */
export function passphraseFromFileText(text: string): string {
  const newline = text.indexOf('\n');
  const line = newline === -1 ? text : text.slice(0, newline);
  return line.replace(/\r+$/, '');
}

export async function resolveKey(values: KeyValues, io: CliIo): Promise<AgeKey> {
  if (values.passphrase !== undefined) {
    throw new UsageError(
      'Een wachtwoordzin als argument (--passphrase) wordt geweigerd: die belandt in de shellgeschiedenis en in proceslijsten die anderen kunnen zien. Gebruik --passphrase-file BESTAND, KETENLENS_PASSPHRASE of de vraag op de terminal.',
      'A passphrase as an argument (--passphrase) is refused: it would end up in shell history and in process lists others can see. Use --passphrase-file FILE, KETENLENS_PASSPHRASE or the terminal prompt.',
    );
  }
  const identityFiles = values.identity ?? [];
  if (identityFiles.length > 0 && values['passphrase-file'] !== undefined) {
    throw new UsageError(
      'Geef --identity óf --passphrase-file, niet beide.',
      'Give --identity or --passphrase-file, not both.',
    );
  }
  if (identityFiles.length > 0) {
    const identities: string[] = [];
    for (const file of identityFiles) identities.push(...parseIdentityFile(await readKeyFile(resolve(io.cwd, file))));
    return { kind: 'identities', identities };
  }
  if (values['passphrase-file'] !== undefined) {
    const passphrase = passphraseFromFileText(await readKeyFile(resolve(io.cwd, values['passphrase-file'])));
    if (passphrase === '') {
      throw new UsageError(
        `De eerste regel van ${values['passphrase-file']} is leeg; daar hoort de wachtwoordzin te staan.`,
        `The first line of ${values['passphrase-file']} is empty; it should hold the passphrase.`,
      );
    }
    return { kind: 'passphrase', passphrase };
  }
  const fromEnvironment = io.env.KETENLENS_PASSPHRASE;
  if (fromEnvironment !== undefined && fromEnvironment !== '') return { kind: 'passphrase', passphrase: fromEnvironment };
  if (io.stdin.isTTY === true) {
    const passphrase = await promptHidden(io);
    if (passphrase !== '') return { kind: 'passphrase', passphrase };
  }
  throw new NoKeyError();
}

type RawInput = NodeJS.ReadableStream & { setRawMode?: (mode: boolean) => unknown; isRaw?: boolean };

/** Ask for the passphrase on the terminal without echoing it; Ctrl-C or Ctrl-D gives up. */
function promptHidden(io: CliIo): Promise<string> {
  const input: RawInput = io.stdin;
  io.stderr.write(PROMPT);
  return new Promise((resolvePromise) => {
    let typed = '';
    const wasRaw = input.isRaw === true;
    input.setRawMode?.(true);
    input.resume();
    const finish = (value: string): void => {
      input.removeListener('data', onData);
      input.setRawMode?.(wasRaw);
      input.pause();
      io.stderr.write('\n');
      resolvePromise(value);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const character of chunk.toString()) {
        if (character === '\r' || character === '\n') return finish(typed);
        if (character === '\u0003' || character === '\u0004') return finish('');
        if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1);
        else if (character >= ' ') typed += character;
      }
    };
    input.on('data', onData);
  });
}
