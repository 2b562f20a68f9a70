// Late and wrong notices (snapshot-v1.md, "Late notices"): IND permit records delivered
// late or never, and notices that named the wrong regime, counting persons per target group.
import type { Database } from 'sql.js';
import type { AnalysisSession } from '../tables/session';
import { dayNumber } from './calendar';
import { inPeriod, type Period } from './parameters';
import { DOELGROEPEN, type DoelgroepCode } from './person-facts';
import { forEachRow, indexIn, numberOrNaN, sqlDay, usableCondition, usablePersonCondition } from './sql';

/** Days after the permit within which delivery counts as on time. */
export const DELIVERY_DAYS = 30;

interface PermitRecord {
  person: string;
  doelgroep: DoelgroepCode;
  vergunningOp: string;
  vergunning: number;
  geleverd: number;
}

interface NoticeRecord {
  person: string;
  doelgroep: DoelgroepCode;
  verzondenOp: string;
  verzonden: number;
  wrongStelsel: boolean;
}

export interface NoticeFacts {
  permits: PermitRecord[];
  notices: NoticeRecord[];
}

export function computeNoticeFacts(db: Database): NoticeFacts {
  const permits: PermitRecord[] = [];
  const notices: NoticeRecord[] = [];
  const person = usablePersonCondition(db, 'i');
  forEachRow(
    db,
    `SELECT l.inburgeraar_id, i.doelgroep, l.vergunning_op, ${sqlDay('l.vergunning_op')}, ${sqlDay('l.geleverd_op')}
       FROM ind_levering l JOIN inburgeraar i ON i.id = l.inburgeraar_id
      WHERE ${usableCondition(db, 'ind_levering', 'l')} AND ${person}`,
    (row) => {
      const doelgroep = DOELGROEPEN[indexIn(DOELGROEPEN, row[1])];
      if (doelgroep === undefined) return;
      permits.push({
        person: String(row[0]), doelgroep, vergunningOp: String(row[2]),
        vergunning: numberOrNaN(row[3]), geleverd: numberOrNaN(row[4]),
      });
    },
  );
  forEachRow(
    db,
    `SELECT k.inburgeraar_id, i.doelgroep, k.verzonden_op, ${sqlDay('k.verzonden_op')}, k.stelsel IS NOT i.stelsel
       FROM kennisgeving k JOIN inburgeraar i ON i.id = k.inburgeraar_id
      WHERE ${usableCondition(db, 'kennisgeving', 'k')} AND ${person}`,
    (row) => {
      const doelgroep = DOELGROEPEN[indexIn(DOELGROEPEN, row[1])];
      if (doelgroep === undefined) return;
      notices.push({
        person: String(row[0]), doelgroep, verzondenOp: String(row[2]),
        verzonden: numberOrNaN(row[3]), wrongStelsel: row[4] === 1,
      });
    },
  );
  return { permits, notices };
}

export function noticeFacts(session: AnalysisSession): NoticeFacts {
  return session.cached('analyses/notice-facts', () => computeNoticeFacts(session.snapshot.db));
}

export interface LateNotices {
  doelgroep: DoelgroepCode;
  geleverd_te_laat: number;
  nooit_geleverd: number;
  onterechte_kennisgeving: number;
  /** Persons delivered late or never (each once), as nr. 391 §2.8 counts them. */
  te_laat_of_nooit: number;
}

/**
 * Per target group at P: persons with a permit (vergunning_op <= P, in the period) delivered
 * more than 30 days after it, or not delivered by P although P is more than 30 days after it;
 * and persons sent a notice by P (in the period) naming another stelsel than their own.
 */
export function lateNotices(facts: NoticeFacts, peildatum: string, period: Period): LateNotices[] {
  const day = dayNumber(peildatum);
  const late = new Map<DoelgroepCode, Set<string>>();
  const never = new Map<DoelgroepCode, Set<string>>();
  const wrong = new Map<DoelgroepCode, Set<string>>();
  const add = (map: Map<DoelgroepCode, Set<string>>, doelgroep: DoelgroepCode, person: string) => {
    const set = map.get(doelgroep) ?? new Set<string>();
    set.add(person);
    map.set(doelgroep, set);
  };
  for (const permit of facts.permits) {
    if (!(permit.vergunning <= day) || !inPeriod(permit.vergunningOp, period)) continue;
    if (permit.geleverd <= day) {
      if (permit.geleverd - permit.vergunning > DELIVERY_DAYS) add(late, permit.doelgroep, permit.person);
    } else if (day - permit.vergunning > DELIVERY_DAYS) {
      add(never, permit.doelgroep, permit.person);
    }
  }
  for (const notice of facts.notices) {
    if (notice.wrongStelsel && notice.verzonden <= day && inPeriod(notice.verzondenOp, period)) add(wrong, notice.doelgroep, notice.person);
  }
  return DOELGROEPEN.map((doelgroep) => {
    const lateSet = late.get(doelgroep) ?? new Set<string>();
    const neverSet = never.get(doelgroep) ?? new Set<string>();
    return {
      doelgroep,
      geleverd_te_laat: lateSet.size,
      nooit_geleverd: neverSet.size,
      onterechte_kennisgeving: wrong.get(doelgroep)?.size ?? 0,
      te_laat_of_nooit: new Set([...lateSet, ...neverSet]).size,
    };
  });
}
