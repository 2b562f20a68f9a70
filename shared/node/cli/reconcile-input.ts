// What `reconcile` and `verify` share on the command line: reading a table file or stdin
// (with typed errors and its SHA-256), the table-parameter options, and the provenance
// line our exports carry ("Ketenlens-snapshot <hash> · peildatum …").
import { sha256HexSync } from '../digest';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { FileReadError, UsageError } from '../../errors';
import { provenanceSidecarName, readProvenance, type ExportProvenance } from '../../export/provenance';
import type { RecordedProvenance } from '../../reconcile/reconcile';
import type { TableRequest } from '../../tables/definition';
import { readTablesFromFile, readTablesFromText, type ReadTable } from '../../reconcile/read/index';
import type { CliIo } from './command';
import { KEY_OPTIONS } from './keys';
import { checkOutputTarget, WRITE_OPTIONS } from './output';
import { requestFromOptions } from './commands/table';
import { TABLE_PARAMETER_OPTIONS } from './table-parameters';
import { readFailureReason } from '../snapshot/open-file';

/** parseArgs options for table parameters (the same as `ketenlens table`). */
export const PARAMETER_OPTIONS = {
  table: { type: 'string' },
  ...TABLE_PARAMETER_OPTIONS,
} as const;

/** parseArgs options of `reconcile` and `verify`: the key, the table's parameters, and the report file. */
export const RECONCILE_OPTIONS = {
  ...KEY_OPTIONS,
  ...PARAMETER_OPTIONS,
  format: { type: 'string', short: 'f' },
  ...WRITE_OPTIONS,
} as const;

export const PARAMETER_HELP = `Parameters (when the file does not carry them and the table does not show them):
  --table ID               the catalogue table (see 'ketenlens tables'); else recognised by its columns
  --peildatum DATE         reference date(s) YYYY-MM-DD, repeatable
  --doelgroep GROEP        asiel | gezin | overig
  --drempel EUR            ELIP-A threshold in euros; --drempel-b EUR, --maanden-b N for ELIP-B
  --cohort-merge-from YEAR merged cohort columns (elip-cohorten)
  --vanaf DATE, --tot-en-met DATE, --incident ID`;

const MAX_TABLE_FILE = 64 * 1024 * 1024;

export interface TableInput {
  name: string;
  bytes: Uint8Array;
  sha256: string;
  tables: ReadTable[];
  /** The machine-readable provenance the file (or a CSV's sidecar) carries; null when none. */
  provenance: ExportProvenance | null;
}

async function readStdin(io: CliIo): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array); // a stream yields strings or bytes
    size += buffer.length;
    if (size > MAX_TABLE_FILE) throw new UsageError('De invoer is groter dan 64 MB; dat is geen tabel.', 'The input is larger than 64 MB; that is not a table.');
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Read the tables of FILE, or of stdin for '-'. */
export async function readTableInput(path: string, io: CliIo): Promise<TableInput> {
  let bytes: Uint8Array;
  let name: string;
  if (path === '-') {
    if (io.stdin.isTTY === true) throw new UsageError('Plak de tabel via stdin (bijvoorbeeld met een pipe) of geef een bestand.', 'Pipe the table into stdin or give a file.');
    bytes = await readStdin(io);
    name = 'stdin';
  } else {
    const full = resolve(io.cwd, path);
    try {
      bytes = new Uint8Array(await readFile(full));
    } catch (error) {
      throw new FileReadError(full, ...readFailureReason(error), { cause: error });
    }
    name = basename(full);
  }
  const sha256 = sha256HexSync(bytes);
  const tables = path === '-' ? readTablesFromText(new TextDecoder().decode(bytes), 'stdin') : readTablesFromFile(bytes, name);
  const provenance = path === '-' ? null : await provenanceOfFile(bytes, resolve(io.cwd, path));
  return { name, bytes, sha256, tables, provenance };
}

/**
 * The provenance of a file: embedded (DOCX, XLSX, ODT, ODS, HTML, Markdown, JSON) or in
 * the CSV's sidecar '<file>.provenance.json'. A file of another kind carries none.
 */
async function provenanceOfFile(bytes: Uint8Array, path: string): Promise<ExportProvenance | null> {
  if (/\.csv$/i.test(path)) {
    const sidecar = provenanceSidecarName(path);
    if (!existsSync(sidecar)) return null;
    let text: Uint8Array;
    try {
      text = new Uint8Array(await readFile(sidecar));
    } catch (error) {
      throw new FileReadError(sidecar, ...readFailureReason(error), { cause: error });
    }
    return readProvenance(text, sidecar);
  }
  if (!/\.(docx|xlsx|odt|ods|html?|md|json)$/i.test(path)) return null;
  return readProvenance(bytes, basename(path));
}

/**
 * What `reconcile` and `verify` do before the key is asked for: the table's parameters from
 * the options, the report target checked, and the published or exported table read.
 */
export async function readReconcileInput(
  values: Parameters<typeof requestFromOptions>[0] & { out?: string | undefined; force?: boolean | undefined },
  tablePath: string,
  io: CliIo,
): Promise<{ options: TableRequest; input: TableInput }> {
  const options = requestFromOptions(values);
  await checkOutputTarget(values.out, values.force, io);
  return { options, input: await readTableInput(tablePath, io) };
}

/** The recorded provenance of the index-th table of a file (tables in caption order). */
export function recordedFor(provenance: ExportProvenance | null, index: number, count: number): RecordedProvenance | null {
  if (provenance === null) return null;
  const table = provenance.tables.length === count ? provenance.tables[index] : provenance.tables.find((each) => each.number === index + 1);
  if (table === undefined) return null;
  return {
    tableId: table.id, parameters: table.parameters, disclosure: table.disclosure, snapshotSha256: table.snapshot.sha256,
    ...(provenance.audit === null ? {} : { audit: provenance.audit }),
  };
}

/** The provenance line of our exports: the snapshot hash prefix and the snapshot's peildatum. */
export function provenanceLineOf(lines: readonly string[]): { snapshotPrefix: string; line: string } | null {
  for (const line of lines) {
    const match = /Ketenlens-snapshot\s+([0-9a-f]{12,64})/i.exec(line);
    if (match !== null) return { snapshotPrefix: (match[1] ?? '').toLowerCase(), line };
  }
  return null;
}
