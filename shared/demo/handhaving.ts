// Enforcement: deadline overruns with their announcements, appointments and decisions
// (nr. 391 §3.5: a backlog of 5.200, 900 appointments in September–December 2022, 3.403
// fines in 2019) and the enforcement orders stalled from 1 November 2017 (2018 letter).
import { dayNumber } from '../dates';
import { PEIL, THRESHOLD_B_CENT, newPerson, type Besluit, type EnforcementOrder, type Overrun, type Person } from './model';
import { pickGemeente } from './municipalities';
import { cappedLoan, pickDoelgroep } from './populations';
import { shuffled, weightedPicker, type Random } from './random';
import { APPOINTMENTS_SEPTEMBER_DECEMBER_2022, FINES_DECIDED_2019, FINE_BACKLOG, ORDERS_PENDING_2018 } from './targets';

const RANGE_START = dayNumber('2022-05-01');
const RANGE_END = dayNumber('2022-05-01') + 395; // 2023-05-31
const PEAK_START = dayNumber('2022-08-01');
const PEAK_END = dayNumber('2022-10-31');
const APPOINTMENT_START = dayNumber('2022-09-01');
const APPOINTMENT_END = dayNumber('2022-12-31');

const FINE_AMOUNTS = [25_000, 34_000, 50_000, 80_000, 100_000, 125_000] as const;

function overrunFor(person: Person, termijnEinde: number): Overrun {
  return { person, termijnEinde, aankondiging: null, afspraak: null, besluit: null, besluitOp: null, boeteCent: null };
}

/** Overruns of everyone whose current deadline passed while still obliged. */
export function currentOverruns(persons: readonly Person[]): Overrun[] {
  const overruns: Overrun[] = [];
  for (const person of persons) {
    const deadline = person.termijnEinde;
    if (person.stelsel !== 'Wi2013' || deadline === null || deadline >= PEIL) continue;
    if (person.statusDatum !== null && person.statusDatum <= deadline) continue;
    overruns.push(overrunFor(person, deadline));
  }
  return overruns;
}

function wi2013Person(random: Random, cohortFirst: number, cohortLast: number): Person {
  const cohort = random.integer(cohortFirst, cohortLast);
  const person = newPerson({
    stelsel: 'Wi2013',
    doelgroep: pickDoelgroep(random, 0.4, 0.4),
    plichtStart: random.integer(dayNumber(`${cohort}-01-01`), dayNumber(`${cohort}-12-31`)),
    termijnEinde: null,
    gemeente: random.chance(0.003) ? null : pickGemeente(random),
  });
  return person;
}

/** The month distribution of the overrun peak: most deadlines fall in August–October 2022. */
const pickPeakMonth = weightedPicker(
  ['2022-05', '2022-06', '2022-07', '2022-08', '2022-09', '2022-10', '2022-11', '2022-12', '2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06', '2023-07', '2023-08'],
  [3, 4, 6, 22, 26, 20, 6, 4, 3, 3, 3, 3, 3, 3, 3, 2],
);

function dayInMonth(random: Random, month: string): number {
  const first = dayNumber(`${month}-01`);
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const last = dayNumber(`${monthNumber === 12 ? year + 1 : year}-${String((monthNumber % 12) + 1).padStart(2, '0')}-01`) - 1;
  return random.integer(first, Math.min(last, PEIL - 1));
}

export interface PeakResult {
  persons: Person[];
  overruns: Overrun[];
}

/**
 * Persons whose deadline passed in the peak of 2022–2023, added to the overruns that follow
 * from the other persons; then exactly 5.200 in-range overruns are left in the backlog
 * (preferring August–October 2022), the rest decided or not yet announced, and exactly 900
 * get an appointment in September–December 2022.
 */
