// The machine-readable provenance of an exported file: which snapshot, which tables with
// which parameters and disclosure, made when, by what, and which audit entry records the
// export. Embedded in every format without touching what people see (docs/EXPORT.md,
// "Machine-readable provenance"), and read back by `readProvenance` so `ketenlens verify`
// can recompute the tables. Pure: bytes in, bytes out.
import { InvalidParameterError } from '../errors';
import type { AuditReference, Disclosure, TableModel } from '../tables/model';
import { escapeXml } from './xml';
import { textEntry, unzipEntries, zipEntries, type ZipEntry } from './zip';

export const PROVENANCE_SCHEMA = 'ketenlens-export-provenance/1';
/** The name of the property / meta field / script element that holds the provenance. */
export const PROVENANCE_NAME = 'ketenlens-provenance';
/** CSV carries its provenance in a file beside it: `<file>.provenance.json`. */
export const SIDECAR_SUFFIX = '.provenance.json';

export interface ProvenanceTable {
  /** Caption number: Tabel N. */
  number: number;
  id: string;
  title: string;
  parameters: Record<string, unknown>;
  /** The disclosure control the table went through (method, k or base, counts). */
  disclosure: Disclosure;
  /** The snapshot this table was computed from (the same for every table of a file made by Ketenlens). */
  snapshot: { sha256: string; peildatum: string };
}

export interface ExportProvenance {
  schema: typeof PROVENANCE_SCHEMA;
  /** The export format the file was written in (ExportFormat). */
  format: string;
  generator: string;
  created_at: string;
  /** The snapshot of the first table. */
  snapshot: { sha256: string; peildatum: string };
  tables: ProvenanceTable[];
  /** The audit entry that records the export; null when made without one (tests, previews). */
  audit: AuditReference | null;
}

function firstOf(models: readonly TableModel[]): TableModel {
  const first = models[0];
  if (first === undefined) {
    throw new InvalidParameterError('provenance', 'een export heeft minstens één tabel nodig.', 'an export needs at least one table.');
  }
  return first;
}

/** The provenance of `models` exported together in `format`, numbered from `firstNumber`. */
export function buildProvenance(models: readonly TableModel[], format: string, firstNumber = 1): ExportProvenance {
  const first = firstOf(models);
  return {
    schema: PROVENANCE_SCHEMA,
    format,
    generator: first.provenance.generator,
    created_at: first.provenance.created_at,
    snapshot: { sha256: first.provenance.snapshot_sha256, peildatum: first.provenance.peildatum },
    tables: models.map((model, index) => ({
      number: firstNumber + index,
      id: model.id,
      title: model.title,
      parameters: model.parameters,
      disclosure: model.disclosure,
      snapshot: { sha256: model.provenance.snapshot_sha256, peildatum: model.provenance.peildatum },
    })),
    audit: first.provenance.audit ?? null,
  };
}

/** The models with the audit entry that records their export (for the provenance line and the embedded copy). */
export function withAuditReference<Model extends TableModel>(models: readonly Model[], audit: AuditReference): Model[] {
  return models.map((model) => ({ ...model, provenance: { ...model.provenance, audit: { seq: audit.seq, hash: audit.hash } } }));
}

// ── embedding ────────────────────────────────────────────────────────────────────────

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * JSON that is safe inside an HTML comment or a <script> element: `<` and `--` occur
 * only inside JSON strings, where `\u003c` and `-\u002d` mean the same characters.
 */
function embeddableJson(provenance: ExportProvenance): string {
  return JSON.stringify(provenance).replaceAll('<', '\\u003c').replaceAll('--', '-\\u002d');
}

/** Word and Excel show custom properties of at most 255 characters; longer ones go in numbered parts. */
const OOXML_PART = 255;
const CUSTOM_FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';
const CUSTOM_PATH = 'docProps/custom.xml';
const CUSTOM_TYPE = 'application/vnd.openxmlformats-officedocument.custom-properties+xml';
const CUSTOM_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';

