// ELIP (einde lening en inburgeringsplichtig) as snapshot-v1.md defines it, on the
// precomputed person facts: one pass over the persons per reference date and thresholds.
import type { Doelgroep } from '../../tables/definition';
import { addCalendarMonths, dayNumber } from '../../dates';
import { DOELGROEPEN, STELSELS, type Stelsel } from '../../snapshot/vocabulary';
import { isObligedAt, loanUsedAt, type LoanTimelines, type PersonFacts } from './facts';

export interface ElipParameters {
  peildatum: string;
  doelgroep: Doelgroep;
  /** ELIP-A: loan used >= this (cents). */
  drempel_cent: number;
  /** ELIP-B: loan used > this (cents). */
  drempel_b_cent: number;
  /** ELIP-B: termijn_einde earlier than P plus this many calendar months. */
  maanden_b: number;
}

export const ELIP_NONE = 0;
export const ELIP_A = 1;
export const ELIP_B = 2;

const WI2013 = STELSELS.indexOf('Wi2013');

/**
 * What a reference date fixes, whatever the thresholds: the usable persons it concerns
 * (Wi2013, the target group, obliged at P), in person order, with the loan each had used at
 * P. A session keeps it per date, so a threshold change only compares amounts (issue 10).
 */
export interface ElipDay {
  doelgroep: number;
  peildatum: string;
  persons: Int32Array;
  loan: Float64Array;
}

export function elipDay(facts: PersonFacts, loans: LoanTimelines, peildatum: string, doelgroep: Doelgroep): ElipDay {
  const day = dayNumber(peildatum);
  const group = DOELGROEPEN.indexOf(doelgroep);
  if (loans.doelgroep !== group) throw new Error('elipDay: loan timelines of another doelgroep');
  const persons: number[] = [];
  const loan: number[] = [];
  for (let person = 0; person < facts.count; person++) {
    if (facts.stelsel[person] !== WI2013 || facts.doelgroep[person] !== group) continue;
    if (!isObligedAt(facts, person, day)) continue;
    persons.push(person);
    loan.push(loanUsedAt(loans, person, day));
  }
  return { doelgroep: group, peildatum, persons: Int32Array.from(persons), loan: Float64Array.from(loan) };
}

/**
 * Per usable person: ELIP_A, ELIP_B or ELIP_NONE at the reference date. `loans` are the
 * loan timelines of the parameters' target group; `day`, when given, is elipDay of the same
 * date and group (computed here otherwise).
 */
export function classifyElip(
  facts: PersonFacts, loans: LoanTimelines, parameters: ElipParameters,
  day: ElipDay = elipDay(facts, loans, parameters.peildatum, parameters.doelgroep),
): Uint8Array {
  if (day.peildatum !== parameters.peildatum || day.doelgroep !== DOELGROEPEN.indexOf(parameters.doelgroep)) {
    throw new Error('classifyElip: the day of another date or doelgroep');
  }
  // The same day N months later, 29 February → 28 February; a NULL deadline (NaN) never counts.
  const deadlineLimit = dayNumber(addCalendarMonths(parameters.peildatum, parameters.maanden_b));
  const groups = new Uint8Array(facts.count);
  const { persons, loan } = day;
  for (let index = 0; index < persons.length; index++) {
    const person = persons[index]!;
    const used = loan[index]!;
    if (used >= parameters.drempel_cent) groups[person] = ELIP_A;
    else if (used > parameters.drempel_b_cent && facts.termijnEinde[person]! < deadlineLimit) groups[person] = ELIP_B;
  }
  return groups;
}

/** ELIP-A counts per cohort year at the reference date. */
export function elipACountsByCohort(facts: PersonFacts, loans: LoanTimelines, parameters: ElipParameters, day?: ElipDay): Map<number, number> {
  const groups = classifyElip(facts, loans, parameters, day);
  const counts = new Map<number, number>();
  for (let person = 0; person < facts.count; person++) {
    if (groups[person] !== ELIP_A) continue;
    const cohort = facts.cohort[person]!;
    counts.set(cohort, (counts.get(cohort) ?? 0) + 1);
  }
  return counts;
}

export interface ElipTotals {
  a: number;
  b: number;
}

export function elipTotals(facts: PersonFacts, loans: LoanTimelines, parameters: ElipParameters): ElipTotals {
  const groups = classifyElip(facts, loans, parameters);
  let a = 0;
  let b = 0;
  for (const group of groups) {
    if (group === ELIP_A) a++;
    else if (group === ELIP_B) b++;
  }
  return { a, b };
}

/** Cohort years of Wi2013 persons of a target group whose obligation started by a date. */
export function cohortRange(facts: PersonFacts, doelgroep: Doelgroep, latest: string): { first: number; last: number } | null {
  const day = dayNumber(latest);
  const group = DOELGROEPEN.indexOf(doelgroep);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let person = 0; person < facts.count; person++) {
    if (facts.stelsel[person] !== WI2013 || facts.doelgroep[person] !== group || !(facts.plichtStart[person]! <= day)) continue;
    const cohort = facts.cohort[person]!;
    if (cohort < first) first = cohort;
    if (cohort > last) last = cohort;
  }
  return first === Number.POSITIVE_INFINITY ? null : { first, last };
}

/** Persons of a regime (and optionally a target group) obliged at a date, e.g. Wi2007 at 2022-10-01. */
export function countObliged(facts: PersonFacts, options: { peildatum: string; stelsel: Stelsel; doelgroep?: Doelgroep }): number {
  const day = dayNumber(options.peildatum);
  const stelsel = STELSELS.indexOf(options.stelsel);
  const doelgroep = options.doelgroep === undefined ? -1 : DOELGROEPEN.indexOf(options.doelgroep);
  let count = 0;
  for (let person = 0; person < facts.count; person++) {
    if (facts.stelsel[person] !== stelsel) continue;
    if (doelgroep >= 0 && facts.doelgroep[person] !== doelgroep) continue;
    if (isObligedAt(facts, person, day)) count++;
  }
  return count;
}
