// `ketenlens seal` — make an encrypted snapshot from a folder of CSV extracts or a
// plaintext SQLite file, with a validation report; the plaintext never touches disk.
import { unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXIT, UsageError } from '../../../errors';
import { sealSnapshot } from '../../seal/seal';
import { type Command, parseCommandArgs } from '../command';
import { createProgressBar } from '../progress';
import { WRITE_OPTIONS } from '../output';
import { RECIPIENT_OPTIONS, resolveRecipients } from '../recipients';
import { commandTrail } from '../trail';

const help = `ketenlens seal <source> --out FILE.snapshot.age (--recipient age1… [--recipient …] | --recipients-file FILE | --passphrase-file FILE)
               --peildatum YYYY-MM-DD [--bron DUO] [--gemeente-jaar YYYY] [--force] [--json]

Seal a snapshot. <source> is a folder with one CSV file per table of snapshot v1
(named after the table, e.g. inburgeraar.csv; a header row with the column names;
UTF-8; comma or semicolon; an empty field is NULL; meta.csv with key,value is optional
and the options override it), or a plaintext SQLite file that follows snapshot v1.

Refused, with file, line and column, and no output file left behind: a wrong or missing
header, a value that breaks its column's type or rule, an invalid date or instant, a
duplicate key, broken quoting, a file that is not UTF-8, a missing required table.
Accepted but reported as findings: ids that point nowhere.

A template folder with one header-only CSV per table: docs/snapshot-template/.
Exit codes: 0 sealed (findings are listed), 2 usage, 6 file I/O, 7 refused, 8 bad source data.`;

export const sealCommand: Command = {
  name: 'seal',
  summary: 'make an encrypted snapshot from CSV extracts or an SQLite file',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...RECIPIENT_OPTIONS,
      ...WRITE_OPTIONS,
      peildatum: { type: 'string' },
      bron: { type: 'string' },
      'gemeente-jaar': { type: 'string' },
      json: { type: 'boolean' },
    });
    const [source, ...extra] = positionals;
    if (source === undefined || extra.length > 0) {
      throw new UsageError('Geef precies één bron (map of SQLite-bestand).', 'Give exactly one source (folder or SQLite file).');
    }
    if (values.out === undefined) throw new UsageError('--out BESTAND is verplicht.', '--out FILE is required.');
    const recipients = await resolveRecipients(values, io.cwd);
    // What seal writes is recorded; it is not made when it cannot be.
    const trail = commandTrail('seal', 'required', io);
    await trail.ensureWritable();
    const progress = createProgressBar(io);
    const result = await sealSnapshot({
      source: resolve(io.cwd, source),
      out: resolve(io.cwd, values.out),
      recipients,
      peildatum: values.peildatum,
      bron: values.bron,
      gemeenteJaar: values['gemeente-jaar'],
      force: values.force === true,
      onProgress: progress.onProgress,
    }).finally(() => progress.done());
    try {
      await trail.record('seal', {
        path: resolve(io.cwd, source),
        out: result.out,
        sha256: result.sha256,
        bytes: result.encryptedBytes,
        peildatum: result.meta.peildatum,
        bron: result.meta.bron,
        tables: result.tables.map((table) => `${table.table}:${table.rows}`),
        findings: result.findings.length,
        key_kind: recipients.kind === 'passphrase' ? 'passphrase' : 'recipients',
        recipients: recipients.kind === 'passphrase' ? 0 : recipients.recipients.length,
      }).catch(async (error: unknown) => {
        await unlink(result.out).catch(() => undefined); // unrecorded, it may not stay
        throw error;
      });
      const findings = result.findings;
      const report = {
        out: result.out,
        sha256: result.sha256,
        encrypted_bytes: result.encryptedBytes,
        meta: result.meta,
        tables: result.tables.map((t) => ({ table: t.table, file: t.file, rows: t.rows })),
        findings: findings.map((f) => ({ kind: f.kind, table: f.table, column: f.column ?? null, count: f.count, examples: f.examples })),
      };
      if (values.json === true) {
        io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        const nl = io.language === 'nl';
        const lines = [
          `${nl ? 'Verzegeld' : 'Sealed'}: ${result.out}`,
          `SHA-256: ${result.sha256}`,
          `${nl ? 'Peildatum' : 'Reference date'}: ${result.meta.peildatum}   ${nl ? 'Bron' : 'Source'}: ${result.meta.bron}   gemeente_jaar: ${result.meta.gemeente_jaar}`,
          '',
          ...report.tables.map((t) => `  ${t.table.padEnd(22)} ${String(t.rows).padStart(10)}  (${t.file})`),
          '',
          findings.length === 0
            ? nl ? 'Geen bevindingen.' : 'No findings.'
            : `${nl ? 'Bevindingen (de bron heeft deze gebreken; de analyses slaan de rijen over)' : 'Findings (the source has these defects; the analyses skip the rows)'}:`,
          ...findings.map(
            (f) => `  ${f.table}${f.column === undefined ? '' : `.${f.column}`}: ${nl ? f.descriptionNl : f.descriptionEn} — ${f.count} (${f.examples.join(', ')})`,
          ),
          '',
        ];
        io.stdout.write(lines.join('\n'));
      }
    } finally {
      result.close();
    }
    return EXIT.ok;
  },
};