function customPropertiesXml(json: string): string {
  const parts: string[] = [];
  for (let start = 0; start < json.length; start += OOXML_PART) parts.push(json.slice(start, start + OOXML_PART));
  const properties = parts.map((part, index) =>
    `<property fmtid="${CUSTOM_FMTID}" pid="${index + 2}" name="${PROVENANCE_NAME}-${index + 1}"><vt:lpwstr>${escapeXml(part)}</vt:lpwstr></property>`);
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
    `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${properties.join('')}</Properties>`;
}

function rewriteText(entries: ZipEntry[], path: string, rewrite: (text: string) => string): ZipEntry[] {
  return entries.map((entry) => (entry.path === path ? textEntry(path, rewrite(fromUtf8.decode(entry.data))) : entry));
}

function embedOoxml(bytes: Uint8Array, json: string): Uint8Array {
  let entries = unzipEntries(bytes);
  const existing = entries.find((entry) => entry.path === CUSTOM_PATH);
  if (existing !== undefined && /<property\b/.test(fromUtf8.decode(existing.data))) {
    // The exporters write no custom properties of their own; refusing keeps it that way.
    throw new InvalidParameterError('provenance', 'het bestand heeft al eigen documenteigenschappen.', 'the file already has custom document properties.');
  }
  const custom = textEntry(CUSTOM_PATH, customPropertiesXml(json));
  if (existing !== undefined) return zipEntries(entries.map((entry) => (entry.path === CUSTOM_PATH ? custom : entry)));
  entries = rewriteText(entries, '[Content_Types].xml', (text) =>
    text.replace('</Types>', `<Override PartName="/${CUSTOM_PATH}" ContentType="${CUSTOM_TYPE}"/></Types>`));
  entries = rewriteText(entries, '_rels/.rels', (text) =>
    text.replace('</Relationships>', `<Relationship Id="rIdKetenlensProvenance" Type="${CUSTOM_RELATIONSHIP}" Target="${CUSTOM_PATH}"/></Relationships>`));
  return zipEntries([...entries, custom]);
}

function embedOpenDocument(bytes: Uint8Array, json: string): Uint8Array {
  const field = `<meta:user-defined meta:name="${PROVENANCE_NAME}">${escapeXml(json)}</meta:user-defined>`;
  const entries = rewriteText(unzipEntries(bytes), 'meta.xml', (text) => {
    if (!text.includes('</office:meta>')) {
      throw new InvalidParameterError('provenance', 'meta.xml heeft geen office:meta.', 'meta.xml has no office:meta.');
    }
    return text.replace('</office:meta>', `${field}</office:meta>`);
  });
  // OpenDocument wants `mimetype` first and uncompressed; unzipEntries keeps the order.
  return zipEntries(entries.map((entry) => (entry.path === 'mimetype' ? { ...entry, stored: true } : entry)));
}

function embedText(bytes: Uint8Array, insert: (text: string) => string): Uint8Array {
  return utf8.encode(insert(fromUtf8.decode(bytes)));
}

/**
 * `bytes` (an export in `format`) with `provenance` embedded. JSON (the model itself,
 * which carries its provenance) and CSV (data only; the provenance goes in a sidecar,
 * see `provenanceSidecar`) come back unchanged.
 */
export function embedProvenance(bytes: Uint8Array, format: string, provenance: ExportProvenance): Uint8Array {
  const json = embeddableJson(provenance);
  switch (format) {
    case 'docx':
    case 'xlsx':
      return embedOoxml(bytes, json);
    case 'odt':
    case 'ods':
      return embedOpenDocument(bytes, json);
    case 'html':
      return embedText(bytes, (text) => {
        const script = `<script type="application/json" id="${PROVENANCE_NAME}">${json}</script>\n`;
        return text.includes('</body>') ? text.replace('</body>', `${script}</body>`) : `${text}${script}`;
      });
    case 'md':
      return embedText(bytes, (text) => `${text}\n<!-- ${PROVENANCE_NAME}: ${json} -->\n`);
    default:
      return bytes;
  }
}

