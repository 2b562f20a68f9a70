// Sealing from a set of named files (a CSV folder in Node, a folder picked in the app):
// maps file names to tables, reads meta.csv, streams every table into the builder, and
// resolves the meta keys from meta.csv and the caller's overrides. Isomorphic.
import { InvalidParameterError, SourceDataError } from '../errors';
import type { ProgressListener } from '../age/types';
import { CsvParser } from './csv';
import { DATA_TABLES, isDataTable, type SealMeta, type SnapshotBuilder } from './builder';
import { instantOfDate, isValidDate, isValidInstant } from '../dates';

export interface SealFile {
  name: string;
  size: number;
  chunks(): AsyncIterable<Uint8Array>;
}

export interface MetaOverrides {
  peildatum?: string;
  bron?: string;
  gemeenteJaar?: string;
  producent?: string;
}

async function readAll(file: SealFile): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of file.chunks()) parts.push(chunk);
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SourceDataError(file.name, null, null, 'het bestand is geen geldige UTF-8-tekst', 'the file is not valid UTF-8 text');
  }
}

export function parseMetaCsv(name: string, text: string): Record<string, string> {
  const parser = new CsvParser(name);
  const [header, ...rows] = [...parser.push(text), ...parser.end()];
  if (header === undefined || header.fields.join(',') !== 'key,value') {
    throw new SourceDataError(name, 1, null, "de kopregel moet 'key,value' zijn", "the header row must be 'key,value'");
  }
  const meta: Record<string, string> = {};
  for (const row of rows) {
    const [key, value] = row.fields;
    if (row.fields.length !== 2 || key === null || key === undefined || value === null || value === undefined) {
      throw new SourceDataError(name, row.line, null, 'verwacht twee gevulde velden: key,value', 'expected two filled fields: key,value');
    }
    meta[key] = value;
  }
  return meta;
}

/** Stream every table file into the builder; returns the keys of meta.csv (if any). */
export async function loadFiles(builder: SnapshotBuilder, files: readonly SealFile[], onProgress?: ProgressListener): Promise<Record<string, string>> {
  let meta: Record<string, string> = {};
  const tables: { table: (typeof DATA_TABLES)[number]; file: SealFile }[] = [];
  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!file.name.toLowerCase().endsWith('.csv')) continue;
    const table = file.name.slice(0, -4);
    if (table === 'meta') {
      meta = parseMetaCsv(file.name, await readAll(file));
      continue;
    }
    if (!isDataTable(table)) {
      throw new SourceDataError(
        file.name,
        null,
        null,
        `onbekende tabel; een CSV-bestand heet naar een tabel van snapshot v1 (${DATA_TABLES.join(', ')})`,
        `unknown table; a CSV file is named after a table of snapshot v1 (${DATA_TABLES.join(', ')})`,
      );
    }
    tables.push({ table, file });
  }
  const total = tables.reduce((sum, t) => sum + t.file.size, 0);
  let done = 0;
  for (const { table, file } of tables) {
    await builder.addCsv(table, file.name, file.chunks(), (bytes) => {
      done += bytes;
      onProgress?.({ phase: 'read', done, total });
    });
  }
  return meta;
}

export function resolveMeta(fromFile: Record<string, string>, overrides: MetaOverrides, now: Date, defaultProducent: string): SealMeta {
  const peildatum = overrides.peildatum ?? fromFile.peildatum;
  if (peildatum === undefined) {
    throw new InvalidParameterError('--peildatum', 'geef de peildatum op (of zet hem in meta.csv).', 'give the reference date (or put it in meta.csv).');
  }
  if (!isValidDate(peildatum)) {
    throw new InvalidParameterError('--peildatum', `'${peildatum}' is geen geldige datum JJJJ-MM-DD.`, `'${peildatum}' is not a valid date YYYY-MM-DD.`);
  }
  const gemeenteJaar = overrides.gemeenteJaar ?? fromFile.gemeente_jaar ?? peildatum.slice(0, 4);
  if (!/^\d{4}$/.test(gemeenteJaar)) {
    throw new InvalidParameterError('--gemeente-jaar', `'${gemeenteJaar}' is geen jaartal.`, `'${gemeenteJaar}' is not a year.`);
  }
  const aangemaaktOp = fromFile.aangemaakt_op ?? instantOfDate(now);
  if (!isValidInstant(aangemaaktOp)) {
    throw new SourceDataError('meta.csv', null, 'aangemaakt_op', `'${aangemaaktOp}' is geen geldig tijdstip`, `'${aangemaaktOp}' is not a valid instant`);
  }
  const { schema_version: _ignored, ...rest } = fromFile;
  return {
    ...rest,
    peildatum,
    bron: overrides.bron ?? fromFile.bron ?? 'DUO',
    gemeente_jaar: gemeenteJaar,
    aangemaakt_op: aangemaaktOp,
    producent: overrides.producent ?? fromFile.producent ?? defaultProducent,
  };
}
