// `ketenlens validate <snapshot> [--json]`: every data-quality finding with its count
// and up to five example ids; exit 0 when clean, 1 when there are findings.
import { EXIT, type Language } from '../../../errors';
import { skippedRowCounts } from '../../../snapshot/summary';
import type { Finding, OpenedSnapshot } from '../../../snapshot/types';
import { type Command, parseCommandArgs } from '../command';
import { KEY_HELP, KEY_OPTIONS } from '../keys';
import { requirePositionals, withSnapshotForCommand } from '../../snapshot/open-for-command';
import { commandTrail } from '../trail';

const HELP = `Usage: ketenlens validate <snapshot> [--json] [key options]

Opens a snapshot and lists every data-quality finding: rows that break a rule of
snapshot-v1.sql (enums, NOT NULL, CBS codes, status/status_datum, besluit/besluit_op),
ids that point nowhere, dates and instants that do not parse, duplicate keys, and
consistency problems (status before start, views outside their window, windows that end
before they start). Each finding has a count, up to 5 example ids, and whether the
analyses skip those rows.

Options:
  --json                   machine-readable output
${KEY_HELP}

Exit codes: 0 clean, 1 findings, 2 usage, 3 key, 4 damaged or not age,
5 not a snapshot v1, 6 cannot read the file, 7 file too large.
`;

export function formatFindings(path: string, findings: readonly Finding[], skipped: Record<string, number>, language: Language): string {
  const nl = language === 'nl';
  if (findings.length === 0) return nl ? `${path}: geen bevindingen.\n` : `${path}: no findings.\n`;
  const lines = [nl ? `${path}: ${findings.length} soort(en) bevindingen.` : `${path}: ${findings.length} kind(s) of findings.`, ''];
  for (const finding of findings) {
    const where = finding.column === undefined ? finding.table : `${finding.table}.${finding.column}`;
    const action = finding.skipped ? (nl ? 'de analyses slaan deze rijen over' : 'the analyses skip these rows') : nl ? 'de rijen blijven meetellen' : 'the rows are kept';
    lines.push(`${finding.kind} — ${where}: ${nl ? finding.descriptionNl : finding.descriptionEn}`);
    lines.push(`  ${nl ? 'aantal' : 'count'}: ${finding.count}; ${action}`);
    lines.push(`  ${nl ? 'voorbeelden' : 'examples'}: ${finding.examples.join(', ')}`);
  }
  const skippedTables = Object.entries(skipped);
  if (skippedTables.length > 0) {
    lines.push('', `${nl ? 'Overgeslagen rijen' : 'Skipped rows'}: ${skippedTables.map(([table, count]) => `${table} ${count}`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function validationJson(path: string, snapshot: OpenedSnapshot): string {
  return `${JSON.stringify(
    {
      path,
      sha256: snapshot.sha256,
      clean: snapshot.findings.length === 0,
      findings: snapshot.findings.map((finding) => ({ ...finding, column: finding.column ?? null })),
      skippedRows: skippedRowCounts(snapshot),
    },
    null,
    2,
  )}\n`;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'list all data-quality findings of a snapshot (exit 1 when there are any)',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...KEY_OPTIONS, json: { type: 'boolean' } });
    const [path = ''] = requirePositionals(positionals, ['snapshot'], 'validate');
    return withSnapshotForCommand(path, values, io, commandTrail('validate', 'warn', io), (snapshot) => {
      io.stdout.write(
        values.json === true ? validationJson(path, snapshot) : formatFindings(path, snapshot.findings, skippedRowCounts(snapshot), io.language),
      );
      return snapshot.findings.length === 0 ? EXIT.ok : EXIT.findings;
    });
  },
};
