// Where the command line's tables go: a file (--out, written safely, never overwritten
// without --force) or stdout for the text formats — always recorded in the audit trail
// first (see docs/SECURITY.md, "Exports name their audit entry"). Also the shared option
// parsing of --format and --disclosure, used by `table` and `bijlage`.
import { sha256HexSync } from '../digest';
import { unlink } from 'node:fs/promises';
import { resolve, extname } from 'node:path';
import { InvalidParameterError, UsageError } from '../../errors';
import { applyDisclosure, parseDisclosure, type DisclosureChoice } from '../../export/disclosure';
import { assertExportAllowed, countSmallCells, isPersonLevel } from '../../export/guard';
import {
  BIJLAGE_FORMATS, EXPORT_FORMATS, TEXT_FORMATS, exportBijlage, exportTable, isBijlageFormat, isExportFormat,
  type BijlageFormat, type ExportFormat,
} from '../../export/index';
import {
  buildProvenance, needsProvenanceSidecar, provenanceSidecar, provenanceSidecarName, withAuditReference,
} from '../../export/provenance';
import type { Disclosure, TableModel } from '../../tables/model';
import { checkWriteTarget, writeFileSafely, type WrittenFile } from '../files/safe-write';
import type { CliIo } from './command';
import type { AuditDetails, CommandTrail } from './trail';

/** parseArgs option definitions for output; spread them into a command's options. */
/** parseArgs options of every command that writes a file: where, and whether it may replace one. */
export const WRITE_OPTIONS = {
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
} as const;

export const OUTPUT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  ...WRITE_OPTIONS,
  disclosure: { type: 'string' },
  'confirm-unprotected': { type: 'boolean' },
} as const;

export interface OutputValues {
  format?: string | undefined;
  out?: string | undefined;
  force?: boolean | undefined;
  disclosure?: string | undefined;
  'confirm-unprotected'?: boolean | undefined;
}

/** Lines for the commands' --help texts. */
export const OUTPUT_HELP = [
  'Output:',
  `  -f, --format FORMAT      ${EXPORT_FORMATS.join(' | ')} (default: from the --out extension)`,
  '  -o, --out FILE           write to FILE; without it text formats go to stdout',
  '  --force                  replace FILE if it exists (otherwise refused)',
  '  --disclosure METHOD      none | round5 | round10 | suppress[:k] (k default 10)',
  '  --confirm-unprotected    allow exporting a person-level result',
].join('\n');

const BY_EXTENSION: Record<string, ExportFormat> = {
  '.json': 'json', '.csv': 'csv', '.md': 'md', '.html': 'html', '.htm': 'html', '.xlsx': 'xlsx', '.docx': 'docx', '.ods': 'ods', '.odt': 'odt',
};

/** The format from --format, else from the --out extension, else `fallback`. */
export function resolveFormat(format: string | undefined, out: string | undefined, fallback: ExportFormat): ExportFormat {
  if (format !== undefined) {
    if (isExportFormat(format)) return format;
    throw new InvalidParameterError('--format', `'${format}' is geen formaat; kies ${EXPORT_FORMATS.join(', ')}.`, `'${format}' is not a format; choose ${EXPORT_FORMATS.join(', ')}.`);
  }
  if (out !== undefined) {
    const byExtension = BY_EXTENSION[extname(out).toLowerCase()];
    if (byExtension !== undefined) return byExtension;
  }
  return fallback;
}

/** A bijlage format: docx, odt, xlsx or ods, from --format or the --out extension. */
export function resolveBijlageFormat(format: string | undefined, out: string | undefined): BijlageFormat {
  const chosen = format ?? (out === undefined ? undefined : BY_EXTENSION[extname(out).toLowerCase()]);
  if (chosen !== undefined && isBijlageFormat(chosen)) return chosen;
  const list = BIJLAGE_FORMATS.join(', ');
  throw new InvalidParameterError(
    '--format',
    chosen === undefined ? `geef --format (${list}) of een --out met zo'n extensie.` : `'${chosen}' kan geen bijlage zijn; kies ${list}.`,
    chosen === undefined ? `give --format (${list}) or an --out with such an extension.` : `'${chosen}' cannot be a bijlage; choose ${list}.`,
  );
}

