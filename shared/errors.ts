// Typed refusals of the core. Every way a snapshot, a key, a parameter or a file can be
// refused has its own class, a stable `code`, a message in Dutch and in English, and
// the exit code the command line uses for it (documented in README.md).
// Callers show `messageNl`/`messageEn` to people; the stack trace is for logs only.

export type Language = 'nl' | 'en';

/** Exit codes of the `ketenlens` command line, one per family of refusal. */
export const EXIT = {
  ok: 0,
  /** `validate`: the snapshot opened but has data-quality findings. */
  findings: 1,
  /** Wrong or missing command-line arguments. */
  usage: 2,
  /** Wrong passphrase or identity, or no key given. */
  key: 3,
  /** Not an age file, or a damaged one (empty, truncated, altered). */
  container: 4,
  /** Decrypted, but not a valid snapshot v1 (not SQLite, wrong schema, missing table/column/meta key). */
  snapshot: 5,
  /** A file could not be read or written. */
  io: 6,
  /** The request was refused on purpose (write query, too large, unsafe export without confirmation). */
  refused: 7,
  /** Invalid input data for `seal` (CSV errors). */
  input: 8,
  /** A bug: an error that is not one of the typed refusals. */
  internal: 70,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export abstract class KetenlensError extends Error {
  abstract readonly code: string;
  abstract readonly exitCode: ExitCode;
  readonly messageNl: string;
  readonly messageEn: string;

  constructor(messageNl: string, messageEn: string, options?: { cause?: unknown }) {
    super(messageEn, options);
    this.messageNl = messageNl;
    this.messageEn = messageEn;
    this.name = new.target.name;
  }

  /** The message for people, in their language. */
  localized(language: Language): string {
    return language === 'nl' ? this.messageNl : this.messageEn;
  }
}

export function isKetenlensError(value: unknown): value is KetenlensError {
  return value instanceof KetenlensError;
}

/**
 * Anything thrown that is not a typed refusal is a bug. It has one wording on every way
 * in (command line, worker, app, Electron's IPC): `detail` is the thrown message, left out
 * where it could carry paths or data across a boundary (Electron keeps it in main's log).
 */
export class InternalError extends KetenlensError {
  readonly code = 'internal';
  readonly exitCode = EXIT.internal;

  constructor(detail?: string, options?: { cause?: unknown }) {
    const end = detail === undefined || detail === '' ? '.' : `: ${detail}`;
    super(
      `Ketenlens stuitte op een interne fout — meld dit, met deze tekst${end}`,
      `Ketenlens hit an internal error — please report it, with this text${end}`,
      options,
    );
  }
}

/** A typed refusal as it is; anything else as the InternalError it is (with its message as detail unless `withDetail` is false). */
export function asKetenlensError(error: unknown, withDetail = true): KetenlensError {
  if (isKetenlensError(error)) return error;
  return new InternalError(withDetail ? (error instanceof Error ? error.message : String(error)) : undefined, { cause: error });
}

// ── keys ────────────────────────────────────────────────────────────────────────────

export class WrongPassphraseError extends KetenlensError {
  readonly code = 'wrong-passphrase';
  readonly exitCode = EXIT.key;
  constructor() {
    super(
      'De wachtwoordzin is onjuist: deze snapshot kan er niet mee worden geopend.',
      'The passphrase is wrong: this snapshot cannot be opened with it.',
    );
  }
}

export class WrongIdentityError extends KetenlensError {
  readonly code = 'wrong-identity';
  readonly exitCode = EXIT.key;
  constructor(identityCount: number) {
    super(
      `Geen van de ${identityCount} opgegeven sleutel(s) (identity) past op deze snapshot.`,
      `None of the ${identityCount} given identit${identityCount === 1 ? 'y' : 'ies'} can open this snapshot.`,
    );
  }
}

/** The file needs a passphrase but identities were given, or the other way round. */
export class KeyKindMismatchError extends KetenlensError {
  readonly code = 'key-kind-mismatch';
  readonly exitCode = EXIT.key;
  constructor(needs: 'passphrase' | 'identity') {
    super(
      needs === 'passphrase'
        ? 'Deze snapshot is met een wachtwoordzin versleuteld; geef een wachtwoordzin in plaats van een sleutelbestand.'
        : 'Deze snapshot is voor sleutels (age1…) versleuteld; geef een sleutelbestand (--identity) in plaats van een wachtwoordzin.',
      needs === 'passphrase'
        ? 'This snapshot is encrypted with a passphrase; give a passphrase instead of an identity file.'
        : 'This snapshot is encrypted to public keys (age1…); give an identity file (--identity) instead of a passphrase.',
    );
  }
}

export class NoKeyError extends KetenlensError {
  readonly code = 'no-key';
  readonly exitCode = EXIT.key;
  constructor() {
    super(
      'Geen sleutel opgegeven: gebruik --identity BESTAND, --passphrase-file BESTAND of de omgevingsvariabele KETENLENS_PASSPHRASE.',
      'No key given: use --identity FILE, --passphrase-file FILE or the environment variable KETENLENS_PASSPHRASE.',
    );
  }
}

export class InvalidIdentityFileError extends KetenlensError {
  readonly code = 'invalid-identity-file';
  readonly exitCode = EXIT.key;
  constructor(detailNl: string, detailEn: string) {
    super(`Ongeldig sleutelbestand: ${detailNl}`, `Invalid identity file: ${detailEn}`);
  }
}

export class ScryptWorkFactorTooHighError extends KetenlensError {
  readonly code = 'scrypt-work-factor-too-high';
  readonly exitCode = EXIT.refused;
  constructor(logN: number, maxLogN: number) {
    super(
      `De wachtwoordzin van deze snapshot vraagt scrypt-werkfactor 2^${logN}; meer dan 2^${maxLogN} wordt geweigerd om vastlopen te voorkomen.`,
      `This snapshot's passphrase asks for scrypt work factor 2^${logN}; above 2^${maxLogN} is refused to avoid hanging.`,
    );
  }
}

// ── the age container ───────────────────────────────────────────────────────────────

export class EmptyFileError extends KetenlensError {
  readonly code = 'empty-file';
  readonly exitCode = EXIT.container;
  constructor() {
    super('Het bestand is leeg.', 'The file is empty.');
  }
}

export class NotAgeFileError extends KetenlensError {
  readonly code = 'not-age';
  readonly exitCode = EXIT.container;
  constructor(detailNl = 'het begint niet met de age-v1-kop', detailEn = 'it does not start with the age v1 header') {
    super(`Dit is geen age-versleuteld bestand: ${detailNl}.`, `This is not an age-encrypted file: ${detailEn}.`);
  }
}

export class MalformedHeaderError extends KetenlensError {
  readonly code = 'malformed-header';
  readonly exitCode = EXIT.container;
  constructor(detailNl: string, detailEn: string) {
    super(
      `De age-kop van dit bestand is beschadigd of ongeldig: ${detailNl}.`,
      `The age header of this file is damaged or invalid: ${detailEn}.`,
    );
  }
}

export class UnsupportedRecipientError extends KetenlensError {
  readonly code = 'unsupported-recipient';
  readonly exitCode = EXIT.container;
  constructor(types: string[]) {
    super(
      `Deze snapshot is versleuteld voor een soort sleutel die Ketenlens niet kent (${types.join(', ')}); ondersteund: wachtwoordzin (scrypt) en X25519 (age1…).`,
      `This snapshot is encrypted to a kind of key Ketenlens does not support (${types.join(', ')}); supported: passphrase (scrypt) and X25519 (age1…).`,
    );
  }
}

/** The header MAC does not match: the header was altered after it was written. */
export class HeaderTamperedError extends KetenlensError {
  readonly code = 'header-tampered';
  readonly exitCode = EXIT.container;
  constructor() {
    super(
      'De kop van het bestand is na het versleutelen gewijzigd (de controlecode klopt niet). Het bestand is beschadigd of gemanipuleerd.',
      'The file header was changed after encryption (its MAC does not match). The file is damaged or was tampered with.',
    );
  }
}

export class TruncatedFileError extends KetenlensError {
  readonly code = 'truncated';
  readonly exitCode = EXIT.container;
  constructor() {
    super(
      'Het bestand is afgekapt: het versleutelde deel houdt op voor het einde. Kopieer de snapshot opnieuw.',
      'The file is truncated: the encrypted payload stops before its end. Copy the snapshot again.',
    );
  }
}

export class PayloadTamperedError extends KetenlensError {
  readonly code = 'payload-tampered';
  readonly exitCode = EXIT.container;
  constructor(chunkIndex: number) {
    super(
      `Het versleutelde deel is beschadigd of gewijzigd (blok ${chunkIndex + 1} klopt niet). Kopieer de snapshot opnieuw.`,
      `The encrypted payload is damaged or was altered (chunk ${chunkIndex + 1} fails authentication). Copy the snapshot again.`,
    );
  }
}

// ── the snapshot inside ─────────────────────────────────────────────────────────────

export class NotSqliteError extends KetenlensError {
  readonly code = 'not-sqlite';
  readonly exitCode = EXIT.snapshot;
  constructor() {
    super(
      'Het bestand is correct ontsleuteld, maar de inhoud is geen SQLite-database en dus geen Ketenlens-snapshot.',
      'The file decrypted correctly, but its content is not an SQLite database, so it is not a Ketenlens snapshot.',
    );
  }
}

export class UnknownSchemaVersionError extends KetenlensError {
  readonly code = 'unknown-schema-version';
  readonly exitCode = EXIT.snapshot;
  constructor(found: string | null) {
    super(
      `Onbekende snapshotversie ${found === null ? '(geen)' : `'${found}'`}; deze versie van Ketenlens leest alleen schema_version '1'.`,
      `Unknown snapshot version ${found === null ? '(none)' : `'${found}'`}; this version of Ketenlens reads schema_version '1' only.`,
    );
  }
}

export class MissingTableError extends KetenlensError {
  readonly code = 'missing-table';
  readonly exitCode = EXIT.snapshot;
  constructor(readonly table: string) {
    super(
      `De snapshot mist de verplichte tabel '${table}'.`,
      `The snapshot lacks the required table '${table}'.`,
    );
  }
}

export class MissingColumnError extends KetenlensError {
  readonly code = 'missing-column';
  readonly exitCode = EXIT.snapshot;
  constructor(readonly table: string, readonly column: string) {
    super(
      `De tabel '${table}' van de snapshot mist de verplichte kolom '${column}'.`,
      `The snapshot's table '${table}' lacks the required column '${column}'.`,
    );
  }
}

export class MissingMetaKeyError extends KetenlensError {
  readonly code = 'missing-meta-key';
  readonly exitCode = EXIT.snapshot;
  constructor(readonly key: string) {
    super(
      `De tabel 'meta' van de snapshot mist de verplichte sleutel '${key}'.`,
      `The snapshot's 'meta' table lacks the required key '${key}'.`,
    );
  }
}

export class InvalidMetaValueError extends KetenlensError {
  readonly code = 'invalid-meta-value';
  readonly exitCode = EXIT.snapshot;
  constructor(readonly key: string, value: string, expectedNl: string, expectedEn: string) {
    super(
      `De meta-sleutel '${key}' heeft de ongeldige waarde '${value}'; verwacht: ${expectedNl}.`,
      `The meta key '${key}' has the invalid value '${value}'; expected: ${expectedEn}.`,
    );
  }
}

/** A snapshot table that an analysis needs is an OPTIONAL one and is absent. */
export class OptionalTableAbsentError extends KetenlensError {
  readonly code = 'optional-table-absent';
  readonly exitCode = EXIT.refused;
  constructor(readonly tables: string[], whatNl: string, whatEn: string) {
    super(
      `${whatNl} kan niet worden berekend: de snapshot bevat de optionele tabel(len) ${tables.map((t) => `'${t}'`).join(', ')} niet.`,
      `${whatEn} cannot be computed: the snapshot does not contain the optional table(s) ${tables.map((t) => `'${t}'`).join(', ')}.`,
    );
  }
}

// ── requests ────────────────────────────────────────────────────────────────────────

export class InvalidParameterError extends KetenlensError {
  readonly code = 'invalid-parameter';
  readonly exitCode = EXIT.usage;
  constructor(readonly parameter: string, detailNl: string, detailEn: string) {
    super(`Ongeldige waarde voor ${parameter}: ${detailNl}`, `Invalid value for ${parameter}: ${detailEn}`);
  }
}

export class UnknownTableError extends KetenlensError {
  readonly code = 'unknown-table';
  readonly exitCode = EXIT.usage;
  constructor(id: string, known: readonly string[]) {
    super(
      `Onbekende tabel '${id}'. Bekende tabellen: ${known.join(', ')}.`,
      `Unknown table '${id}'. Known tables: ${known.join(', ')}.`,
    );
  }
}

export class ReadOnlyQueryError extends KetenlensError {
  readonly code = 'read-only';
  readonly exitCode = EXIT.refused;
  constructor(detailEn = 'the query tries to change the snapshot') {
    super(
      'Alleen lezende query\'s zijn toegestaan: de snapshot wordt nooit gewijzigd.',
      `Only read-only queries are allowed: ${detailEn}.`,
    );
  }
}

export class QueryError extends KetenlensError {
  readonly code = 'query-error';
  readonly exitCode = EXIT.usage;
  constructor(sqliteMessage: string) {
    super(`De query is ongeldig: ${sqliteMessage}`, `The query is invalid: ${sqliteMessage}`);
  }
}

export class FileTooLargeError extends KetenlensError {
  readonly code = 'file-too-large';
  readonly exitCode = EXIT.refused;
  constructor(sizeBytes: number, limitBytes: number) {
    const mb = (n: number) => Math.round(n / 1e6).toLocaleString('nl-NL');
    super(
      `Het bestand is ${mb(sizeBytes)} MB; de ingestelde grens is ${mb(limitBytes)} MB (KETENLENS_MAX_SNAPSHOT_MB). Het is niet ontsleuteld.`,
      `The file is ${mb(sizeBytes)} MB; the configured limit is ${mb(limitBytes)} MB (KETENLENS_MAX_SNAPSHOT_MB). It was not decrypted.`,
    );
  }
}

/** An export would let person-level or unprotected small counts leave the machine. */
export class UnprotectedExportError extends KetenlensError {
  readonly code = 'unprotected-export';
  readonly exitCode = EXIT.refused;
  constructor(detailNl: string, detailEn: string) {
    super(detailNl, detailEn);
  }
}

// ── files ───────────────────────────────────────────────────────────────────────────

export class FileReadError extends KetenlensError {
  readonly code = 'file-read';
  readonly exitCode = EXIT.io;
  constructor(readonly path: string, reasonNl: string, reasonEn: string, options?: { cause?: unknown }) {
    super(`Kan '${path}' niet lezen: ${reasonNl}.`, `Cannot read '${path}': ${reasonEn}.`, options);
  }
}

export class FileWriteError extends KetenlensError {
  readonly code = 'file-write';
  readonly exitCode = EXIT.io;
  constructor(readonly path: string, reasonNl: string, reasonEn: string, options?: { cause?: unknown }) {
    super(`Kan '${path}' niet schrijven: ${reasonNl}.`, `Cannot write '${path}': ${reasonEn}.`, options);
  }
}

export class FileExistsError extends KetenlensError {
  readonly code = 'file-exists';
  readonly exitCode = EXIT.refused;
  /** `forceAllowed` false where overwriting is never offered (a secret key: losing it locks its owner out). */
  constructor(readonly path: string, forceAllowed = true) {
    super(
      `'${path}' bestaat al en wordt niet overschreven; kies een andere naam${forceAllowed ? ' of gebruik --force' : ''}.`,
      `'${path}' already exists and is not overwritten; choose another name${forceAllowed ? ' or use --force' : ''}.`,
    );
  }
}

/** Bad input for `seal`: names the file, line and column. */
export class SourceDataError extends KetenlensError {
  readonly code = 'source-data';
  readonly exitCode = EXIT.input;
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: string | null,
    detailNl: string,
    detailEn: string,
  ) {
    const where = `${file}${line === null ? '' : `:${line}`}${column === null ? '' : ` (${column})`}`;
    super(`${where}: ${detailNl}`, `${where}: ${detailEn}`);
  }
}

