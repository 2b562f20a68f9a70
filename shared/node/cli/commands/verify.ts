// `ketenlens verify <exported-file> <snapshot>`: is this file still the table we exported?
// Reads the provenance and parameters back from the file, rebuilds the table(s) from the
// snapshot with the same disclosure control, requires every cell to be the same, and says
// whether the file's SHA-256 is recorded in the audit trail. Exit 0 identical, 1 different.
import { EXIT, UsageError } from '../../../errors';
import type { AuditEntry } from '../../../ipc/contract';
import { createAnalysisSession } from '../../../tables/session';
import type { TableModel } from '../../../tables/model';
import { provenanceOf, verifyTable, type ReconcileResult } from '../../../reconcile/reconcile';
import { formatReport, reportModel } from '../../../reconcile/report';
import { type CliIo, type Command, parseCommandArgs } from '../command';
import { KEY_HELP } from '../keys';
import { PARAMETER_HELP, RECONCILE_OPTIONS, provenanceLineOf, readReconcileInput, recordedFor } from '../reconcile-input';
import { writeReport } from './reconcile';
import { commandTrail } from '../trail';
import { buildFromSnapshotForCommand, requirePositionals } from '../../snapshot/open-for-command';
import { cliDataDir, readAudit } from '../../audit';
import { traceExport } from '../../../audit/export-trace';

const HELP = `Usage: ketenlens verify <exported-file> <snapshot> [options] [key options]

Checks that a file exported by Ketenlens (DOCX, ODT, XLSX, ODS, HTML, Markdown, JSON) still
holds the table it was made with: reads its provenance and parameters, rebuilds the
table(s) from the snapshot with the same disclosure control, and compares every cell.
Also says whether the file's SHA-256 is recorded in the audit trail of the data folder
the app shares (KETENLENS_DATA_DIR overrides). CSV carries no provenance: give the parameters.

${PARAMETER_HELP}

Report: -f, --format md|json|html|xlsx, -o, --out FILE, --force (as 'ketenlens reconcile')
${KEY_HELP}

Exit codes: 0 every cell the same, 1 different (the cells are listed) or made from
another snapshot, 2 usage (no table, not our export and no parameters), 3 key,
4 damaged or not age, 5 not a snapshot, 6 file I/O.
`;

async function auditLines(sha256: string, reference: { seq: number; hash: string } | null, io: CliIo): Promise<string[]> {
  const nl = io.language === 'nl';
  let entries: AuditEntry[];
  try {
    entries = await readAudit(cliDataDir(io.env));
  } catch {
    return [nl ? 'Auditlog: niet te lezen; of het bestand is vastgelegd, is onbekend.' : 'Audit trail: cannot be read; whether the file was recorded is unknown.'];
  }
  const { named, recorded } = traceExport(entries, sha256, reference);
  const lines: string[] = [];
  if (named !== null) {
    lines.push(
      named.status === 'missing'
        ? (nl ? `Auditlog: het bestand noemt regel ${named.seq}, die staat niet in dit auditlog.` : `Audit trail: the file names entry ${named.seq}, which is not in this audit trail.`)
        : named.status === 'found'
          ? (nl ? `Auditlog: het bestand noemt regel ${named.entry.seq} (${named.entry.action}, ${named.entry.at}); de hash klopt.` : `Audit trail: the file names entry ${named.entry.seq} (${named.entry.action}, ${named.entry.at}); its hash matches.`)
          : (nl ? `Auditlog: het bestand noemt regel ${named.seq}, maar die regel heeft een andere hash.` : `Audit trail: the file names entry ${named.seq}, but that entry has a different hash.`),
    );
  }
  if (recorded.length === 0) {
    return [...lines, nl ? `Auditlog: de SHA-256 van dit bestand (${sha256}) staat NIET in het auditlog.` : `Audit trail: this file's SHA-256 (${sha256}) is NOT in the audit trail.`];
  }
  return [...lines, ...recorded.map((entry) => (nl ? `Auditlog: vastgelegd in regel ${entry.seq} (${entry.action}, ${entry.at}).` : `Audit trail: recorded in entry ${entry.seq} (${entry.action}, ${entry.at}).`))];
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check that an exported file still holds the table the snapshot gives',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, RECONCILE_OPTIONS);
    const [filePath = '', snapshotPath = ''] = requirePositionals(positionals, ['exported-file', 'snapshot'], 'verify');
    const { options, input } = await readReconcileInput(values, filePath, io);
    const provenances = input.tables.map((table, index) => ({ table, recorded: provenanceOf(table, recordedFor(input.provenance, index, input.tables.length)), line: provenanceLineOf(table.lines) }));
    const noProvenance = provenances.filter((each) => each.recorded === null && each.line === null);
    const hasOptions = values.table !== undefined || Object.keys(options).length > 0;
    if (noProvenance.length > 0 && !hasOptions) {
      throw new UsageError(
        `${input.name} draagt geen Ketenlens-herkomst (geen herkomstregel, geen parameters); geef de tabel en parameters (--table, --peildatum …) of gebruik 'ketenlens reconcile'.`,
        `${input.name} carries no Ketenlens provenance (no provenance line, no parameters); give the table and parameters (--table, --peildatum …) or use 'ketenlens reconcile'.`,
      );
    }
    const audit = await auditLines(input.sha256, provenances.find((each) => each.recorded?.audit !== undefined)?.recorded?.audit ?? null, io);

    const { results, otherSnapshot } = await buildFromSnapshotForCommand(snapshotPath, values, io, commandTrail('verify', 'warn', io), (snapshot) => {
      const results: { result: ReconcileResult; model: TableModel; summary: string }[] = [];
      let otherSnapshot = false;
      const session = createAnalysisSession(snapshot);
      provenances.forEach(({ table, recorded, line }, index) => {
        const prefix = recorded?.snapshotSha256 ?? line?.snapshotPrefix;
        const sameSnapshot = prefix === undefined || snapshot.sha256.startsWith(prefix.slice(0, 64));
        if (!sameSnapshot) otherSnapshot = true;
        const result = verifyTable(session, { table, ...(values.table === undefined ? {} : { tableId: values.table }), options, provenance: recorded });
        const source = input.tables.length === 1 ? input.name : `${input.name} (tabel ${index + 1})`;
        const nl = io.language === 'nl';
        const extra = [
          ...(recorded?.parameters === undefined
            ? [nl ? 'Parameters: het bestand noemt ze niet; afgeleid uit de tabel en de opties.' : 'Parameters: the file does not name them; taken from the table and the options.']
            : []),
          ...(sameSnapshot
            ? []
            : [nl ? `Snapshot: het bestand is gemaakt van snapshot ${prefix}…, niet van deze (${snapshot.sha256.slice(0, 12)}…).` : `Snapshot: the file was made from snapshot ${prefix}…, not from this one (${snapshot.sha256.slice(0, 12)}…).`]),
          ...audit,
        ];
        results.push({ result, model: reportModel(session, result, { name: source, sha256: input.sha256 }), summary: formatReport(result, source, io.language, extra) });
      });
      return { results, otherSnapshot };
    });
    await writeReport(results, values, io);
    return !otherSnapshot && results.every((each) => each.result.consistent) ? EXIT.ok : EXIT.findings;
  },
};
