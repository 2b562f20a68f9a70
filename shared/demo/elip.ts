// The Wi2013 asylum persons behind the ELIP figures of nr. 391: for each cohort, persons
// whose membership of ELIP-A over the three reference dates adds up to the cells of Tabel 1,
// with loan histories and status changes that produce exactly that membership; then
// ELIP-B persons that bring A + B to the published totals.
import { addCalendarMonths, dayNumber } from '../dates';
import { isoDate } from './dates';
import {
  ELIP_DATES, LOAN_MAXIMUM_CENT, PEIL, THRESHOLD_A_CENT, THRESHOLD_B_CENT, loanAt, newPerson, obligedAt,
  type Person, type Status,
} from './model';
import { addRefundedInvoice, movePayments, sortPayments } from './payments';
import { pickGemeente } from './municipalities';
import type { Random } from './random';
import { ELIP_BOTH, TABEL_1, TABEL_1_COHORTS } from './targets';

export type ElipGroup = 'A' | 'B' | null;

/** ELIP group at day P with the default thresholds, following snapshot-v1.md literally. */
export function elipGroupAt(person: Person, day: number): ElipGroup {
  if (person.stelsel !== 'Wi2013' || !obligedAt(person, day)) return null;
  const loan = loanAt(person, day);
  if (loan >= THRESHOLD_A_CENT) return 'A';
  if (loan > THRESHOLD_B_CENT && person.termijnEinde !== null && person.termijnEinde < dayNumber(addCalendarMonths(isoDate(day), 12))) {
    return 'B';
  }
  return null;
}

/** Membership pattern over the three dates: [D1, D2, D3]. */
type Pattern = readonly [boolean, boolean, boolean];

/** Splits one cohort's three cells into counts of membership patterns (flows between dates). */
export function decompose(cells: readonly [number, number, number]): Map<string, number> {
  let [first, second, third] = cells;
  const counts = new Map<string, number>();
  const take = (pattern: string, count: number): void => {
    if (count > 0) counts.set(pattern, (counts.get(pattern) ?? 0) + count);
  };
  const stay = Math.floor(0.75 * Math.min(first, second, third));
  take('111', stay);
  first -= stay; second -= stay; third -= stay;
  const leaveLater = Math.floor(0.6 * Math.min(first, second));
  take('110', leaveLater);
  first -= leaveLater; second -= leaveLater;
  const enterEarly = Math.floor(0.6 * Math.min(second, third));
  take('011', enterEarly);
  second -= enterEarly; third -= enterEarly;
  const comeBack = Math.floor(0.2 * Math.min(first, third));
  take('101', comeBack);
  first -= comeBack; third -= comeBack;
  take('100', first);
  take('010', second);
  take('001', third);
  return counts;
}

const [D1, D2, D3] = ELIP_DATES;
const BOUNDARIES = [D1, D2, D3, PEIL] as const;

function levelInA(random: Random, atLeast: number): number {
  // Some sit exactly on the threshold: "at least € 9.500" includes it.
  const level = random.chance(0.03) ? THRESHOLD_A_CENT : THRESHOLD_A_CENT + random.integer(0, LOAN_MAXIMUM_CENT - THRESHOLD_A_CENT);
  return Math.max(level, atLeast);
}

function exitStatus(random: Random): Status {
  const roll = random.next();
  return roll < 0.6 ? 'voldaan' : roll < 0.9 ? 'ontheven' : 'vervallen';
}

function plichtStartIn(random: Random, cohort: number, latest: number): number {
  const first = dayNumber(`${cohort}-01-01`);
  const last = Math.min(dayNumber(`${cohort}-12-31`), latest);
  return random.integer(first, last);
}

/** One ELIP-A person of a cohort with the given membership pattern. */
function patternPerson(random: Random, cohort: number, pattern: Pattern): Person {
  const firstMember = pattern.indexOf(true);
  const plichtStart = plichtStartIn(random, cohort, (ELIP_DATES[firstMember] ?? PEIL) - 90);
  // Deadlines were extended for everyone until spring 2022, so none lies before May 2022.
  const earliestDeadline = Math.max(plichtStart + 3 * 365, dayNumber('2022-05-01'));
  const person = newPerson({
    stelsel: 'Wi2013',
    doelgroep: 'asiel',
    plichtStart,
    termijnEinde: random.integer(earliestDeadline, Math.max(earliestDeadline, dayNumber('2025-06-30'))),
    gemeente: random.chance(0.006) ? null : pickGemeente(random),
  });
  // The loan level at D1, D2 and D3; fewer levels when the person leaves by status (no
  // payments after that).
  const levels: number[] = [];
  let level = 0;
  let leftOn: number | null = null;
  for (let index = 0; index < 3; index++) {
    const member = pattern[index] as boolean;
    const wasMember = index > 0 && (pattern[index - 1] as boolean);
    if (member) {
      level = levelInA(random, level);
    } else if (wasMember && !pattern.slice(index).some(Boolean) && random.chance(0.85)) {
      // Leaves ELIP-A by finishing or exemption between the previous date and this one.
      leftOn = random.integer((ELIP_DATES[index - 1] as number) + 1, ELIP_DATES[index] as number);
      person.status = exitStatus(random);
      person.statusDatum = leftOn;
      break;
    } else if (wasMember) {
      // A correction pulls the loan back under € 9.500.
      level = random.integer(860_000, THRESHOLD_A_CENT - 1);
    } else if (person.plichtStart <= (ELIP_DATES[index] as number)) {
      // Not yet in ELIP-A: somewhere below the threshold, rising.
      level = Math.max(level, random.integer(450_000, THRESHOLD_A_CENT - 1));
    }
    levels.push(level);
  }
  if (leftOn === null && pattern[2] && random.chance(0.12)) {
    person.status = exitStatus(random);
    person.statusDatum = random.integer(D3 + 1, PEIL);
  }
  let previous = 0;
  let after = plichtStart - 1;
  levels.forEach((target, index) => {
    const until = BOUNDARIES[index] as number;
    if (target !== previous) movePayments(random, person, previous, target, after, until);
    if (!(pattern[index] as boolean) && target > 880_000 && random.chance(0.3)) {
      // An invoice that can cross € 9.500 and was refunded before the reference date.
      const crossing = random.integer(THRESHOLD_A_CENT - target, LOAN_MAXIMUM_CENT - target);
      addRefundedInvoice(random, person, crossing, after, until);
    }
    previous = target;
    after = until;
  });
  sortPayments(person);
  return person;
}