export class UsageError extends KetenlensError {
  readonly code = 'usage';
  readonly exitCode = EXIT.usage;
  constructor(detailNl: string, detailEn: string) {
    super(detailNl, detailEn);
  }
}

// ── reconcile and verify (issue 12 / 11) ─────────────────────────────────────────────

/** A file or pasted text in which no table can be read. */
export class UnreadableTableError extends KetenlensError {
  readonly code = 'unreadable-table';
  readonly exitCode = EXIT.usage;
  constructor(source: string, detailNl: string, detailEn: string, options?: { cause?: unknown }) {
    super(`Geen tabel te lezen in ${source}: ${detailNl}.`, `No table can be read from ${source}: ${detailEn}.`, options);
  }
}

/** A published table that matches no catalogue table (or several equally well). */
export class TableNotRecognisedError extends KetenlensError {
  readonly code = 'table-not-recognised';
  readonly exitCode = EXIT.usage;
  constructor(detailNl: string, detailEn: string) {
    super(
      `Welke tabel dit is, is niet te herkennen: ${detailNl} Noem de tabel met --table ID (zie 'ketenlens tables').`,
      `Cannot tell which table this is: ${detailEn} Name it with --table ID (see 'ketenlens tables').`,
    );
  }
}

/** Parameters a table needs that neither the file, the table nor the options give. */
export class MissingParameterError extends KetenlensError {
  readonly code = 'missing-parameter';
  readonly exitCode = EXIT.usage;
  constructor(readonly missing: readonly string[], table: string) {
    super(
      `Voor ${table} ontbreekt: ${missing.join(', ')}. Het bestand noch de tabel zelf geeft ${missing.length === 1 ? 'deze' : 'deze'}; geef ${missing.length === 1 ? 'hem' : 'ze'} als optie.`,
      `For ${table} this is missing: ${missing.join(', ')}. Neither the file nor the table itself gives ${missing.length === 1 ? 'it' : 'them'}; give ${missing.length === 1 ? 'it' : 'them'} as an option.`,
    );
  }
}

