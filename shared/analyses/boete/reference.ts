// Reference enforcement analyses: the definitions of snapshot-v1.md as plain SQL over the
// rows (text date comparisons, GROUP BY), with no precomputation.
import type { Database } from 'sql.js';
import { selectRows } from '../../snapshot/sql';
import { sqlText, usableCondition, usablePersonCondition } from '../common/sql';

function overruns(db: Database): string {
  return `(SELECT t.* FROM termijnoverschrijding t JOIN inburgeraar i ON i.id = t.inburgeraar_id
            WHERE ${usableCondition(db, 'termijnoverschrijding', 't')} AND ${usablePersonCondition(db, 'i')})`;
}

export function referenceBacklogByMonth(db: Database, peildatum: string): Record<string, string | number>[] {
  const p = sqlText(peildatum);
  const rows = selectRows(
    db,
    `SELECT substr(termijn_einde, 1, 7) AS maand,
            sum(termijn_einde <= ${p}),
            sum(coalesce(aankondiging_op <= ${p}, 0)),
            sum(coalesce(besluit_op <= ${p} AND besluit = 'boete', 0)),
            sum(coalesce(besluit_op <= ${p} AND besluit = 'verlenging', 0)),
            sum(coalesce(besluit_op <= ${p} AND besluit = 'geen_boete', 0)),
            sum(coalesce(aankondiging_op <= ${p}, 0) AND NOT coalesce(besluit_op <= ${p}, 0))
       FROM ${overruns(db)}
      WHERE termijn_einde <= ${p}
      GROUP BY maand ORDER BY maand`,
  );
  return rows
    .map((row) => ({
      maand: String(row[0]),
      overschrijdingen: Number(row[1]),
      aangekondigd: Number(row[2]),
      besloten_boete: Number(row[3]),
      besloten_verlenging: Number(row[4]),
      besloten_geen_boete: Number(row[5]),
      achterstand: Number(row[6]),
    }))
    .filter((row) => Object.values(row).some((value) => typeof value === 'number' && value > 0));
}

export function referenceBacklogByAge(db: Database, peildatum: string): Record<string, number> {
  const p = sqlText(peildatum);
  const rows = selectRows(
    db,
    `SELECT julianday(${p}) - julianday(aankondiging_op) AS age FROM ${overruns(db)}
      WHERE termijn_einde <= ${p} AND aankondiging_op <= ${p} AND NOT coalesce(besluit_op <= ${p}, 0)`,
  );
  const counts: Record<string, number> = { '0-3m': 0, '3-6m': 0, '6-12m': 0, '12m+': 0 };
  for (const [age] of rows) {
    const days = Number(age);
    const band = days < 91 ? '0-3m' : days >= 91 && days <= 181 ? '3-6m' : days >= 182 && days <= 364 ? '6-12m' : '12m+';
    counts[band]!++;
  }
  return counts;
}

export function referencePendingOrders(
  db: Database,
  peildatum: string,
  period: { vanaf: string | null; tot_en_met: string | null } = { vanaf: null, tot_en_met: null },
): { jaar: string; soort: string; openstaand: number }[] {
  const p = sqlText(peildatum);
  const from = period.vanaf === null ? '' : ` AND d.gereed_op >= ${sqlText(period.vanaf)}`;
  const to = period.tot_en_met === null ? '' : ` AND d.gereed_op <= ${sqlText(period.tot_en_met)}`;
  return selectRows(
    db,
    `SELECT substr(d.gereed_op, 1, 4) AS jaar, d.soort, count(*)
       FROM dwangbevel d JOIN inburgeraar i ON i.id = d.inburgeraar_id
      WHERE ${usableCondition(db, 'dwangbevel', 'd')} AND ${usablePersonCondition(db, 'i')}
        AND d.soort IN ('boete', 'lening')
        AND d.gereed_op <= ${p} AND (d.cjib_op IS NULL OR d.cjib_op > ${p})${from}${to}
      GROUP BY jaar, d.soort ORDER BY jaar, d.soort`,
  ).map((row) => ({ jaar: String(row[0]), soort: String(row[1]), openstaand: Number(row[2]) }));
}
