// The facts of the notice analysis, read once per session: usable IND permit records (with
// their day numbers) and notices with whether they named another stelsel than the person's.
import type { Database } from 'sql.js';
import type { AnalysisSession } from '../../tables/session';
import { DOELGROEPEN, type Doelgroep } from '../../snapshot/vocabulary';
import { forEachRow } from '../../snapshot/sql';
import { indexIn, numberOrNaN, sqlDay, usableCondition, usablePersonCondition } from '../common/sql';

export interface PermitRecord {
  person: string;
  doelgroep: Doelgroep;
  vergunningOp: string;
  vergunning: number;
  geleverd: number;
}

export interface NoticeRecord {
  person: string;
  doelgroep: Doelgroep;
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
  return session.cached('kennisgeving/notice-facts', () => computeNoticeFacts(session.snapshot.db));
}
