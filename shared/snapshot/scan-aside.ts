// Checks on a second core: the b-tree scan of a group of tables run beside the main
// thread's checks, for the opens that check every table (`info`, `validate`, `query`).
// Owns which tables go aside, the request a host's thread receives (plain data: the image,
// the rules and the layouts the loader read) and the pure function that thread runs. The
// thread only answers "clean, with this many rows" per table; SnapshotChecks takes such an
// answer where its own scanner would have been asked, under the same conditions (the
// parents found clean, the key enforced), and asks SQL for everything else, so findings,
// counts and skip sets are those of a check on one thread (findings-scan.test.ts).
import { FindingsScanner, type ScanRules } from './findings-scan';
import type { TableLayout } from './table-layout';
import type { SnapshotTable } from './types';

/**
 * The data-leak tables: a third to a half of the checks' work at national scale, and no
 * other table references them, so the main thread never needs their keys. Their parents
 * outside the group (inburgeraar, gemeente, gegevenscategorie) are read aside for their
 * keys only.
 */
export const SCAN_ASIDE_TABLES: readonly SnapshotTable[] = ['portaal_signaal', 'signaal_gegeven', 'portaal_inzage'];

/** Below this image size a host's thread declines (starting one costs more than its scan saves). */
export const MIN_SCAN_ASIDE_BYTES = 32 * 1024 * 1024;

export interface ScanAsideJob {
  rules: ScanRules;
  layout: TableLayout | null;
}

export interface ScanAsideRequest {
  /** The decrypted image; a host shares it with its thread (a SharedArrayBuffer view). */
  image: Uint8Array;
  /** (table, column) pairs whose keys are referenced, as the main thread's scanner has them. */
  referenced: ReadonlyMap<SnapshotTable, string>;
  /** Parents outside the group: their keys are read, their rows are not checked. */
  parents: ReadonlyArray<{ table: SnapshotTable; layout: TableLayout | null }>;
  /** The group's tables, parents first. */
  jobs: readonly ScanAsideJob[];
}

/** Each job's table with its row count when certainly clean, or null when SQL must decide. */
export type ScanAsideAnswer = ReadonlyArray<readonly [SnapshotTable, number | null]>;

/**
 * A host's way to run `runScanAside` on another thread; it may decline (resolve null), for
 * example when the image cannot be shared. Aborted when the open no longer needs it.
 */
export type ScanAside = (request: ScanAsideRequest, signal: AbortSignal) => Promise<ScanAsideAnswer | null>;

/** What the other thread runs: the parents' keys, then each job in order. */
export function runScanAside(request: ScanAsideRequest): ScanAsideAnswer {
  const layouts = new Map<SnapshotTable, TableLayout | null>();
  for (const parent of request.parents) layouts.set(parent.table, parent.layout);
  for (const job of request.jobs) layouts.set(job.rules.table, job.layout);
  const scanner = FindingsScanner.overLayouts((table) => layouts.get(table) ?? null, request.image, request.referenced);
  if (scanner === null) return request.jobs.map((job) => [job.rules.table, null] as const);
  for (const parent of request.parents) scanner.collectKeys(parent.table);
  return request.jobs.map((job) => [job.rules.table, scanner.cleanRowCount(job.rules)] as const);
}
