// Enforcement facts precomputed once per session: deadline overruns (termijnoverschrijding)
// and enforcement orders (dwangbevel) of usable persons as day numbers, so the backlog at
// any reference date is one pass over typed arrays.
import type { Database } from 'sql.js';
import type { AnalysisSession } from '../../tables/session';
import { BESLUITEN, SOORTEN } from '../../snapshot/vocabulary';
import { forEachRow } from '../../snapshot/sql';
import { indexIn, numberOrNaN, sqlDay, tableExists, usableCondition, usablePersonCondition } from '../common/sql';
import { NO_CODE, overrunFactsSql, type OrderFacts, type OverrunFacts } from './facts-queries';
import { scanOverrunFacts } from './facts-scan';

export type { OrderFacts, OverrunFacts } from './facts-queries';

export function computeOverrunFacts(db: Database): OverrunFacts {
  const rows: number[][] = [];
  forEachRow(
    db,
    overrunFactsSql(db),
    (row) => rows.push([
      numberOrNaN(row[0]), numberOrNaN(row[1]), numberOrNaN(row[2]), numberOrNaN(row[3]), numberOrNaN(row[4]),
      indexIn(BESLUITEN, row[5]),
    ]),
  );
  const facts: OverrunFacts = {
    count: rows.length,
    termijnEinde: new Float64Array(rows.length),
    month: new Float64Array(rows.length),
    aankondiging: new Float64Array(rows.length),
    afspraak: new Float64Array(rows.length),
    besluitOp: new Float64Array(rows.length),
    besluit: new Uint8Array(rows.length),
  };
  rows.forEach((row, k) => {
    facts.termijnEinde[k] = row[0]!;
    facts.month[k] = row[1]!;
    facts.aankondiging[k] = row[2]!;
    facts.afspraak[k] = row[3]!;
    facts.besluitOp[k] = row[4]!;
    facts.besluit[k] = row[5]! < 0 ? NO_CODE : row[5]!;
  });
  return facts;
}

export function computeOrderFacts(db: Database): OrderFacts {
  const rows: number[][] = [];
  if (tableExists(db, 'dwangbevel')) {
    forEachRow(
      db,
      `SELECT d.soort, ${sqlDay('d.gereed_op')}, ${sqlDay('d.cjib_op')}
         FROM dwangbevel d JOIN inburgeraar i ON i.id = d.inburgeraar_id
        WHERE ${usableCondition(db, 'dwangbevel', 'd')} AND ${usablePersonCondition(db, 'i')}`,
      (row) => rows.push([indexIn(SOORTEN, row[0]), numberOrNaN(row[1]), numberOrNaN(row[2])]),
    );
  }
  const facts: OrderFacts = {
    count: rows.length,
    soort: new Uint8Array(rows.length),
    gereed: new Float64Array(rows.length),
    cjib: new Float64Array(rows.length),
  };
  rows.forEach((row, k) => {
    facts.soort[k] = row[0]! < 0 ? NO_CODE : row[0]!;
    facts.gereed[k] = row[1]!;
    facts.cjib[k] = row[2]!;
  });
  return facts;
}

export function overrunFacts(session: AnalysisSession): OverrunFacts {
  return session.cached('boete/overrun-facts', () => scanOverrunFacts(session.snapshot) ?? computeOverrunFacts(session.snapshot.db));
}

export function orderFacts(session: AnalysisSession): OrderFacts {
  return session.cached('boete/order-facts', () => computeOrderFacts(session.snapshot.db));
}
