// What an opened snapshot looks like to the rest of the core (analyses, tables, UI).
// Produced by shared/snapshot/open.ts; the database lives in memory only (sql.js).
import type { Database } from 'sql.js';
import type { ScanRider } from './scan-rider';

export interface SnapshotMeta {
  schema_version: '1';
  peildatum: string;
  bron: string;
  gemeente_jaar: string;
  titel?: string;
  aangemaakt_op?: string;
  producent?: string;
  opmerking?: string;
  /**
   * Pseudonymisation domain of the person ids (snapshot-v1.md, addendum): two snapshots with
   * equal, present values have comparable ids. Optional; never required.
   */
  pseudoniem_domein?: string;
  /** Any other keys the producer wrote. */
  [key: string]: string | undefined;
}

export const REQUIRED_TABLES = [
  'meta', 'gemeente', 'inburgeraar', 'lening_betaling', 'termijnoverschrijding',
  'gegevenscategorie', 'portaal_signaal', 'signaal_gegeven', 'portaal_inzage',
] as const;
export const OPTIONAL_TABLES = ['dwangbevel', 'incident', 'kennisgeving', 'ind_levering'] as const;
export type RequiredTable = (typeof REQUIRED_TABLES)[number];
export type OptionalTable = (typeof OPTIONAL_TABLES)[number];
export type SnapshotTable = RequiredTable | OptionalTable;

export type FindingKind =
  | 'check-violation' // a value breaks a CHECK of snapshot-v1.sql (enum, GLOB, NOT NULL, status/status_datum pairing, …)
  | 'dangling-reference' // an id that points at no row (REFERENCES)
  | 'invalid-date' // a date that is not a valid YYYY-MM-DD
  | 'invalid-instant' // an instant that is not a valid YYYY-MM-DDTHH:MM:SSZ
  | 'duplicate-key' // a primary key value that occurs twice (possible when the producer left out the constraint)
  | 'status-before-start' // status_datum earlier than plicht_start
  | 'view-outside-window' // a portaal_inzage outside its signal's visibility window
  | 'window-ends-before-start' // zichtbaar_tot earlier than zichtbaar_vanaf
  | 'negative-amount' // reserved for amounts that cannot be negative (boete_cent)
  | 'skipped-reference'; // a row that points at a row which is itself skipped (cascade)

export interface Finding {
  kind: FindingKind;
  table: SnapshotTable;
  /** Column(s) concerned, when one is. */
  column?: string;
  /** Plain description in Dutch and English, e.g. "stelsel is geen Wi2007/Wi2013/Wi2021". */
  descriptionNl: string;
  descriptionEn: string;
  count: number;
  /** Up to 5 example ids (the row's id, or `rowid:N` for tables without an id). */
  examples: string[];
  /** Whether the analyses skip the rows of this finding (true for rows they cannot use). */
  skipped: boolean;
}

export interface OpenedSnapshot {
  /** The in-memory database (sql.js). Never written to disk. */
  db: Database;
  meta: SnapshotMeta;
  /**
   * SHA-256 (hex, lower case) of the encrypted file as opened. Opened with the digest
   * deferred (the app), reading it before `digested` resolves throws — unless the host can
   * wait for it on this thread (the command line's decryption on demand, whose verification
   * runs on a worker thread): then reading it waits, and throws the file's refusal.
   */
  readonly sha256: string;
  /** Resolves with `sha256` once it is known (at once unless the open deferred the digest). */
  readonly digested: Promise<string>;
  /** Size in bytes of the encrypted file. */
  fileSize: number;
  /** How the file was unlocked (for the audit trail; never the key itself). */
  keyKind: 'passphrase' | 'identity';
  /** Row counts per table present (count(*): they need no checks). */
  rowCounts: Partial<Record<SnapshotTable, number>>;
  /** Which OPTIONAL tables are present. */
  optionalTables: Record<OptionalTable, boolean>;
  findings: Finding[];
  /**
   * Rows the analyses must skip, per table, by SQLite rowid. The same sets are also in the
   * TEMP tables `temp.skip_<table>(rid INTEGER PRIMARY KEY)` so SQL can anti-join them.
   */
  skipped: Partial<Record<SnapshotTable, ReadonlySet<number>>>;
  /**
   * Skipped rows of tables stored WITHOUT ROWID (gemeente, inburgeraar, gegevenscategorie,
   * signaal_gegeven, incident in snapshot-v1.sql), by key: the key value, or for
   * signaal_gegeven `signaal_id/categorie`. Their TEMP tables `temp.skip_<table>` hold
   * the key columns instead of `rid`.
   * Easiest for SQL: the TEMP views `temp.usable_<table>` hold exactly the rows that are
   * not skipped, for every table, whatever its storage.
   */
  skippedKeys?: Partial<Record<SnapshotTable, ReadonlySet<string>>>;
  /**
   * Check these tables (and the tables they reference) now. A snapshot opened with
   * `checks: 'when-needed'` checks a table only when something first reads its skipped rows
   * or findings; then `findings`, `rowCounts`, `skipped` and `skippedKeys` check what they
   * need on first access. A no-op once everything is checked.
   */
  ensureChecked(tables: readonly SnapshotTable[]): void;
  /**
   * ensureChecked, with each rider reading its table's rows in the checks' own pass where
   * one is still to come, else in a pass of its own (SnapshotChecks.checkReading). open.ts
   * always gives it; a snapshot built otherwise (a test's) may leave it out, and the facts
   * then read their tables on their own.
   */
  checkReading?(tables: readonly SnapshotTable[], riders: ReadonlyMap<SnapshotTable, ScanRider>): void;
  /** The findings of these tables (checked first if needed), in the order of `findings`. */
  findingsOf(tables: readonly SnapshotTable[]): Finding[];
  /** Whether every table present has been checked. */
  readonly checksComplete: boolean;
  /**
   * Resolves once the data-leak tables' scan on a host's other thread (OpenOptions
   * `scanAsideAtOnce`) has been taken or declined; at once when none was started. Checking
   * those tables before then is correct but scans them a second time on this thread.
   */
  readonly asideChecked?: Promise<void>;
  /** Free the in-memory database (wipes the plaintext pages it holds). */
  close(): void;
}
