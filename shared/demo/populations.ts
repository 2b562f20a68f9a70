// Everyone outside the ELIP figures: other Wi2013 persons (with guards that keep asylum
// persons out of ELIP), the Wi2013 persons of the January 2022 breach, the Wi2007 group of
// nr. 391 §3.6, and the Wi2021 persons with their IND deliveries and notices (§2.8).
import { dayNumber } from '../dates';
import {
  LOAN_MAXIMUM_CENT, PEIL, THRESHOLD_B_CENT, newPerson, type Delivery, type Doelgroep, type Notice, type Person,
  type Status,
} from './model';
import { movePayments, sortPayments } from './payments';
import { pickGemeente } from './municipalities';
import type { Random } from './random';
import { LATE_IND, WI2007_OBLIGED_2022_10_01 } from './targets';

const D1 = dayNumber('2022-05-01');

export function pickDoelgroep(random: Random, asylumShare: number, familyShare: number): Doelgroep {
  const roll = random.next();
  return roll < asylumShare ? 'asiel' : roll < asylumShare + familyShare ? 'gezin' : 'overig';
}

function endStatus(random: Random): Status {
  const roll = random.next();
  return roll < 0.65 ? 'voldaan' : roll < 0.9 ? 'ontheven' : 'vervallen';
}

/**
 * Gives a person a loan history from plicht_start to the day they stopped (or the
 * peildatum) whose level never exceeds `cap` on any day; sometimes a refund at the end.
 */
export function cappedLoan(random: Random, person: Person, cap: number): void {
  const end = Math.min(person.statusDatum ?? PEIL, PEIL);
  if (end - person.plichtStart < 60) return;
  const level = random.chance(0.03) ? cap : random.integer(Math.floor(cap * 0.15), cap);
  const middle = random.integer(person.plichtStart + 30, end - 20);
  movePayments(random, person, 0, level, person.plichtStart - 1, middle);
  if (random.chance(0.15)) movePayments(random, person, level, level - random.integer(5_000, Math.floor(level * 0.3)), middle, end);
  sortPayments(person);
}

/** Wi2013 persons who are in none of the published figures. */
export function otherWi2013Persons(random: Random, asylumCount: number, otherCount: number): Person[] {
  const persons: Person[] = [];
  for (let index = 0; index < asylumCount + otherCount; index++) {
    const asylum = index < asylumCount;
    const cohort = random.integer(2013, 2021);
    const plichtStart = random.integer(dayNumber(`${cohort}-01-01`), dayNumber(`${cohort}-12-31`));
    const person = newPerson({
      stelsel: 'Wi2013',
      doelgroep: asylum ? 'asiel' : random.chance(0.7) ? 'gezin' : 'overig',
      plichtStart,
      termijnEinde: random.chance(0.01) ? null : random.integer(Math.max(plichtStart + 1095, dayNumber('2023-10-01')), dayNumber('2026-12-31')),
      gemeente: random.chance(0.004) ? null : pickGemeente(random),
    });
    const roll = random.next();
    if (roll < 0.45 && plichtStart < D1 - 400) {
      // Finished before the first reference date: the loan may be anywhere, even used up.
      person.status = endStatus(random);
      person.statusDatum = random.integer(plichtStart + 300, D1);
      cappedLoan(random, person, LOAN_MAXIMUM_CENT);
    } else {
      if (roll > 0.88) {
        person.status = endStatus(random);
        person.statusDatum = random.integer(Math.max(plichtStart + 200, D1 + 1), PEIL);
      }
      // Asylum persons stay at or under € 7.500 so they never enter ELIP; the cap itself is
      // reached by a few, with deadlines near, to show that ELIP-B needs more than € 7.500.
      const cap = asylum ? THRESHOLD_B_CENT : LOAN_MAXIMUM_CENT;
      if (asylum && random.chance(0.01)) person.termijnEinde = random.integer(dayNumber('2023-10-01'), dayNumber('2024-06-30'));
      cappedLoan(random, person, cap);
    }
    persons.push(person);
  }
  return persons;
}

/**
 * Wi2013 persons (transitional law) who wrongly received a Wi2021 notice in early January
 * 2022 and were shown as Wi2021 in the portal (letter 000, Divosa item 003).
 */
export function breachPersons(random: Random, count: number): Person[] {
  const persons: Person[] = [];
  for (let index = 0; index < count; index++) {
    const plichtStart = random.integer(dayNumber('2021-06-01'), dayNumber('2021-12-31'));
    const person = newPerson({
      stelsel: 'Wi2013',
      doelgroep: pickDoelgroep(random, 0.35, 0.45),
      plichtStart,
      termijnEinde: plichtStart + 1095 + random.integer(0, 180),
      gemeente: pickGemeente(random),
    });
    if (random.chance(0.04)) {
      person.status = endStatus(random);
      person.statusDatum = random.integer(dayNumber('2022-06-01'), PEIL);
    }
    cappedLoan(random, person, 400_000);
    persons.push(person);
  }
  return persons;
}

/**
 * IND records of the breach persons (permits in 2021, before the published range); a few
 * arrived late, which the §2.8 figure must not count because their permits are from 2021.
 */
export function breachDeliveries(random: Random, breach: readonly Person[]): Delivery[] {
  return breach.map((person, index) => ({
    person,
    vergunning: person.plichtStart,
    geleverd: person.plichtStart + (index % 100 === 0 ? random.integer(31, 120) : random.integer(0, 20)),
  }));
}