/** The sidecar file name for an export that cannot hold its provenance (CSV). */
export function provenanceSidecarName(fileName: string): string {
  return `${fileName}${SIDECAR_SUFFIX}`;
}

/** Whether `format` keeps its provenance in a sidecar instead of inside the file. */
export function needsProvenanceSidecar(format: string): boolean {
  return format === 'csv' || format === 'csv-rfc';
}

/** The text of a `.provenance.json` sidecar. */
export function provenanceSidecar(provenance: ExportProvenance): string {
  return `${JSON.stringify(provenance, null, 2)}\n`;
}

// ── reading back ─────────────────────────────────────────────────────────────────────

function damaged(fileName: string, detailNl: string, detailEn: string): never {
  throw new InvalidParameterError('provenance', `de herkomstgegevens in '${fileName}' zijn onleesbaar: ${detailNl}`,
    `the provenance in '${fileName}' cannot be read: ${detailEn}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAuditReference(value: unknown): value is AuditReference {
  return isObject(value) && Number.isInteger(value.seq) && typeof value.hash === 'string' && /^[0-9a-f]{64}$/.test(value.hash);
}

function isDisclosure(value: unknown): value is Disclosure {
  if (!isObject(value)) return false;
  if (value.method === 'none') return true;
  if (value.method === 'round') return value.base === 5 || value.base === 10;
  return value.method === 'suppress' && typeof value.k === 'number';
}

function isSnapshotReference(value: unknown): value is ProvenanceTable['snapshot'] {
  return isObject(value) && typeof value.sha256 === 'string' && typeof value.peildatum === 'string';
}

function isProvenanceTable(value: unknown): value is ProvenanceTable {
  return isObject(value) && Number.isInteger(value.number) && typeof value.id === 'string' && typeof value.title === 'string' &&
    isObject(value.parameters) && isDisclosure(value.disclosure) && isSnapshotReference(value.snapshot);
}

function isExportProvenance(value: unknown): value is ExportProvenance {
  if (!isObject(value) || value.schema !== PROVENANCE_SCHEMA) return false;
  const { snapshot, tables, audit } = value;
  return typeof value.format === 'string' && typeof value.generator === 'string' && typeof value.created_at === 'string' &&
    isSnapshotReference(snapshot) &&
    Array.isArray(tables) && tables.length > 0 && tables.every(isProvenanceTable) &&
    (audit === null || isAuditReference(audit));
}

/** Checks the shape of parsed provenance; throws naming the file when it is not one. */
export function checkProvenance(value: unknown, fileName: string): ExportProvenance {
  if (isExportProvenance(value)) return value;
  if (!isObject(value) || value.schema !== PROVENANCE_SCHEMA) {
    return damaged(fileName, `geen ${PROVENANCE_SCHEMA}.`, `not ${PROVENANCE_SCHEMA}.`);
  }
  return damaged(fileName, 'een veld ontbreekt of heeft een verkeerd type.', 'a field is missing or has the wrong type.');
}

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return damaged(fileName, 'geen geldige JSON.', 'not valid JSON.');
  }
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_match, name: string) => {
    if (name === 'lt') return '<';
    if (name === 'gt') return '>';
    if (name === 'quot') return '"';
    if (name === 'apos') return "'";
    if (name === 'amp') return '&';
    return String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
  });
}

function zipText(bytes: Uint8Array, path: string, fileName: string): string | null {
  let entries: ZipEntry[];
  try {
    entries = unzipEntries(bytes);
  } catch {
    return damaged(fileName, 'geen geldig zip-bestand.', 'not a valid zip file.');
  }
  const entry = entries.find((each) => each.path === path);
  return entry === undefined ? null : fromUtf8.decode(entry.data);
}

function readOoxml(bytes: Uint8Array, fileName: string): string | null {
  const xml = zipText(bytes, CUSTOM_PATH, fileName);
  if (xml === null) return null;
  const parts: { index: number; text: string }[] = [];
  const pattern = new RegExp(`<property\\b[^>]*\\bname="${PROVENANCE_NAME}-(\\d+)"[^>]*>\\s*<vt:lpwstr>([^<]*)</vt:lpwstr>`, 'g');
  for (const match of xml.matchAll(pattern)) parts.push({ index: Number(match[1]), text: unescapeXml(match[2] ?? '') });
  if (parts.length === 0) return null;
  parts.sort((left, right) => left.index - right.index);
  if (parts.some((part, position) => part.index !== position + 1)) {
    return damaged(fileName, 'een deel van de documenteigenschap ontbreekt.', 'a part of the document property is missing.');
  }
  return parts.map((part) => part.text).join('');
}

function readOpenDocument(bytes: Uint8Array, fileName: string): string | null {
  const xml = zipText(bytes, 'meta.xml', fileName);
  const match = xml === null ? null : new RegExp(`<meta:user-defined\\b[^>]*meta:name="${PROVENANCE_NAME}"[^>]*>([^<]*)</meta:user-defined>`).exec(xml);
  return match === null ? null : unescapeXml(match[1] ?? '');
}

function readHtml(bytes: Uint8Array): string | null {
  const match = new RegExp(`<script type="application/json" id="${PROVENANCE_NAME}">([^<]*)</script>`).exec(fromUtf8.decode(bytes));
  return match?.[1] ?? null;
}

function readMarkdown(bytes: Uint8Array): string | null {
  const match = new RegExp(`<!-- ${PROVENANCE_NAME}: (\\{.*\\}) -->`).exec(fromUtf8.decode(bytes));
  return match?.[1] ?? null;
}

/** A JSON export is the model itself; its provenance is derived from the model's fields. */
function readJsonModel(bytes: Uint8Array, fileName: string): ExportProvenance | null {
  const value = parseJson(fromUtf8.decode(bytes), fileName);
  if (!isObject(value)) return damaged(fileName, 'geen tabelmodel.', 'not a table model.');
  const { provenance } = value;
  if (!isObject(provenance)) return null;
  const snapshot = { sha256: provenance.snapshot_sha256, peildatum: provenance.peildatum };
  return checkProvenance({
    schema: PROVENANCE_SCHEMA,
    format: 'json',
    generator: provenance.generator,
    created_at: provenance.created_at,
    snapshot,
    tables: [{ number: 1, id: value.id, title: value.title, parameters: value.parameters, disclosure: value.disclosure, snapshot }],
    audit: provenance.audit ?? null,
  }, fileName);
}

/**
 * The provenance embedded in an exported file, by its name's extension; null when the
 * file carries none (made before provenance was embedded, or CSV: read its sidecar
 * `provenanceSidecarName(fileName)` instead). Throws InvalidParameterError when the
 * provenance is there but damaged.
 */
export function readProvenance(bytes: Uint8Array, fileName: string): ExportProvenance | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(SIDECAR_SUFFIX)) return checkProvenance(parseJson(fromUtf8.decode(bytes), fileName), fileName);
  const extension = /\.([a-z]+)$/.exec(lower)?.[1] ?? '';
  let json: string | null;
  switch (extension) {
    case 'docx':
    case 'xlsx':
      json = readOoxml(bytes, fileName);
      break;
    case 'odt':
    case 'ods':
      json = readOpenDocument(bytes, fileName);
      break;
    case 'html':
    case 'htm':
      json = readHtml(bytes);
      break;
    case 'md':
      json = readMarkdown(bytes);
      break;
    case 'json':
      return readJsonModel(bytes, fileName);
    case 'csv':
      return null;
    default:
      throw new InvalidParameterError('provenance', `'${fileName}' is geen exportformaat van Ketenlens.`, `'${fileName}' is not a Ketenlens export format.`);
  }
  return json === null ? null : checkProvenance(parseJson(json, fileName), fileName);
}