export function peakOverruns(random: Random, derived: readonly Overrun[], peakCount: number): PeakResult {
  const persons: Person[] = [];
  const dedicated: Overrun[] = [];
  for (let index = 0; index < peakCount; index++) {
    const person = wi2013Person(random, 2017, 2019);
    person.termijnEinde = dayInMonth(random, pickPeakMonth(random));
    person.plichtStart = Math.min(person.plichtStart, person.termijnEinde - 1095);
    cappedLoan(random, person, person.doelgroep === 'asiel' ? THRESHOLD_B_CENT : 1_000_000);
    persons.push(person);
    dedicated.push(overrunFor(person, person.termijnEinde));
  }
  const isDedicated = new Set(dedicated);
  const all = [...derived, ...dedicated];
  const inRange = (overrun: Overrun): boolean => overrun.termijnEinde >= RANGE_START && overrun.termijnEinde <= RANGE_END;
  const priority = new Map(all.map((overrun) => {
    const peak = overrun.termijnEinde >= PEAK_START && overrun.termijnEinde <= PEAK_END;
    return [overrun, random.next() - (peak ? 0.45 : 0)] as const;
  }));
  const ranked = all.filter(inRange).sort((left, right) => (priority.get(left) as number) - (priority.get(right) as number));
  if (ranked.length < FINE_BACKLOG + 200) throw new Error(`too few overruns in range: ${ranked.length}`);
  const backlog = new Set(ranked.slice(0, FINE_BACKLOG));
  for (const overrun of all) {
    const announce = Math.min(overrun.termijnEinde + random.integer(21, 75), PEIL - 1);
    if (backlog.has(overrun)) {
      overrun.aankondiging = announce;
    } else if (overrun.termijnEinde > dayNumber('2023-05-31') && random.chance(0.6)) {
      // Recent deadlines: not yet announced.
    } else if (!inRange(overrun) && random.chance(0.5)) {
      overrun.aankondiging = announce; // outside the published range, still open
    } else if (announce + 40 < PEIL && random.chance(0.85)) {
      overrun.aankondiging = announce;
      decide(random, overrun, isDedicated.has(overrun), announce);
    }
  }
  assignAppointments(random, all);
  return { persons, overruns: all };
}

function decide(random: Random, overrun: Overrun, mayChangeDeadline: boolean, announced: number): void {
  const roll = random.next();
  // Only persons made for this purpose get a fine or extension, which sets a new deadline;
  // the others keep the deadline their other figures depend on.
  const besluit: Besluit = !mayChangeDeadline ? 'geen_boete' : roll < 0.6 ? 'boete' : roll < 0.85 ? 'verlenging' : 'geen_boete';
  overrun.besluit = besluit;
  overrun.besluitOp = random.integer(announced + 40, PEIL);
  if (besluit === 'boete') overrun.boeteCent = random.pick(FINE_AMOUNTS);
  // A fine or an extension sets a new deadline, after the peildatum.
  if (besluit !== 'geen_boete') overrun.person.termijnEinde = Math.max(overrun.besluitOp + 365, PEIL + 30) + random.integer(0, 365);
}

function assignAppointments(random: Random, overruns: readonly Overrun[]): void {
  const eligible = overruns.filter((overrun) => overrun.aankondiging !== null && overrun.aankondiging <= APPOINTMENT_END - 7);
  const chosen = new Set(shuffled(random, eligible).slice(0, APPOINTMENTS_SEPTEMBER_DECEMBER_2022));
  if (chosen.size < APPOINTMENTS_SEPTEMBER_DECEMBER_2022) throw new Error('too few overruns for the appointments');
  for (const overrun of overruns) {
    const announced = overrun.aankondiging;
    if (announced === null) continue;
    const latest = overrun.besluitOp === null ? PEIL : overrun.besluitOp - 1;
    if (chosen.has(overrun)) {
      const first = Math.max(announced + 7, APPOINTMENT_START);
      overrun.afspraak = random.integer(first, Math.min(APPOINTMENT_END, Math.max(first, latest)));
      if (overrun.besluitOp !== null && overrun.besluitOp <= overrun.afspraak) {
        overrun.besluitOp = overrun.afspraak + random.integer(7, 60);
      }
    } else if (random.chance(0.12)) {
      // Appointments outside the window: from January 2023 on.
      const first = Math.max(announced + 7, APPOINTMENT_END + 1);
      if (first < latest) overrun.afspraak = random.integer(first, latest);
    }
  }
}

export interface HistoricalResult {
  persons: Person[];
  overruns: Overrun[];
  orders: EnforcementOrder[];
}

