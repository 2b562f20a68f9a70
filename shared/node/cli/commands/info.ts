// `ketenlens info <snapshot> [--json]`: what a snapshot holds — meta, row counts, the
// file's SHA-256 and size, optional tables present, and a summary of its findings.
import type { Language } from '../../../errors';
import { summarizeSnapshot, type SnapshotSummary } from '../../../snapshot/summary';
import { type Command, parseCommandArgs } from '../command';
import { KEY_HELP, KEY_OPTIONS } from '../keys';
import { requirePositionals, withSnapshotForCommand } from '../../snapshot/open-for-command';
import { commandTrail } from '../trail';

const HELP = `Usage: ketenlens info <snapshot> [--json] [key options]

Shows what a snapshot holds: its meta data, the number of rows per table, the SHA-256 and
size of the encrypted file, which optional tables are present, and a summary of the
data-quality findings (kind, table, count). Use 'ketenlens validate' for all findings
with examples.

Options:
  --json                   machine-readable output
${KEY_HELP}

Exit codes: 0 shown (also with findings), 2 usage, 3 key, 4 damaged or not age,
5 not a snapshot v1, 6 cannot read the file, 7 file too large.
`;

const thousands = (value: number, language: Language): string => value.toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB');

/** The text report, in the user's language. */
export function formatInfo(path: string, summary: SnapshotSummary, language: Language): string {
  const nl = language === 'nl';
  const lines: string[] = [];
  lines.push(`${nl ? 'Snapshot' : 'Snapshot'}: ${path}`);
  lines.push(`  ${nl ? 'grootte' : 'size'}: ${thousands(summary.file.size, language)} bytes`);
  lines.push(`  SHA-256: ${summary.file.sha256}`);
  lines.push(`  ${nl ? 'geopend met' : 'opened with'}: ${summary.keyKind === 'passphrase' ? (nl ? 'wachtwoordzin' : 'passphrase') : nl ? 'sleutelbestand (identity)' : 'identity file'}`);
  lines.push('', 'Meta:');
  const metaWidth = Math.max(...Object.keys(summary.meta).map((key) => key.length));
  for (const [key, value] of Object.entries(summary.meta)) if (value !== undefined) lines.push(`  ${key.padEnd(metaWidth)}  ${value}`);
  lines.push('', nl ? 'Rijen per tabel:' : 'Rows per table:');
  const counts = Object.entries(summary.rowCounts);
  const tableWidth = Math.max(...counts.map(([table]) => table.length));
  const countWidth = Math.max(...counts.map(([, count]) => thousands(count ?? 0, language).length));
  for (const [table, count] of counts) {
    const skipped = summary.skippedRows[table as keyof typeof summary.skippedRows];
    const note = skipped === undefined ? '' : nl ? `  (${thousands(skipped, language)} overgeslagen)` : `  (${thousands(skipped, language)} skipped)`;
    lines.push(`  ${table.padEnd(tableWidth)}  ${thousands(count ?? 0, language).padStart(countWidth)}${note}`);
  }
  const optional = Object.entries(summary.optionalTables);
  lines.push('', `${nl ? 'Optionele tabellen' : 'Optional tables'}: ${optional.map(([table, present]) => `${table} ${present ? (nl ? 'aanwezig' : 'present') : nl ? 'afwezig' : 'absent'}`).join(', ')}`);
  lines.push('', nl ? 'Bevindingen:' : 'Findings:');
  if (summary.findings.length === 0) lines.push(nl ? '  geen' : '  none');
  for (const finding of summary.findings) {
    const where = finding.column === null ? finding.table : `${finding.table}.${finding.column}`;
    const skipped = finding.skipped ? (nl ? 'overgeslagen' : 'skipped') : nl ? 'meegeteld' : 'kept';
    lines.push(`  ${finding.kind.padEnd(24)} ${where.padEnd(36)} ${thousands(finding.count, language).padStart(9)}  ${skipped}`);
  }
  return `${lines.join('\n')}\n`;
}

export const infoCommand: Command = {
  name: 'info',
  summary: 'show meta, row counts, file hash and a findings summary of a snapshot',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...KEY_OPTIONS, json: { type: 'boolean' } });
    const [path = ''] = requirePositionals(positionals, ['snapshot'], 'info');
    return withSnapshotForCommand(path, values, io, commandTrail('info', 'warn', io), (snapshot) => {
      const summary = summarizeSnapshot(snapshot);
      io.stdout.write(values.json === true ? `${JSON.stringify({ path, ...summary }, null, 2)}\n` : formatInfo(path, summary, io.language));
      return 0;
    });
  },
};
