// `ketenlens rekey` — re-encrypt a snapshot for other readers (new recipients or a new
// passphrase) without the plaintext ever touching disk.
import { unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXIT, UsageError } from '../../../errors';
import { keyKindOf } from '../../../age/types';
import { rekeySnapshot } from '../../seal/seal';
import { type Command, parseCommandArgs } from '../command';
import { resolveKey } from '../keys';
import { createProgressBar } from '../progress';
import { WRITE_OPTIONS } from '../output';
import { RECIPIENT_OPTIONS, resolveRecipients } from '../recipients';
import { commandTrail } from '../trail';

const help = `ketenlens rekey <snapshot> --out FILE (--recipient age1… [--recipient …] | --recipients-file FILE | --passphrase-file NEW) [--force]

Re-encrypt a snapshot for other readers. The plaintext stays in memory and is wiped.

The current key (one of, in this order):
  -i, --identity FILE          age identity file; repeatable
      --old-passphrase-file F  file whose first line is the current passphrase
  env KETENLENS_PASSPHRASE     the current passphrase
  a prompt without echo        when stdin is a terminal
The new readers:
      --recipient age1…        repeatable
      --recipients-file FILE   one age1… key a line, # comments
      --passphrase-file FILE   file whose first line is the NEW passphrase

Exit codes: 0 re-keyed, 2 usage, 3 key, 4 damaged or not age, 6 file I/O, 7 refused (output exists).`;

export const rekeyCommand: Command = {
  name: 'rekey',
  summary: 're-encrypt a snapshot for other recipients or a new passphrase',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...RECIPIENT_OPTIONS,
      identity: { type: 'string', short: 'i', multiple: true },
      'old-passphrase-file': { type: 'string' },
      passphrase: { type: 'string' },
      ...WRITE_OPTIONS,
    });
    const [source, ...extra] = positionals;
    if (source === undefined || extra.length > 0) throw new UsageError('Geef precies één snapshot.', 'Give exactly one snapshot.');
    if (values.out === undefined) throw new UsageError('--out BESTAND is verplicht.', '--out FILE is required.');
    const recipients = await resolveRecipients(values, io.cwd);
    // A re-keyed snapshot leaves for other readers: it is made only when it can be recorded.
    const trail = commandTrail('rekey', 'required', io);
    await trail.ensureWritable();
    const key = await resolveKey(
      { identity: values.identity, 'passphrase-file': values['old-passphrase-file'], passphrase: values.passphrase },
      io,
    );
    const progress = createProgressBar(io);
    try {
      const result = await rekeySnapshot({
        source: resolve(io.cwd, source),
        key,
        out: resolve(io.cwd, values.out),
        recipients,
        force: values.force === true,
        onProgress: progress.onProgress,
      });
      progress.done();
      await trail.record('rekey', {
        path: resolve(io.cwd, source),
        sha256: result.sourceSha256,
        key_kind: keyKindOf(key),
        out: result.out,
        out_sha256: result.sha256,
        new_key_kind: recipients.kind === 'passphrase' ? 'passphrase' : 'recipients',
        recipients: recipients.kind === 'passphrase' ? 0 : recipients.recipients.length,
      }).catch(async (error: unknown) => {
        await unlink(result.out).catch(() => undefined); // unrecorded, it may not stay
        throw error;
      });
      io.stdout.write(`${result.out}\nSHA-256: ${result.sha256}\n`);
    } finally {
      progress.done();
    }
    return EXIT.ok;
  },
};