/** --disclosure, or `fallback` when absent. */
export function resolveDisclosure(text: string | undefined, fallback: DisclosureChoice): DisclosureChoice {
  return text === undefined ? fallback : parseDisclosure(text);
}

/** Apply the chosen disclosure method; tell on stderr when small counts leave unprotected. */
export function protectForExport(model: TableModel, choice: DisclosureChoice, io: CliIo): TableModel {
  const protectedModel = applyDisclosure(model, choice);
  if (choice.method === 'none' && model.disclosure.method === 'none' && model.parameters.person_level !== true) {
    const small = countSmallCells(model);
    if (small > 0) {
      io.stderr.write(
        io.language === 'nl'
          ? `Let op: '${model.id}' toont ${small} aantal(len) van 1 tot en met 9 zonder afscherming; gebruik --disclosure suppress of round5 voor publicatie.\n`
          : `Note: '${model.id}' shows ${small} count(s) from 1 to 9 without protection; use --disclosure suppress or round5 for publication.\n`,
      );
    }
  }
  return protectedModel;
}

/** What the audit entries of an export name: the trail and the snapshot the tables come from. */
export interface ExportRecording {
  trail: CommandTrail;
  /** Absolute path of the snapshot as opened. */
  snapshotPath: string;
  snapshotSha256: string;
}

export interface TableOutputRequest {
  format: ExportFormat;
  out?: string | undefined;
  force?: boolean | undefined;
  /** Caption number "Tabel N" (default 1). */
  tableNumber?: number;
  confirmedUnprotected?: boolean | undefined;
  recording: ExportRecording;
}

function binaryNeedsOut(format: string): never {
  throw new UsageError(
    `Het formaat ${format} is binair en gaat niet naar de terminal; geef --out BESTAND.`,
    `The format ${format} is binary and does not go to the terminal; give --out FILE.`,
  );
}

/**
 * Fail fast on an --out that cannot be written (missing folder, existing file without
 * --force) — before the key is asked for and the snapshot decrypted.
 */
export async function checkOutputTarget(out: string | undefined, force: boolean | undefined, io: CliIo): Promise<void> {
  if (out !== undefined) await checkWriteTarget(resolve(io.cwd, out), { force: force === true });
}

/** Report a written file on stderr (stdout stays clean for pipes). */
function reportWritten(written: WrittenFile, io: CliIo): void {
  io.stderr.write(
    io.language === 'nl'
      ? `Geschreven: ${written.path} (${written.size} bytes, SHA-256 ${written.sha256})\n`
      : `Written: ${written.path} (${written.size} bytes, SHA-256 ${written.sha256})\n`,
  );
}

/** The disclosure option as the command line spells it: none, round5, suppress:10. */
export function disclosureText(disclosure: Disclosure): string {
  if (disclosure.method === 'round') return `round${disclosure.base}`;
  if (disclosure.method === 'suppress') return `suppress:${disclosure.k}`;
  return 'none';
}

export interface ExportPlan {
  action: 'export-table' | 'export-bijlage';
  models: readonly TableModel[];
  format: ExportFormat;
  /** Absolute target, or undefined for stdout. */
  out: string | undefined;
  force: boolean;
  confirmedUnprotected: boolean;
  firstNumber: number;
  render(models: readonly TableModel[]): Promise<Uint8Array>;
}


/**
 * The one way a command's tables leave: (1) the export entry is appended, (2) the file
 * is made naming that entry and written, (3) an `export-written` entry records its
 * SHA-256. Nothing is made when (1) fails; the file is removed again when (3) fails.
 */
