// `ketenlens keygen [--out FILE]` — makes an X25519 identity in age-keygen's format
// ('# created', '# public key', the AGE-SECRET-KEY-1… line). With --out the file gets
// mode 0600, is never overwritten, and the public key goes to stdout for scripts.
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXIT, FileExistsError, FileWriteError, UsageError } from '../../../errors';
import { generateIdentity } from '../../age/index';
import { type Command, parseCommandArgs } from '../command';

const HELP = `Usage: ketenlens keygen [--out FILE]

Makes a new age X25519 key pair in age-keygen's format:
  # created: <time>
  # public key: age1…
  AGE-SECRET-KEY-1…

  -o, --out FILE   write the identity to FILE (mode 0600; an existing file is never
                   overwritten) and print only the public key (age1…) on stdout.
                   Without --out the whole identity goes to stdout.

Give the public key to whoever makes snapshots for you (ketenlens seal --recipient age1…,
or age -r age1…); keep the identity file secret and open snapshots with --identity FILE.
`;

/** The identity file text, exactly as age-keygen lays it out. */
export function identityFileText(identity: string, recipient: string, created: Date): string {
  const time = `${created.toISOString().slice(0, 19)}Z`;
  return `# created: ${time}\n# public key: ${recipient}\n${identity}\n`;
}

async function writeNewSecretFile(path: string, text: string): Promise<void> {
  let handle;
  try {
    // 'wx' fails when the file exists, atomically; 0600 keeps the secret key private.
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'EEXIST') throw new FileExistsError(path, false);
    throw new FileWriteError(path, 'kan het bestand niet aanmaken', `cannot create the file${code === undefined ? '' : ` (${String(code)})`}`, { cause: error });
  }
  try {
    await handle.writeFile(text, 'utf8');
  } catch (error) {
    throw new FileWriteError(path, 'schrijven mislukt', 'writing failed', { cause: error });
  } finally {
    await handle.close();
  }
}

export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'make a new age key pair (identity file and public key age1…)',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { out: { type: 'string', short: 'o' } });
    if (positionals.length > 0) {
      throw new UsageError(
        `Onverwacht argument '${positionals[0]}'; gebruik --out BESTAND.`,
        `Unexpected argument '${positionals[0]}'; use --out FILE.`,
      );
    }
    const { identity, recipient } = generateIdentity();
    const text = identityFileText(identity, recipient, new Date());
    if (values.out === undefined) {
      io.stdout.write(text);
      return EXIT.ok;
    }
    const path = resolve(io.cwd, values.out);
    await writeNewSecretFile(path, text);
    io.stdout.write(`${recipient}\n`);
    return EXIT.ok;
  },
};