// ── audit trail ─────────────────────────────────────────────────────────────────────

/**
 * The audit trail cannot be written, so what would leave the machine (an export, a query
 * result, a sealed or re-keyed snapshot) is not made: an unrecorded export is exactly what
 * the trail exists to prevent.
 */
export class AuditTrailUnavailableError extends KetenlensError {
  readonly code = 'audit-unavailable';
  readonly exitCode = EXIT.refused;
  constructor(readonly dataDir: string, reasonNl: string, reasonEn: string, options?: { cause?: unknown }) {
    super(
      `Het auditlog in '${dataDir}' kan niet worden bijgewerkt (${reasonNl}). Er is niets geschreven of getoond: een export die niet is vastgelegd, is precies wat het auditlog moet voorkomen. Maak de map schrijfbaar of kies een andere met KETENLENS_DATA_DIR.`,
      `The audit trail in '${dataDir}' cannot be written (${reasonEn}). Nothing was written or shown: an unrecorded export is exactly what the trail exists to prevent. Make the folder writable or choose another with KETENLENS_DATA_DIR.`,
      options,
    );
  }
}

/** The refusal for an append to the trail that failed with `cause`: its reason in both languages. */
export function auditTrailUnavailable(dataDir: string, cause: unknown): AuditTrailUnavailableError {
  if (cause instanceof AuditTrailUnavailableError) return cause;
  const text = cause instanceof Error ? cause.message : String(cause);
  const [reasonNl, reasonEn] = isKetenlensError(cause) ? [cause.messageNl, cause.messageEn] : [text, text];
  return new AuditTrailUnavailableError(dataDir, reasonNl, reasonEn, { cause });
}
