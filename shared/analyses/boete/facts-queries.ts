// The enforcement facts' shapes and the SQL of the overruns, below both ways of reading them:
// facts.ts runs the SQL through sql.js (the reference), facts-scan.ts reads its query plan and
// reproduces its rows with the b-tree scanner.
import type { Database } from 'sql.js';
import { sqlDay, usableCondition, usablePersonCondition } from '../common/sql';

/** A decision or kind that is none of the known ones. */
export const NO_CODE = 255;

export interface OverrunFacts {
  count: number;
  termijnEinde: Float64Array;
  /** Month of termijn_einde as year * 12 + month - 1 (NaN when unknown). */
  month: Float64Array;
  aankondiging: Float64Array;
  afspraak: Float64Array;
  besluitOp: Float64Array;
  /** Index into BESLUITEN, or 255 without a decision. */
  besluit: Uint8Array;
}

export interface OrderFacts {
  count: number;
  /** Index into SOORTEN, or 255. */
  soort: Uint8Array;
  gereed: Float64Array;
  cjib: Float64Array;
}

function monthIndex(expression: string): string {
  return `CASE WHEN ${expression} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
               THEN CAST(substr(${expression}, 1, 4) AS INTEGER) * 12 + CAST(substr(${expression}, 6, 2) AS INTEGER) - 1 END`;
}

/** The usable overruns of usable persons, with their dates as day numbers and their decision. */
export function overrunFactsSql(db: Database): string {
  return `SELECT ${sqlDay('t.termijn_einde')}, ${monthIndex('t.termijn_einde')}, ${sqlDay('t.aankondiging_op')},
            ${sqlDay('t.afspraak_op')}, ${sqlDay('t.besluit_op')}, t.besluit
       FROM termijnoverschrijding t JOIN inburgeraar i ON i.id = t.inburgeraar_id
      WHERE ${usableCondition(db, 'termijnoverschrijding', 't')} AND ${usablePersonCondition(db, 'i')}`;
}
