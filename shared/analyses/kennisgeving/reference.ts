// Reference late-notice analysis: the definitions of snapshot-v1.md as plain SQL, counting
// distinct persons per target group.
import type { Database } from 'sql.js';
import { DOELGROEPEN } from '../../snapshot/vocabulary';
import { selectRows } from '../../snapshot/sql';
import { sqlText, usableCondition, usablePersonCondition } from '../common/sql';

export function referenceLateNotices(
  db: Database,
  peildatum: string,
  period: { vanaf: string | null; tot_en_met: string | null } = { vanaf: null, tot_en_met: null },
): { doelgroep: string; geleverd_te_laat: number; nooit_geleverd: number; onterechte_kennisgeving: number }[] {
  const p = sqlText(peildatum);
  const inPeriod = (column: string) =>
    `${period.vanaf === null ? '1' : `${column} >= ${sqlText(period.vanaf)}`} AND ${period.tot_en_met === null ? '1' : `${column} <= ${sqlText(period.tot_en_met)}`}`;
  const persons = `(SELECT i.* FROM inburgeraar i WHERE ${usablePersonCondition(db, 'i')})`;
  const permits = `(SELECT l.*, p.doelgroep FROM ind_levering l JOIN ${persons} p ON p.id = l.inburgeraar_id
                     WHERE ${usableCondition(db, 'ind_levering', 'l')} AND l.vergunning_op <= ${p} AND ${inPeriod('l.vergunning_op')})`;
  const count = (sql: string) =>
    new Map(selectRows(db, sql).map((row) => [String(row[0]), Number(row[1])]));
  const late = count(
    `SELECT doelgroep, count(DISTINCT inburgeraar_id) FROM ${permits}
      WHERE geleverd_op <= ${p} AND julianday(geleverd_op) - julianday(vergunning_op) > 30 GROUP BY doelgroep`,
  );
  const never = count(
    `SELECT doelgroep, count(DISTINCT inburgeraar_id) FROM ${permits}
      WHERE (geleverd_op IS NULL OR geleverd_op > ${p}) AND julianday(${p}) - julianday(vergunning_op) > 30 GROUP BY doelgroep`,
  );
  const wrong = count(
    `SELECT p.doelgroep, count(DISTINCT k.inburgeraar_id)
       FROM kennisgeving k JOIN ${persons} p ON p.id = k.inburgeraar_id
      WHERE ${usableCondition(db, 'kennisgeving', 'k')} AND k.verzonden_op <= ${p} AND ${inPeriod('k.verzonden_op')}
        AND k.stelsel <> p.stelsel
      GROUP BY p.doelgroep`,
  );
  return DOELGROEPEN.map((doelgroep) => ({
    doelgroep,
    geleverd_te_laat: late.get(doelgroep) ?? 0,
    nooit_geleverd: never.get(doelgroep) ?? 0,
    onterechte_kennisgeving: wrong.get(doelgroep) ?? 0,
  }));
}