/** The Wi2007 group: exactly 6.611 still obliged on 1 October 2022, plus those who left. */
export function wi2007Persons(random: Random): Person[] {
  const reference = dayNumber('2022-10-01');
  const persons: Person[] = [];
  const leavingLater = 700;
  const leftBefore = 8_400;
  for (let index = 0; index < WI2007_OBLIGED_2022_10_01 + leftBefore; index++) {
    const plichtStart = random.integer(dayNumber('2007-01-01'), dayNumber('2012-12-31'));
    const person = newPerson({
      stelsel: 'Wi2007',
      doelgroep: pickDoelgroep(random, 0.3, 0.5),
      plichtStart,
      termijnEinde: random.chance(0.2) ? null : plichtStart + random.integer(1278, 1826),
      gemeente: pickGemeente(random),
    });
    if (index < leavingLater) {
      person.status = endStatus(random);
      person.statusDatum = random.integer(reference + 1, PEIL);
    } else if (index >= WI2007_OBLIGED_2022_10_01) {
      person.status = endStatus(random);
      // A few leave exactly on the reference date: they no longer count on it.
      person.statusDatum = random.chance(0.005) ? reference : random.integer(plichtStart + 365, reference);
    }
    persons.push(person);
  }
  return persons;
}

export interface Wi2021Result {
  persons: Person[];
  deliveries: Delivery[];
  notices: Notice[];
  /** Asylum persons whose first signal went to their COA location (adreskoppeling). */
  coaLinked: Person[];
}

function resumeDay(doelgroep: Doelgroep): number {
  // The Wi2021 notices resumed on 1 March 2022 for family migrants, 25 March for the rest (letter 000).
  return dayNumber(doelgroep === 'gezin' ? '2022-03-01' : '2022-03-25');
}

function wi2021Person(random: Random, doelgroep: Doelgroep, vergunning: number, housed: boolean, mayHaveEnded = true): Person {
  const person = newPerson({
    stelsel: 'Wi2021',
    doelgroep,
    plichtStart: vergunning,
    termijnEinde: vergunning + 1095,
    gemeente: housed ? pickGemeente(random) : null,
  });
  if (mayHaveEnded && random.chance(0.05) && PEIL - vergunning > 200) {
    const roll = random.next();
    person.status = roll < 0.3 ? 'voldaan' : roll < 0.6 ? 'ontheven' : 'vervallen';
    person.statusDatum = random.integer(vergunning + 120, PEIL);
  }
  return person;
}

/** Wi2021 persons, their IND records (3.210 late or never delivered) and their notices. */
export function wi2021Persons(random: Random, onTimeCount: number, coaCount: number): Wi2021Result {
  const result: Wi2021Result = { persons: [], deliveries: [], notices: [], coaLinked: [] };
  const rangeStart = dayNumber('2022-01-01');
  const rangeEnd = dayNumber('2023-05-31');
  const addNotice = (person: Person, day: number): void => {
    if (day <= PEIL) result.notices.push({ person, stelsel: 'Wi2021', day });
  };
  // Asylum status holders linked to the municipality of their COA location: the first notices
  // went out in early January 2022, before the process was halted.
  for (let index = 0; index < coaCount; index++) {
    const vergunning = random.integer(rangeStart, dayNumber('2022-01-10'));
    const person = wi2021Person(random, 'asiel', vergunning, index >= 12);
    const geleverd = vergunning + random.integer(0, 3);
    result.deliveries.push({ person, vergunning, geleverd });
    addNotice(person, Math.max(geleverd + 1, dayNumber('2022-01-03')) + random.integer(0, 3));
    result.persons.push(person);
    result.coaLinked.push(person);
  }
  for (let index = 0; index < onTimeCount; index++) {
    const doelgroep = pickDoelgroep(random, 0.45, 0.4);
    const vergunning = random.integer(rangeStart, dayNumber('2023-09-12'));
    const person = wi2021Person(random, doelgroep, vergunning, !(doelgroep === 'asiel' && vergunning > dayNumber('2023-05-01') && random.chance(0.1)));
    // Within 30 days is on time; exactly 30 days still is.
    const delay = random.chance(0.02) ? 30 : random.integer(0, 21);
    const geleverd = vergunning + delay <= PEIL ? vergunning + delay : null;
    result.deliveries.push({ person, vergunning, geleverd });
    if (geleverd !== null) addNotice(person, Math.max(geleverd + random.integer(2, 14), resumeDay(doelgroep) + random.integer(0, 20)));
    result.persons.push(person);
  }
  // §2.8: the IND records of 3.210 persons with permits January 2022 – May 2023 were late or missing.
  const late = (count: number, doelgroepFor: () => Doelgroep, neverCount: number): void => {
    for (let index = 0; index < count; index++) {
      const doelgroep = doelgroepFor();
      const vergunning = random.integer(rangeStart, rangeEnd);
      // Still obliged: DUO has only just learnt of them, or not at all.
      const person = wi2021Person(random, doelgroep, vergunning, true, false);
      if (index < neverCount) {
        result.deliveries.push({ person, vergunning, geleverd: null });
      } else {
        // Found in August 2023; the notices went out in the week of 4 September (item 001).
        const geleverd = random.integer(dayNumber('2023-08-01'), dayNumber('2023-08-25'));
        result.deliveries.push({ person, vergunning, geleverd });
        addNotice(person, random.integer(dayNumber('2023-09-04'), dayNumber('2023-09-08')));
      }
      result.persons.push(person);
    }
  };
  late(LATE_IND.asiel, () => 'asiel', 40);
  late(LATE_IND.gezinOverig, () => (random.chance(0.75) ? 'gezin' : 'overig'), 270);
  return result;
}
