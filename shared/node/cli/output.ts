// Where the command line's tables go: a file (--out, written safely, never overwritten
// without --force) or stdout for the text formats. Also the shared option parsing of
// --format and --disclosure, used by `table` and `bijlage`.
import { resolve, extname } from 'node:path';
import { InvalidParameterError, UsageError } from '../../errors';
import { applyDisclosure, parseDisclosure, type DisclosureChoice } from '../../export/disclosure';
import { assertExportAllowed, countSmallCells } from '../../export/guard';
import {
  BIJLAGE_FORMATS, EXPORT_FORMATS, TEXT_FORMATS, exportBijlage, exportTable, isBijlageFormat, isExportFormat,
  type BijlageFormat, type ExportFormat,
} from '../../export/index';
import type { TableModel } from '../../tables/model';
import { checkWriteTarget, writeFileSafely, type WrittenFile } from '../files/safe-write';
import type { CliIo } from './command';

/** parseArgs option definitions for output; spread them into a command's options. */
export const OUTPUT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
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

export interface TableOutputRequest {
  format: ExportFormat;
  out?: string | undefined;
  force?: boolean | undefined;
  /** Caption number "Tabel N" (default 1). */
  tableNumber?: number;
  confirmedUnprotected?: boolean | undefined;
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

/**
 * Write one table in a format to --out or stdout. The model is exported as given (apply
 * disclosure first with protectForExport); person-level models need confirmation.
 * Returns the written file, or null for stdout.
 */
export async function writeTableOutput(model: TableModel, request: TableOutputRequest, io: CliIo): Promise<WrittenFile | null> {
  assertExportAllowed(model, { confirmedUnprotected: request.confirmedUnprotected === true });
  if (request.out === undefined && !TEXT_FORMATS.includes(request.format)) binaryNeedsOut(request.format);
  const bytes = await exportTable(model, request.format, { tableNumber: request.tableNumber ?? 1 });
  if (request.out === undefined) {
    io.stdout.write(bytes);
    return null;
  }
  const written = await writeFileSafely(resolve(io.cwd, request.out), bytes, { force: request.force === true });
  reportWritten(written, io);
  return written;
}

/** Write several tables as one bijlage file (always to a file: the formats are binary). */
export async function writeBijlageOutput(
  models: readonly TableModel[],
  request: { format: BijlageFormat; out: string; force?: boolean | undefined; confirmedUnprotected?: boolean | undefined; title?: string },
  io: CliIo,
): Promise<WrittenFile> {
  for (const model of models) assertExportAllowed(model, { confirmedUnprotected: request.confirmedUnprotected === true });
  const bytes = await exportBijlage(models, request.format, request.title === undefined ? {} : { title: request.title });
  const written = await writeFileSafely(resolve(io.cwd, request.out), bytes, { force: request.force === true });
  reportWritten(written, io);
  return written;
}