export async function recordedExport(plan: ExportPlan, recording: ExportRecording, io: CliIo): Promise<WrittenFile | null> {
  const { trail } = recording;
  const target = plan.out ?? '-';
  const ids = plan.models.map((model) => model.id);
  const sidecarPath = plan.out !== undefined && needsProvenanceSidecar(plan.format) ? provenanceSidecarName(plan.out) : undefined;
  if (sidecarPath !== undefined) await checkWriteTarget(sidecarPath, { force: plan.force });
  const personLevel = plan.models.filter(isPersonLevel).map((model) => model.id);
  if (plan.confirmedUnprotected && personLevel.length > 0) {
    await trail.record('confirm-unprotected-export', { tables: personLevel, format: plan.format, path: target });
  }
  const details: AuditDetails = {
    snapshot_path: recording.snapshotPath,
    snapshot_sha256: recording.snapshotSha256,
    tables: ids,
    parameters: JSON.stringify(Object.fromEntries(plan.models.map((model) => [model.id, model.parameters]))),
    format: plan.format,
    disclosure: [...new Set(plan.models.map((model) => disclosureText(model.disclosure)))].join(','),
    path: target,
  };
  const entry = await trail.record(plan.action, details);
  if (entry === null) throw new Error('an export trail must be required'); // 'warn' trails never export
  const models = withAuditReference(plan.models, entry);
  const bytes = await plan.render(models);
  const completing: AuditDetails = { export_seq: entry.seq, export_hash: entry.hash, path: target };
  let written: WrittenFile | null = null;
  let sidecar: WrittenFile | null = null;
  try {
    if (plan.out === undefined) {
      io.stdout.write(bytes);
    } else {
      written = await writeFileSafely(plan.out, bytes, { force: plan.force });
      if (sidecarPath !== undefined) {
        const text = provenanceSidecar(buildProvenance(models, plan.format, plan.firstNumber));
        sidecar = await writeFileSafely(sidecarPath, new TextEncoder().encode(text), { force: plan.force });
      }
    }
  } catch (error) {
    if (written !== null) await unlink(written.path).catch(() => undefined);
    await trail.record('export-written', { ...completing, ok: false, code: error instanceof Error ? error.name : 'unknown' })
      .catch(() => undefined); // the write error is what the user must hear about
    throw error;
  }
  try {
    await trail.record('export-written', {
      ...completing,
      ok: true,
      sha256: written?.sha256 ?? sha256HexSync(bytes),
      bytes: bytes.length,
      ...(sidecar === null ? {} : { sidecar: sidecar.path, sidecar_sha256: sidecar.sha256 }),
    });
  } catch (error) {
    // Unrecorded, the file may not stay (stdout cannot be taken back; the error says so).
    if (written !== null) await unlink(written.path).catch(() => undefined);
    if (sidecar !== null) await unlink(sidecar.path).catch(() => undefined);
    throw error;
  }
  if (written !== null) reportWritten(written, io);
  if (sidecar !== null) reportWritten(sidecar, io);
  return written;
}

/**
 * Write one table in a format to --out or stdout, recorded in the audit trail. The model
 * is exported as given (apply disclosure first with protectForExport); person-level
 * models need confirmation. Returns the written file, or null for stdout.
 */
export async function writeTableOutput(model: TableModel, request: TableOutputRequest, io: CliIo): Promise<WrittenFile | null> {
  assertExportAllowed(model, { confirmedUnprotected: request.confirmedUnprotected === true });
  if (request.out === undefined && !TEXT_FORMATS.includes(request.format)) binaryNeedsOut(request.format);
  const tableNumber = request.tableNumber ?? 1;
  return recordedExport({
    action: 'export-table',
    models: [model],
    format: request.format,
    out: request.out === undefined ? undefined : resolve(io.cwd, request.out),
    force: request.force === true,
    confirmedUnprotected: request.confirmedUnprotected === true,
    firstNumber: tableNumber,
    render: ([audited]) => exportTable(audited ?? model, request.format, { tableNumber }),
  }, request.recording, io);
}

/** Write several tables as one bijlage file (always to a file: the formats are binary), recorded in the audit trail. */
export async function writeBijlageOutput(
  models: readonly TableModel[],
  request: {
    format: BijlageFormat; out: string; force?: boolean | undefined; confirmedUnprotected?: boolean | undefined; title?: string;
    recording: ExportRecording;
  },
  io: CliIo,
): Promise<WrittenFile> {
  for (const model of models) assertExportAllowed(model, { confirmedUnprotected: request.confirmedUnprotected === true });
  const written = await recordedExport({
    action: 'export-bijlage',
    models,
    format: request.format,
    out: resolve(io.cwd, request.out),
    force: request.force === true,
    confirmedUnprotected: request.confirmedUnprotected === true,
    firstNumber: 1,
    render: (audited) => exportBijlage(audited, request.format, request.title === undefined ? {} : { title: request.title }),
  }, request.recording, io);
  if (written === null) throw new Error('a bijlage is always written to a file');
  return written;
}
