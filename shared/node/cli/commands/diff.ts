// `ketenlens diff <old> <new> [--table ID]… [parameters] [key options] [output options]`:
// explain a change between two snapshots, per table and cell, decomposed by cause where the
// snapshots share a pseudonym domain. Only counts are written, through disclosure control.
import { resolve } from 'node:path';
import { EXIT, UsageError } from '../../../errors';
import { findTable, TABLE_IDS } from '../../../tables/catalogue';
import { createAnalysisSession } from '../../../tables/session';
import type { TableModel } from '../../../tables/model';
import { DECOMPOSABLE_TABLES } from '../../../diff/contributions';
import { diffSnapshots, type Comparison } from '../../../diff/diff';
import { comparabilityNote, diffTableModels } from '../../../diff/diff-tables';
import { exportBijlage, exportTable, isBijlageFormat, type ExportFormat } from '../../../export/index';
import { assertExportAllowed } from '../../../export/guard';
import { type CliIo, type Command, parseCommandArgs } from '../command';
import { KEY_HELP, KEY_OPTIONS, type KeyValues } from '../keys';
import { OUTPUT_HELP, OUTPUT_OPTIONS, checkOutputTarget, protectForExport, recordedExport, resolveDisclosure, resolveFormat, type ExportRecording } from '../output';
import { commandTrail } from '../trail';
import { buildFromSnapshotsForCommand, requirePositionals } from '../../snapshot/open-for-command';
import { requestFromOptions } from './table';
import { TABLE_PARAMETER_OPTIONS } from '../table-parameters';

const HELP = `Usage: ketenlens diff <old> <new> [--table ID]… [parameters] [key options] [output]

Explains a change between two snapshots (the earlier one first): per table and cell the
old value, the new value and the difference, (1) at the same parameters and (2) with each
snapshot at its own peildatum. For the ELIP, fine-backlog and data-leak tables each
difference is decomposed by cause (new, removed, delivered late, corrections, changed
status or dates, changed municipality, later events, no change in own data), in persons or
records, when both snapshots have the same meta key pseudoniem_domein; otherwise only the
cell differences, with a statement that causes cannot be attributed. No person id is
ever written. Definitions: docs/DIFF.md.

Tables:
  --table ID               a table of the catalogue (repeatable); default: ${DECOMPOSABLE_TABLES.join(', ')}
  --comparison WHICH       gelijk (same parameters) | eigen (own peildatum) | beide (default)

Parameters (for the comparison at the same parameters; default peildatum: the OLD
snapshot's peildatum, the latest date both can speak about):
  --peildatum DATE …       as in 'ketenlens table' (also --doelgroep, --drempel, --drempel-b,
  --doelgroep …            --maanden-b, --cohort-merge-from, --vanaf, --tot-en-met, --incident)

Keys: each snapshot needs its own key. The shared options below apply to both files;
per-file options replace them for that file:
  --identity-old FILE, --passphrase-file-old FILE   key of <old> (identity repeatable)
  --identity-new FILE, --passphrase-file-new FILE   key of <new>
${KEY_HELP}

${OUTPUT_HELP}
Without --format: from the --out extension, else md. Text formats (md, csv, html, json)
hold one table per comparison one after another (json: an array); docx, odt, xlsx and
ods hold them as one appendix document.
Exit codes: 0 written, 2 usage or bad parameter, 3 key, 4 damaged or not age,
5 not a snapshot v1, 6 cannot read or write a file, 7 refused (file exists, table needs an
absent optional snapshot table).
`;

const SIDE_OPTIONS = {
  'identity-old': { type: 'string', multiple: true },
  'passphrase-file-old': { type: 'string' },
  'identity-new': { type: 'string', multiple: true },
  'passphrase-file-new': { type: 'string' },
} as const;

interface SideValues extends KeyValues {
  'identity-old'?: string[] | undefined;
  'passphrase-file-old'?: string | undefined;
  'identity-new'?: string[] | undefined;
  'passphrase-file-new'?: string | undefined;
}

