// `ketenlens demo` — write the demo snapshot (or, with --persons, a seeded scale snapshot
// for benchmarks), encrypted; to the data directory by default, or to --out.
import { join, resolve } from 'node:path';
import type { AgeRecipients } from '../../../age/types';
import { EXIT, UsageError } from '../../../errors';
import { MAX_SCALE_PERSONS } from '../../../demo/scale';
import {
  DEMO_FILE_NAME, DEMO_PASSPHRASE, EARLIER_DEMO_FILE_NAME, defaultDataDir, ensureDataDir, ensureDemoSnapshot, ensureEarlierDemoSnapshot,
  writeDemoSnapshot, writeEarlierDemoSnapshot, writeScaleSnapshot,
} from '../../demo/index';
import { type Command, parseCommandArgs } from '../command';
import { createProgressBar } from '../progress';
import { WRITE_OPTIONS } from '../output';
import { RECIPIENT_OPTIONS, resolveRecipients } from '../recipients';
import { checkWriteTarget } from '../../files/safe-write';

const help = `ketenlens demo [--earlier] [--out FILE] [--force] [--recipient age1…]… [--recipients-file FILE] [--passphrase-file FILE]
ketenlens demo --persons N [--seed S] [--out FILE] [--force] [key options as above]

Write the demo snapshot: synthetic data (no real person) that reproduces the published
figures of Kamerstuk 32 824, nr. 391 and earlier letters. The same bytes of SQLite every run.

  --out FILE              where to write; without it the data directory is used
                          (KETENLENS_DATA_DIR, else ~/.config/Ketenlens or the OS's equivalent) and the path is printed:
                          demo.snapshot.age (kept when it exists, unless --force) or
                          scale-<N>-<S>.snapshot.age
  --force                 overwrite an existing file
  --earlier               the earlier demo extract instead (peildatum 2023-07-13, same world and
                          pseudonym domain; ${EARLIER_DEMO_FILE_NAME} in the data directory), to
                          compare with 'ketenlens diff' (docs/DIFF.md)
  --persons N             a seeded scale snapshot of N persons for benchmarks (1 to ${MAX_SCALE_PERSONS})
  --seed S                seed of the scale snapshot (default 1); only with --persons
  --recipient age1…       encrypt to this public key (repeatable)
  --recipients-file FILE  encrypt to the public keys in FILE
  --passphrase-file FILE  encrypt with the passphrase on the first line of FILE
                          Without a key option the passphrase is '${DEMO_PASSPHRASE}'.

Progress is shown on stderr when it is a terminal.
Exit codes: 0 written, 2 usage, 6 file I/O, 7 refused (the file exists: use --force).`;

function wholeNumber(value: string, option: string, minimum: number, maximum: number): number {
  const number = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < minimum || number > maximum) {
    throw new UsageError(
      `${option} moet een geheel getal van ${minimum} tot en met ${maximum} zijn, niet '${value}'.`,
      `${option} must be a whole number from ${minimum} to ${maximum}, not '${value}'.`,
    );
  }
  return number;
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'write the synthetic demo snapshot (or a scale snapshot for benchmarks)',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...WRITE_OPTIONS,
      ...RECIPIENT_OPTIONS,
      earlier: { type: 'boolean' },
      persons: { type: 'string' },
      seed: { type: 'string' },
    });
    if (positionals.length > 0) {
      throw new UsageError(`Onverwacht argument '${positionals[0]}'.`, `Unexpected argument '${positionals[0]}'.`);
    }
    const persons = values.persons === undefined ? undefined : wholeNumber(values.persons, '--persons', 1, MAX_SCALE_PERSONS);
    if (values.seed !== undefined && persons === undefined) {
      throw new UsageError('--seed werkt alleen met --persons; de demo heeft een vaste seed.', '--seed only works with --persons; the demo has a fixed seed.');
    }
    if (values.earlier === true && persons !== undefined) {
      throw new UsageError('--earlier en --persons gaan niet samen.', '--earlier and --persons do not go together.');
    }
    const earlier = values.earlier === true;
    const seed = values.seed === undefined ? 1 : wholeNumber(values.seed, '--seed', 0, 2 ** 32 - 1);
    const customKey = values.recipient !== undefined || values['recipients-file'] !== undefined || values['passphrase-file'] !== undefined;
    const to: AgeRecipients = customKey ? await resolveRecipients(values, io.cwd) : { kind: 'passphrase', passphrase: DEMO_PASSPHRASE };
    const force = values.force === true;
    const progress = createProgressBar(io);
    try {
      let out: string;
      if (values.out !== undefined) {
        out = resolve(io.cwd, values.out);
      } else {
        const dataDir = defaultDataDir(io.env);
        if (persons === undefined && !customKey && !force) {
          // The app's own demo file: made once, then reused.
          out = await (earlier ? ensureEarlierDemoSnapshot : ensureDemoSnapshot)(dataDir, progress.onProgress);
          progress.done();
          io.stdout.write(`${out}\n`);
          return EXIT.ok;
        }
        if (persons === undefined && customKey) {
          throw new UsageError(
            'Met een eigen sleutel is --out verplicht: de demo in de datamap gebruikt altijd de demo-wachtwoordzin.',
            'With your own key --out is required: the demo in the data folder always uses the demo passphrase.',
          );
        }
        await ensureDataDir(dataDir);
        out = join(dataDir, persons === undefined ? (earlier ? EARLIER_DEMO_FILE_NAME : DEMO_FILE_NAME) : `scale-${persons}-${seed}.snapshot.age`);
      }
      // Refuse an existing file before minutes of work, not after.
      await checkWriteTarget(out, { force });
      const options = { out, to, force, onProgress: progress.onProgress };
      if (persons === undefined) await (earlier ? writeEarlierDemoSnapshot : writeDemoSnapshot)(options);
      else await writeScaleSnapshot({ ...options, persons, seed });
      progress.done();
      io.stdout.write(`${out}\n`);
      return EXIT.ok;
    } finally {
      progress.done();
    }
  },
};
