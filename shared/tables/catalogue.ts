// The catalogue of appendix tables (tables-v1.md) and the one entry point to build them:
// buildTable(session, id, request). Each analysis family contributes its definitions; this
// is the only module that imports the families (they import their types from definition.ts).
import { UnknownTableError, OptionalTableAbsentError } from '../errors';
import type { TableModel } from './model';
import type { AnalysisSession } from './session';
import type { TableDefinition, TableRequest } from './definition';
import { refuseCorruptImage } from '../snapshot/sql';
import { elipTables } from '../analyses/elip/tables';
import { boeteTables } from '../analyses/boete/tables';
import { datalekTables } from '../analyses/datalek/tables';
import { kennisgevingTables } from '../analyses/kennisgeving/tables';

export type { Doelgroep, TableDefinition, TableRequest } from './definition';

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
