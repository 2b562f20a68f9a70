// Per-column rules of snapshot-v1.sql in a form `seal` can check value by value, so a
// refusal names the file, line and column with a plain reason. They are derived from the
// one table of column rules (shared/snapshot/columns.ts) that the loader's findings use too,
// so whatever seal accepts the reader accepts. The SQLite CHECKs in the schema stay as a
// backstop for the rules that span columns.
import { COLUMNS, GEMEENTE_CODE, type ColumnRule as SnapshotColumnRule } from '../snapshot/columns';
import type { SnapshotTable } from '../snapshot/types';

export type ValueKind = 'text' | 'integer' | 'date' | 'instant';

export interface ColumnRule {
  kind: ValueKind;
  notNull: boolean;
  /** Allowed values (CHECK … IN (…)), as written in a CSV field. */
  allowed?: readonly string[];
  /** A pattern the value must match (CHECK … GLOB …), with its plain description. */
  pattern?: { regex: RegExp; describe: string };
}

function sealRule(rule: SnapshotColumnRule): ColumnRule {
  return {
    kind: rule.type === 'cents' ? 'integer' : rule.type,
    notNull: rule.required,
    ...(rule.oneOf === undefined ? {} : { allowed: rule.oneOf.map(String) }),
    ...(rule.gemeenteCode === true ? { pattern: { regex: GEMEENTE_CODE.regex, describe: GEMEENTE_CODE.describe } } : {}),
  };
}

export const COLUMN_RULES = Object.fromEntries(
  Object.entries(COLUMNS).map(([table, columns]) => [
    table,
    Object.fromEntries(Object.entries(columns).map(([column, rule]) => [column, sealRule(rule)])),
  ]),
) as Record<SnapshotTable, Record<string, ColumnRule>>; // Object.fromEntries loses the keys; COLUMNS has every table

/** Rules that span columns, checked per row with a plain reason. */
export interface RowRule {
  table: SnapshotTable;
  columns: readonly string[];
  holds(row: Readonly<Record<string, string | null>>): boolean;
  describeNl: string;
  describeEn: string;
}

export const ROW_RULES: readonly RowRule[] = [
  {
    table: 'inburgeraar',
    columns: ['status', 'status_datum'],
    holds: (row) => (row.status === 'lopend') === (row.status_datum === null),
    describeNl: "status_datum moet leeg zijn bij status 'lopend' en ingevuld bij elke andere status",
    describeEn: "status_datum must be empty for status 'lopend' and filled for every other status",
  },
  {
    table: 'termijnoverschrijding',
    columns: ['besluit', 'besluit_op'],
    holds: (row) => (row.besluit === null) === (row.besluit_op === null),
    describeNl: 'besluit en besluit_op zijn samen leeg of samen ingevuld',
    describeEn: 'besluit and besluit_op are both empty or both filled',
  },
];