/** All ELIP-A persons of Tabel 1, per cohort and pattern. */
export function tabelOnePersons(random: Random): Person[] {
  const persons: Person[] = [];
  TABEL_1_COHORTS.forEach((cohort, column) => {
    const cells = [TABEL_1['2022-05-01'][column], TABEL_1['2022-10-15'][column], TABEL_1['2023-07-01'][column]] as [number, number, number];
    for (const [key, count] of decompose(cells)) {
      const pattern = [key[0] === '1', key[1] === '1', key[2] === '1'] as const;
      for (let index = 0; index < count; index++) persons.push(patternPerson(random, cohort, pattern));
    }
  });
  return persons;
}

/** One ELIP-B person: in B at D1 and/or D3 as asked, never in A at any of the three dates. */
function bPerson(random: Random, inFirst: boolean, inThird: boolean): Person {
  const cohort = random.integer(2015, 2020);
  const person = newPerson({
    stelsel: 'Wi2013',
    doelgroep: 'asiel',
    plichtStart: plichtStartIn(random, cohort, D1 - 200),
    termijnEinde: null,
    gemeente: random.chance(0.005) ? null : pickGemeente(random),
  });
  const nearFirst = (): number =>
    random.integer(dayNumber('2022-05-01'), dayNumber('2023-04-30'));
  let levels: [number, number, number, number];
  if (inFirst) {
    person.termijnEinde = nearFirst();
    const first = random.integer(THRESHOLD_B_CENT + 1, 940_000);
    const second = random.integer(first, THRESHOLD_A_CENT - 1);
    if (inThird) {
      levels = [first, second, random.integer(second, THRESHOLD_A_CENT - 1), 0];
      if (random.chance(0.2)) {
        person.status = exitStatus(random);
        person.statusDatum = random.integer(D3 + 1, PEIL);
      }
    } else if (random.chance(0.85)) {
      person.status = exitStatus(random);
      person.statusDatum = random.integer(D1 + 1, D3);
      levels = [first, first, first, first];
    } else {
      // A correction pulls the loan back to € 7.500 or less.
      levels = [first, second, random.integer(600_000, THRESHOLD_B_CENT), 0];
    }
  } else if (random.chance(0.5)) {
    // The loan passes € 7.500 after D1.
    person.termijnEinde = random.integer(D1 + 1, dayNumber('2024-06-30'));
    const first = random.chance(0.05) ? THRESHOLD_B_CENT : random.integer(400_000, THRESHOLD_B_CENT);
    levels = [first, random.integer(first, 940_000), random.integer(THRESHOLD_B_CENT + 1, THRESHOLD_A_CENT - 1), 0];
    levels[2] = Math.max(levels[2], levels[1]);
  } else {
    // Over € 7.500 all along; the deadline comes within 12 months only after D1.
    person.termijnEinde = random.chance(0.05) ? dayNumber('2023-05-01') : random.integer(dayNumber('2023-05-01'), dayNumber('2024-06-30'));
    const first = random.integer(THRESHOLD_B_CENT + 1, 940_000);
    levels = [first, first, random.integer(first, THRESHOLD_A_CENT - 1), 0];
  }
  levels[3] = person.status === 'lopend' ? Math.min(THRESHOLD_A_CENT - 1, levels[2] + random.integer(0, 40_000)) : levels[2];
  let previous = 0;
  let after = person.plichtStart - 1;
  levels.forEach((target, index) => {
    const until = Math.min(BOUNDARIES[index] as number, person.statusDatum ?? PEIL);
    if (target !== previous && until > after) movePayments(random, person, previous, target, after, until);
    previous = target;
    after = until;
  });
  sortPayments(person);
  return person;
}

/** ELIP-B persons so that A + B (asylum) at D1 and D3 equal the published totals. */
export function elipBPersons(random: Random, existing: readonly Person[]): Person[] {
  let inFirst = 0;
  let inThird = 0;
  for (const person of existing) {
    if (person.doelgroep !== 'asiel') continue;
    if (elipGroupAt(person, D1) !== null) inFirst++;
    if (elipGroupAt(person, D3) !== null) inThird++;
  }
  const needFirst = ELIP_BOTH['2022-05-01'] - inFirst;
  const needThird = ELIP_BOTH['2023-07-01'] - inThird;
  if (needFirst < 0 || needThird < 0) throw new Error(`ELIP-B fill impossible: ${needFirst}, ${needThird}`);
  const both = Math.floor(0.55 * Math.min(needFirst, needThird));
  const persons: Person[] = [];
  for (let index = 0; index < both; index++) persons.push(bPerson(random, true, true));
  for (let index = 0; index < needFirst - both; index++) persons.push(bPerson(random, true, false));
  for (let index = 0; index < needThird - both; index++) persons.push(bPerson(random, false, true));
  return persons;
}
