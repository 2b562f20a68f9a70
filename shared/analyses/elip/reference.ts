// Reference ELIP: the definitions of snapshot-v1.md written as plain SQL, one query per
// reference date, with no precomputation. Slow and obviously correct; the fast analyses
// are tested against it.
import type { Database } from 'sql.js';
import type { Doelgroep } from '../../tables/definition';
import { selectRows } from '../../snapshot/sql';
import { sqlText, usableCondition } from '../common/sql';

export interface ReferenceElipPerson {
  id: string;
  cohort: number;
  gemeenteCode: string | null;
  group: 'A' | 'B';
}

/** The same day a year later, 29 February → 28 February (written out, not via calendar.ts). */
function oneYearLater(date: string): string {
  const year = Number(date.slice(0, 4)) + 1;
  const rest = date.slice(4) === '-02-29' ? '-02-28' : date.slice(4);
  return `${String(year).padStart(4, '0')}${rest}`;
}

/** Persons in ELIP-A or ELIP-B at P (B with the 12-month rule). */
export function referenceElipPersons(
  db: Database,
  options: { peildatum: string; doelgroep: Doelgroep; drempel_cent: number; drempel_b_cent: number },
): ReferenceElipPerson[] {
  const p = sqlText(options.peildatum);
  const limit = sqlText(oneYearLater(options.peildatum));
  const sql = `
    WITH obliged AS (
      SELECT i.id, CAST(substr(i.plicht_start, 1, 4) AS INTEGER) AS cohort, i.gemeente_code, i.termijn_einde,
             (SELECT coalesce(sum(b.bedrag_cent), 0) FROM lening_betaling b
               WHERE b.inburgeraar_id = i.id AND b.datum <= ${p} AND ${usableCondition(db, 'lening_betaling', 'b')}) AS loan
        FROM inburgeraar i
       WHERE ${usableCondition(db, 'inburgeraar', 'i')}
         AND (i.gemeente_code IS NULL OR i.gemeente_code IN
               (SELECT g.code FROM gemeente g WHERE ${usableCondition(db, 'gemeente', 'g')} AND g.code GLOB 'GM[0-9][0-9][0-9][0-9]'))
         AND i.stelsel = 'Wi2013' AND i.doelgroep = ${sqlText(options.doelgroep)}
         AND i.plicht_start <= ${p} AND (i.status = 'lopend' OR i.status_datum > ${p})
    )
    SELECT id, cohort, gemeente_code,
           CASE WHEN loan >= ${options.drempel_cent} THEN 'A'
                WHEN loan > ${options.drempel_b_cent} AND termijn_einde < ${limit} THEN 'B' END AS grp
      FROM obliged WHERE grp IS NOT NULL ORDER BY id`;
  return selectRows(db, sql).map((row) => ({
    id: String(row[0]),
    cohort: Number(row[1]),
    gemeenteCode: row[2] === null ? null : String(row[2]),
    group: row[3] === 'A' ? 'A' : 'B',
  }));
}

/** The earliest cohort of Wi2013 persons of a target group with plicht_start <= a date. */
export function referenceFirstCohort(db: Database, doelgroep: Doelgroep, latest: string): number | null {
  const rows = selectRows(
    db,
    `SELECT min(CAST(substr(plicht_start, 1, 4) AS INTEGER)) FROM inburgeraar i
      WHERE ${usableCondition(db, 'inburgeraar', 'i')}
        AND (i.gemeente_code IS NULL OR i.gemeente_code IN
              (SELECT g.code FROM gemeente g WHERE ${usableCondition(db, 'gemeente', 'g')} AND g.code GLOB 'GM[0-9][0-9][0-9][0-9]'))
        AND stelsel = 'Wi2013' AND doelgroep = ? AND plicht_start <= ?`,
    [doelgroep, latest],
  );
  const value = rows[0]?.[0];
  return typeof value === 'number' ? value : null;
}

/** Rows of elip-gemeenten by the reference: by code, then the NULL municipality. */
export function referenceElipGemeentenRows(
  db: Database,
  options: { peildatum: string; doelgroep: Doelgroep; drempel_cent: number; drempel_b_cent: number },
): { gemeente_code: string | null; gemeente: string; elip_a: number; elip_b: number; totaal: number }[] {
  const persons = referenceElipPersons(db, options);
  const names = new Map(selectRows(db, 'SELECT code, naam FROM gemeente').map((row) => [String(row[0]), String(row[1])]));
  const byCode = new Map<string | null, { a: number; b: number }>();
  for (const person of persons) {
    const entry = byCode.get(person.gemeenteCode) ?? { a: 0, b: 0 };
    if (person.group === 'A') entry.a++;
    else entry.b++;
    byCode.set(person.gemeenteCode, entry);
  }
  const codes = [...byCode.keys()].filter((code): code is string => code !== null).sort();
  const ordered: (string | null)[] = [...codes, ...(byCode.has(null) ? [null] : [])];
  return ordered.map((code) => {
    const entry = byCode.get(code)!;
    return {
      gemeente_code: code,
      gemeente: code === null ? 'Onbekend' : (names.get(code) ?? ''),
      elip_a: entry.a,
      elip_b: entry.b,
      totaal: entry.a + entry.b,
    };
  });
}