/** Decisions of 2017–2020 (3.403 fines in 2019) and the enforcement orders that followed. */
export function historicalEnforcement(random: Random): HistoricalResult {
  const persons: Person[] = [];
  const overruns: Overrun[] = [];
  const plan: [Besluit, string, number][] = [
    ['boete', '2017', 1_500], ['boete', '2018', 2_600], ['boete', '2019', FINES_DECIDED_2019], ['boete', '2020', 700],
    ['verlenging', '2018', 500], ['verlenging', '2019', 700], ['geen_boete', '2019', 400], ['geen_boete', '2018', 300],
  ];
  for (const [besluit, year, count] of plan) {
    const yearStart = dayNumber(`${year}-01-01`);
    const yearEnd = year === '2020' ? dayNumber('2020-03-15') : dayNumber(`${year}-12-31`);
    for (let index = 0; index < count; index++) {
      const besluitOp = random.integer(yearStart, yearEnd);
      const aankondiging = besluitOp - random.integer(40, 150);
      const termijnEinde = aankondiging - random.integer(21, 75);
      const person = wi2013Person(random, 2013, 2016);
      person.plichtStart = Math.min(person.plichtStart, termijnEinde - 1095);
      const afspraak = random.chance(0.1) ? random.integer(aankondiging + 7, besluitOp - 1) : null;
      overruns.push({
        person, termijnEinde, aankondiging, afspraak, besluit, besluitOp,
        boeteCent: besluit === 'boete' ? random.pick(FINE_AMOUNTS) : null,
      });
      if (random.chance(0.7)) {
        person.status = random.chance(0.7) ? 'voldaan' : random.chance(0.8) ? 'ontheven' : 'vervallen';
        person.statusDatum = random.integer(besluitOp + 30, dayNumber('2022-04-30'));
        person.termijnEinde = besluitOp + random.integer(540, 730);
      } else {
        person.termijnEinde = random.integer(dayNumber('2023-10-01'), dayNumber('2025-12-31'));
      }
      cappedLoan(random, person, person.doelgroep === 'asiel' ? THRESHOLD_B_CENT : 1_000_000);
      persons.push(person);
    }
  }
  return { persons, overruns, orders: enforcementOrders(random, overruns, persons) };
}

function enforcementOrders(random: Random, overruns: readonly Overrun[], persons: readonly Person[]): EnforcementOrder[] {
  const orders: EnforcementOrder[] = [];
  const stallStart = dayNumber('2017-11-01');
  const stallEnd = dayNumber('2018-10-31');
  const fined = overruns.filter((overrun) => overrun.besluit === 'boete' && overrun.besluitOp !== null);
  const withLoan = persons.filter((person) => person.payments.length > 0);
  // Stalled since 1 November 2017: every order that became ready from then until the end of
  // October 2018 was still waiting for the CJIB link on 31 October 2018.
  const stallable = shuffled(random, fined.filter((overrun) => (overrun.besluitOp as number) + 45 <= stallEnd));
  const boeteOrders = Math.round(ORDERS_PENDING_2018 * 0.75);
  for (let index = 0; index < ORDERS_PENDING_2018; index++) {
    const fine = index < boeteOrders ? stallable[index] : undefined;
    const person = fine?.person ?? random.pick(withLoan);
    const earliest = Math.max(stallStart, (fine?.besluitOp ?? stallStart - 45) + 45);
    orders.push({
      person,
      soort: fine === undefined ? 'lening' : 'boete',
      gereed: random.integer(earliest, stallEnd),
      cjib: random.integer(dayNumber('2018-11-05'), dayNumber('2019-03-29')),
    });
  }
  // Before the stall DUO's own orders went out within weeks.
  for (let index = 0; index < 500; index++) {
    const gereed = random.integer(dayNumber('2016-01-04'), dayNumber('2017-09-29'));
    orders.push({ person: random.pick(withLoan), soort: random.chance(0.6) ? 'boete' : 'lening', gereed, cjib: gereed + random.integer(5, 30) });
  }
  // After the link: handed over within weeks; the latest still wait on the peildatum.
  for (const fine of fined) {
    if ((fine.besluitOp as number) < dayNumber('2018-09-01') || !random.chance(0.35)) continue;
    const gereed = Math.max(dayNumber('2018-11-01'), (fine.besluitOp as number) + random.integer(60, 300));
    const cjib = gereed + random.integer(3, 40);
    orders.push({ person: fine.person, soort: 'boete', gereed, cjib: cjib <= PEIL ? cjib : null });
  }
  for (let index = 0; index < 900; index++) {
    const gereed = random.integer(dayNumber('2018-11-01'), PEIL - 1);
    const cjib = gereed + random.integer(3, 40);
    orders.push({ person: random.pick(withLoan), soort: 'lening', gereed, cjib: cjib <= PEIL ? cjib : null });
  }
  return orders;
}
