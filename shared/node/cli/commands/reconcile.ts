// `ketenlens reconcile <snapshot> <file|-> …`: check a published table — a file from
// anywhere, pasted text on stdin, or one of our exports — against a snapshot: every cell
// equal, different (by how much) or explained by the published rounding or suppression,
// and every Totaal against the sum of its cells. Exit 0 consistent, 1 problems, 2 usage.
import { resolve } from 'node:path';
import { EXIT, InvalidParameterError } from '../../../errors';
import { exportBijlage, exportTable } from '../../../export/index';
import { findTable } from '../../../tables/catalogue';
import { createAnalysisSession } from '../../../tables/session';
import type { TableModel } from '../../../tables/model';
import { reconcileTable, type ReconcileResult } from '../../../reconcile/reconcile';
import { formatReport, reportModel } from '../../../reconcile/report';
import { type CliIo, type Command, parseCommandArgs } from '../command';
import { KEY_HELP } from '../keys';
import { PARAMETER_HELP, RECONCILE_OPTIONS, readReconcileInput, recordedFor } from '../reconcile-input';
import { commandTrail } from '../trail';
import { buildFromSnapshotForCommand, requirePositionals } from '../../snapshot/open-for-command';
import { writeFileSafely } from '../../files/safe-write';

const REPORT_FORMATS = ['md', 'json', 'html', 'xlsx'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

const HELP = `Usage: ketenlens reconcile <snapshot> <file|-> [options] [key options]

Checks a published table against the data of a snapshot. The table may be one of our
exports (any format: its provenance gives the parameters), a DOCX, ODT, XLSX, ODS, CSV,
HTML, Markdown or JSON file from elsewhere, or text on stdin ('-'): HTML or TSV as Word
and Excel copy it, or the lines of a table copied from a PDF.

Per cell: equal; different (by how much); consistent with the published rounding (a
multiple of 5 or 10) or suppression ('<10', 'x'). Separately, every Totaal (column or
row) is checked against the sum of its published cells.

${PARAMETER_HELP}

Report:
  -f, --format FORMAT      md | json | html | xlsx (the report as a table, with provenance);
                           without --format and --out a plain summary is printed
  -o, --out FILE           write the report to FILE (xlsx needs it)
  --force                  replace FILE if it exists
${KEY_HELP}

Exit codes: 0 consistent, 1 differences found, 2 usage (unreadable table, unknown table,
missing parameter), 3 key, 4 damaged or not age, 5 not a snapshot, 6 file I/O, 7 refused.
`;

function reportFormat(format: string | undefined, out: string | undefined): ReportFormat | null {
  const chosen = format ?? (out === undefined ? undefined : /\.(md|json|html|xlsx)$/i.exec(out)?.[1]?.toLowerCase());
  if (chosen === undefined) return out === undefined ? null : 'md';
  const found = REPORT_FORMATS.find((each) => each === chosen);
  if (found === undefined) {
    throw new InvalidParameterError('--format', `'${chosen}' is geen verslagformaat; kies ${REPORT_FORMATS.join(', ')}.`, `'${chosen}' is not a report format; choose ${REPORT_FORMATS.join(', ')}.`);
  }
  return found;
}

/** The report file of one or more comparisons. */
export async function reportBytes(models: readonly TableModel[], format: ReportFormat): Promise<Uint8Array> {
  if (format === 'json') return new TextEncoder().encode(`${JSON.stringify(models.length === 1 ? models[0] : models, null, 2)}\n`);
  if (format === 'xlsx' && models.length > 1) return exportBijlage(models, 'xlsx', { title: 'Controle' });
  const parts = await Promise.all(models.map((model, index) => exportTable(model, format, { tableNumber: index + 1 })));
  if (parts.length === 1) return parts[0] ?? new Uint8Array();
  return new TextEncoder().encode(parts.map((part) => new TextDecoder().decode(part)).join('\n'));
}

/** Write the report to --out or stdout, or print the summary; shared with `verify`. */
export async function writeReport(
  results: readonly { result: ReconcileResult; model: TableModel; summary: string }[],
  values: { format?: string | undefined; out?: string | undefined; force?: boolean | undefined },
  io: CliIo,
): Promise<void> {
  const format = reportFormat(values.format, values.out);
  if (format === null) {
    io.stdout.write(results.map((each) => each.summary).join('\n'));
    return;
  }
  const bytes = await reportBytes(results.map((each) => each.model), format);
  if (values.out === undefined) {
    if (format === 'xlsx') throw new InvalidParameterError('--out', 'een xlsx-verslag gaat naar een bestand; geef --out.', 'an xlsx report goes to a file; give --out.');
    io.stdout.write(bytes);
    return;
  }
  const written = await writeFileSafely(resolve(io.cwd, values.out), bytes, { force: values.force === true });
  io.stderr.write(results.map((each) => each.summary).join('\n'));
  io.stderr.write(io.language === 'nl' ? `Geschreven: ${written.path} (${written.size} bytes, SHA-256 ${written.sha256})\n` : `Written: ${written.path} (${written.size} bytes, SHA-256 ${written.sha256})\n`);
}

export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: 'check a published table (file or pasted text) against a snapshot, cell by cell',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, RECONCILE_OPTIONS);
    const [snapshotPath = '', tablePath = ''] = requirePositionals(positionals, ['snapshot', 'file|-'], 'reconcile');
    if (values.table !== undefined) findTable(values.table);
    reportFormat(values.format, values.out);
    const { options, input } = await readReconcileInput(values, tablePath, io);

    const results = await buildFromSnapshotForCommand(snapshotPath, values, io, commandTrail('reconcile', 'required', io), (snapshot) => {
      const session = createAnalysisSession(snapshot);
      return input.tables.map((table, index) => {
        const provenance = recordedFor(input.provenance, index, input.tables.length);
        const result = reconcileTable(session, { table, ...(values.table === undefined ? {} : { tableId: values.table }), options, provenance });
        const source = input.tables.length === 1 ? input.name : `${input.name} (tabel ${index + 1})`;
        return { result, model: reportModel(session, result, { name: source, sha256: input.sha256 }), summary: formatReport(result, source, io.language) };
      });
    });
    await writeReport(results, values, io);
    return results.every((each) => each.result.consistent) ? EXIT.ok : EXIT.findings;
  },
};
