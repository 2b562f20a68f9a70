// What a table is and what a caller may ask of it: the types every analysis family builds
// against. Kept apart from the catalogue so the families depend on this small module and
// only the catalogue depends on the families (no cycle).
import type { TableModel } from './model';
import type { AnalysisSession } from './session';
import type { OptionalTable } from '../snapshot/types';
import type { Doelgroep } from '../snapshot/vocabulary';

export type { Doelgroep };

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
  /** datalek-ernst: the assessor's circumstances of the breach (ENISA CB), see analyses/datalek/enisa.ts. */
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
