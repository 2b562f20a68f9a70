// Re-computes every published figure on the generated model, straight from the definitions
// of snapshot-v1.md, so a change to the generator that breaks one fails at once and loudly
// (a bug, not bad input: a plain Error).
import { dayNumber } from '../dates';
import { elipGroupAt } from './elip';
import { ELIP_DATES, obligedAt, type DemoModel } from './model';
import {
  APPOINTMENTS_SEPTEMBER_DECEMBER_2022, ELIP_BOTH, FINES_DECIDED_2019, FINE_BACKLOG, LATE_IND, ORDERS_PENDING_2018,
  TABEL_1, TABEL_1_COHORTS, WI2007_OBLIGED_2022_10_01,
} from './targets';

export interface DemoFigures {
  tabelOne: number[][];
  elipBoth: [number, number];
  fineBacklog: number;
  appointments: number;
  fines2019: number;
  ordersPending2018: number;
  lateInd: { asiel: number; gezinOverig: number };
  wi2007Obliged: number;
}

export function computeFigures(model: DemoModel): DemoFigures {
  const tabelOne = ELIP_DATES.map(() => TABEL_1_COHORTS.map(() => 0));
  const elipBoth: [number, number] = [0, 0];
  for (const person of model.persons) {
    if (person.doelgroep !== 'asiel' || person.stelsel !== 'Wi2013') continue;
    const cohort = Math.min(new Date(person.plichtStart * 86_400_000).getUTCFullYear(), 2022);
    ELIP_DATES.forEach((day, index) => {
      const group = elipGroupAt(person, day);
      const row = tabelOne[index] as number[];
      if (group === 'A') row[TABEL_1_COHORTS.indexOf(cohort as (typeof TABEL_1_COHORTS)[number])]! += 1;
      if (group !== null && index !== 1) elipBoth[index === 0 ? 0 : 1] += 1;
    });
  }
  const peil = dayNumber('2023-09-15');
  const rangeStart = dayNumber('2022-05-01');
  const rangeEnd = dayNumber('2023-05-31');
  let fineBacklog = 0;
  let appointments = 0;
  let fines2019 = 0;
  for (const overrun of model.overruns) {
    const inRange = overrun.termijnEinde >= rangeStart && overrun.termijnEinde <= rangeEnd;
    const announced = overrun.aankondiging !== null && overrun.aankondiging <= peil;
    const decided = overrun.besluitOp !== null && overrun.besluitOp <= peil;
    if (inRange && announced && !decided) fineBacklog++;
    if (overrun.afspraak !== null && overrun.afspraak >= dayNumber('2022-09-01') && overrun.afspraak <= dayNumber('2022-12-31')) appointments++;
    if (overrun.besluit === 'boete' && overrun.besluitOp !== null && overrun.besluitOp >= dayNumber('2019-01-01') && overrun.besluitOp <= dayNumber('2019-12-31')) {
      fines2019++;
    }
  }
  const orderDay = dayNumber('2018-10-31');
  const ordersPending2018 = model.orders.filter(
    (order) => order.gereed >= dayNumber('2017-11-01') && order.gereed <= orderDay && (order.cjib === null || order.cjib > orderDay),
  ).length;
  const late = new Set<(typeof model.persons)[number]>();
  for (const delivery of model.deliveries) {
    if (delivery.vergunning < dayNumber('2022-01-01') || delivery.vergunning > dayNumber('2023-05-31')) continue;
    const deliveredLate = delivery.geleverd !== null && delivery.geleverd <= peil && delivery.geleverd - delivery.vergunning > 30;
    const never = (delivery.geleverd === null || delivery.geleverd > peil) && peil - delivery.vergunning > 30;
    if (deliveredLate || never) late.add(delivery.person);
  }
  const lateInd = { asiel: 0, gezinOverig: 0 };
  for (const person of late) {
    if (person.doelgroep === 'asiel') lateInd.asiel++;
    else lateInd.gezinOverig++;
  }
  const wi2007Obliged = model.persons.filter((person) => person.stelsel === 'Wi2007' && obligedAt(person, dayNumber('2022-10-01'))).length;
  return { tabelOne, elipBoth, fineBacklog, appointments, fines2019, ordersPending2018, lateInd, wi2007Obliged };
}

export const EXPECTED_FIGURES: DemoFigures = {
  tabelOne: [[...TABEL_1['2022-05-01']], [...TABEL_1['2022-10-15']], [...TABEL_1['2023-07-01']]],
  elipBoth: [ELIP_BOTH['2022-05-01'], ELIP_BOTH['2023-07-01']],
  fineBacklog: FINE_BACKLOG,
  appointments: APPOINTMENTS_SEPTEMBER_DECEMBER_2022,
  fines2019: FINES_DECIDED_2019,
  ordersPending2018: ORDERS_PENDING_2018,
  lateInd: { ...LATE_IND },
  wi2007Obliged: WI2007_OBLIGED_2022_10_01,
};

export function verifyDemoModel(model: DemoModel): void {
  const found = JSON.stringify(computeFigures(model));
  const expected = JSON.stringify(EXPECTED_FIGURES);
  if (found !== expected) throw new Error(`demo generator: figures differ from the published ones\nfound:    ${found}\nexpected: ${expected}`);
}
