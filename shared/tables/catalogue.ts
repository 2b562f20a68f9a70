// The catalogue of appendix tables (tables-v1.md) and the one entry point to build them:
// buildTable(session, id, request). Each analysis module contributes its definitions.
import { UnknownTableError, OptionalTableAbsentError } from '../errors';
import type { TableModel } from './model';
import type { AnalysisSession } from './session';
import type { OptionalTable } from '../snapshot/types';
import { refuseCorruptImage } from '../snapshot/sql';
import { elipTables } from '../analyses/elip-tables';
import { boeteTables } from '../analyses/boete-tables';
import { datalekTables } from '../analyses/datalek-tables';
import { kennisgevingTables } from '../analyses/kennisgeving-tables';

export type Doelgroep = 'asiel' | 'gezin' | 'overig';

/** What a caller may ask of a table; each definition reads what it needs and states it in `parameters`. */
export interface TableRequest {
  /** Reference dates; one for most tables, one or more for elip-cohorten. Default: meta.peildatum. */
  peildata?: string[];
  doelgroep?: Doelgroep;
  /** ELIP-A threshold in cents (default 950000). */
  drempel_cent?: number;
  /** ELIP-B threshold in cents (default 750000). */
  drempel_b_cent?: number;
  /** ELIP-B months of deadline left (default 12). */
  maanden_b?: number;
  /** Merge cohorts from this year on into one column (elip-cohorten). */
  cohort_merge_from?: number;
  /**
   * Period filters (inclusive dates): incasso-achterstand on gereed_op, kennisgeving-vertraging
   * on vergunning_op (and verzonden_op for wrong notices). Default: no limit.
   */
  vanaf?: string;
  tot_en_met?: string;
  /** datalek-ernst: the incident id and assessor's overrides of the ENISA factors. */
  incident?: string;
  enisa?: Partial<{ dpc: number; ei: number; cb: number }>;
  /** datalek-ernst: the assessor's circumstances of the breach (ENISA CB), see ernst-enisa.ts. */
  enisaCircumstances?: {
    confidentiality?: 'exposed' | 'known-recipients' | 'unknown-recipients';
    integrity?: 'none' | 'recoverable' | 'irrecoverable';
    availability?: 'none' | 'temporary' | 'permanent';
    maliciousIntent?: boolean;
  };
}

export interface TableDefinition {
  id: string;
  /** One line for `ketenlens tables` and the app. */
  descriptionNl: string;
  descriptionEn: string;
  /** Optional snapshot tables it needs; absent ones give OptionalTableAbsentError. */
  requires: readonly OptionalTable[];
  build(session: AnalysisSession, request: TableRequest): TableModel;
}

export const TABLES: readonly TableDefinition[] = [...elipTables, ...boeteTables, ...datalekTables, ...kennisgevingTables];
export const TABLE_IDS: readonly string[] = TABLES.map((t) => t.id);

export function findTable(id: string): TableDefinition {
  const found = TABLES.find((t) => t.id === id);
  if (found === undefined) throw new UnknownTableError(id, TABLE_IDS);
  return found;
}

export function buildTable(session: AnalysisSession, id: string, request: TableRequest = {}): TableModel {
  const definition = findTable(id);
  const absent = definition.requires.filter((t) => !session.snapshot.optionalTables[t]);
  if (absent.length > 0) {
    throw new OptionalTableAbsentError(absent, `De tabel ${id}`, `The table ${id}`);
  }
  // A damaged page can surface only when an analysis first reads it: refuse it as such.
  return refuseCorruptImage(() => definition.build(session, request));
}