/** The key options for one file: its own when given, else the shared ones. */
export function keyValuesFor(values: SideValues, side: 'old' | 'new'): KeyValues {
  const identity = values[`identity-${side}`];
  const passphraseFile = values[`passphrase-file-${side}`];
  if (identity !== undefined || passphraseFile !== undefined) {
    return { identity, 'passphrase-file': passphraseFile, passphrase: values.passphrase };
  }
  return { identity: values.identity, 'passphrase-file': values['passphrase-file'], passphrase: values.passphrase };
}

function comparisonsOf(text: string | undefined): Comparison[] {
  if (text === undefined || text === 'beide') return ['gelijke_parameters', 'eigen_peildatum'];
  if (text === 'gelijk') return ['gelijke_parameters'];
  if (text === 'eigen') return ['eigen_peildatum'];
  throw new UsageError(`--comparison '${text}': kies gelijk, eigen of beide.`, `--comparison '${text}': choose gelijk, eigen or beide.`);
}

async function outputBytes(models: TableModel[], format: ExportFormat): Promise<Uint8Array> {
  if (isBijlageFormat(format)) return exportBijlage(models, format, { title: 'Vergelijking van twee snapshots' });
  const parts = await Promise.all(models.map((model, index) => exportTable(model, format, { tableNumber: index + 1 })));
  const decoder = new TextDecoder();
  const text = format === 'json'
    ? `${JSON.stringify(parts.map((part) => JSON.parse(decoder.decode(part)) as unknown), null, 2)}\n`
    : parts.map((part) => decoder.decode(part)).join('\n');
  return new TextEncoder().encode(text);
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'explain a change between two snapshots, per cell and by cause',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      ...KEY_OPTIONS,
      ...SIDE_OPTIONS,
      ...OUTPUT_OPTIONS,
      table: { type: 'string', multiple: true },
      comparison: { type: 'string' },
      ...TABLE_PARAMETER_OPTIONS,
    });
    const [oldPath = '', newPath = ''] = requirePositionals(positionals, ['old', 'new'], 'diff');
    const tableIds = values.table ?? [...DECOMPOSABLE_TABLES];
    for (const id of tableIds) findTable(id);
    if (tableIds.length === 0) throw new UsageError(`Geef een tabel: ${TABLE_IDS.join(', ')}.`, `Give a table: ${TABLE_IDS.join(', ')}.`);
    const comparisons = comparisonsOf(values.comparison);
    const request = requestFromOptions(values);
    const format = resolveFormat(values.format, values.out, 'md');
    const disclosure = resolveDisclosure(values.disclosure, { method: 'none' });
    if (values.out === undefined && isBijlageFormat(format)) {
      throw new UsageError(`Het formaat ${format} is binair; geef --out BESTAND.`, `The format ${format} is binary; give --out FILE.`);
    }
    await checkOutputTarget(values.out, values.force, io);

    const trail = commandTrail('diff', 'required', io);
    const sources = [
      { path: oldPath, keyValues: keyValuesFor(values, 'old') },
      { path: newPath, keyValues: keyValuesFor(values, 'new') },
    ];
    const built = await buildFromSnapshotsForCommand(sources, io, trail, ([before, after]) => {
      const newSession = createAnalysisSession(after!);
      const report = diffSnapshots(createAnalysisSession(before!), newSession, { tableIds, request, comparisons });
      return { report, models: diffTableModels(report, newSession.provenance()), sha256: after!.sha256 };
    });
    const recording: ExportRecording = { trail, snapshotPath: resolve(io.cwd, newPath), snapshotSha256: built.sha256 };
    if (!built.report.comparability.comparable) io.stderr.write(`${comparabilityNote(built.report)}\n`);
    const models: TableModel[] = built.models.map((model) => protectForExport(model, disclosure, io));
    for (const model of models) assertExportAllowed(model, { confirmedUnprotected: values['confirm-unprotected'] === true });
    // The same recorded way out as `table` and `bijlage`: entry, file naming it, file hash.
    await recordedExport({
      action: models.length > 1 && isBijlageFormat(format) ? 'export-bijlage' : 'export-table',
      models,
      format,
      out: values.out === undefined ? undefined : resolve(io.cwd, values.out),
      force: values.force === true,
      confirmedUnprotected: values['confirm-unprotected'] === true,
      firstNumber: 1,
      render: (audited) => outputBytes([...audited], format),
    }, recording, io);
    return EXIT.ok;
  },
};
