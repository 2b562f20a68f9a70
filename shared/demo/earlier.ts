// The second demo snapshot: an earlier extract of the same synthetic world, peildatum
// 2023-07-13 (the date of the "uitvoeringsbrief" that nr. 391 corrects). It is derived
// from the current demo model: everything dated after 2023-07-13 is rolled back, and then a
// fixed, documented set of differences is put in, so that comparing it with the current
// demo reproduces "zo'n 2.000 … ruim 3.000 personen" on the fine backlog at 2022-10-31 with
// a known cause mix (docs/DEMO.md, "The earlier extract"). The current demo is not touched.
import { dayNumber } from '../dates';
import {
  ELIP_DATES, THRESHOLD_A_CENT, loanAt, obligedAt,
  type DemoModel, type EnforcementOrder, type Overrun, type Person, type Signal,
} from './model';

export const EARLIER_PEILDATUM = '2023-07-13';
const EARLIER = dayNumber(EARLIER_PEILDATUM);
/** The end of the earlier peildatum in seconds (instants from then on are not known yet). */
const EARLIER_END_SECONDS = (EARLIER + 1) * 86_400;

/** The figure the story is about: fine backlog (boete-achterstand, total achterstand) at this date. */
export const STORY_PEILDATUM = '2022-10-31';
const STORY = dayNumber(STORY_PEILDATUM);

/**
 * The differences put in, by cause, as counts of backlog records at STORY_PEILDATUM
 * (late, newPersons, statusOrDates, removed) and of persons (corrections, municipality).
 */
export const EARLIER_DIFFERENCES = {
  /** Backlog overrun records the earlier extract did not have yet (late-delivered rows). */
  late: 750,
  /** Persons with one backlog record, missing from the earlier extract altogether. */
  newPersons: 260,
  /** Backlog records the earlier extract had as decided (125) or not yet announced (125). */
  statusOrDates: 250,
  /** Duplicate registrations under a second pseudonym, each with one backlog record; gone in the current demo. */
  removed: 45,
  /** ELIP-A asylum persons at 2023-07-01 in the earlier extract whose refund (negative payment) came later. */
  corrections: 40,
  /** ELIP-A asylum persons at 2023-07-01 linked to another municipality in the earlier extract. */
  municipality: 120,
} as const;

function inStoryBacklog(overrun: Overrun): boolean {
  return overrun.termijnEinde <= STORY && overrun.aankondiging !== null && overrun.aankondiging <= STORY
    && !(overrun.besluitOp !== null && overrun.besluitOp <= STORY);
}

const byId = (left: Person, right: Person): number => ((left.id as string) < (right.id as string) ? -1 : 1);

/** A person as the earlier extract knew them: no status reached after its peildatum, no later payments. */
function rolledBack(person: Person): Person {
  const later = person.statusDatum !== null && person.statusDatum > EARLIER;
  return {
    ...person,
    status: later ? 'lopend' : person.status,
    statusDatum: later ? null : person.statusDatum,
    payments: person.payments.filter(([day]) => day <= EARLIER),
  };
}

function rolledBackOverrun(overrun: Overrun, person: Person): Overrun {
  const known = (day: number | null): number | null => (day !== null && day <= EARLIER ? day : null);
  const decided = overrun.besluitOp !== null && overrun.besluitOp <= EARLIER;
  return {
    person,
    termijnEinde: overrun.termijnEinde,
    aankondiging: known(overrun.aankondiging),
    afspraak: known(overrun.afspraak),
    besluit: decided ? overrun.besluit : null,
    besluitOp: decided ? overrun.besluitOp : null,
    boeteCent: decided ? overrun.boeteCent : null,
  };
}

/** The person sets of each cause, disjoint, chosen deterministically (by pseudonym). */
function chooseDifferences(model: DemoModel): {
  lateRecords: Set<Overrun>; newPersons: Set<Person>; decidedRecords: Set<Overrun>; unannouncedRecords: Set<Overrun>;
  duplicated: Person[]; corrected: Person[]; moved: Person[];
} {
  const overrunsOf = new Map<Person, Overrun[]>();
  for (const overrun of model.overruns) {
    const list = overrunsOf.get(overrun.person) ?? [];
    list.push(overrun);
    overrunsOf.set(overrun.person, list);
  }
  // Persons with exactly one overrun, and that one in the backlog at the story's date.
  const backlogPersons = [...overrunsOf.entries()]
    .filter(([, list]) => list.length === 1 && inStoryBacklog(list[0] as Overrun))
    .map(([person]) => person)
    .sort(byId);
  const used = new Set<Person>();
  const take = (candidates: readonly Person[], count: number, step: number): Person[] => {
    const chosen: Person[] = [];
    // Every `step`-th candidate, so the chosen ones spread over months and municipalities.
    for (let offset = 0; offset < step && chosen.length < count; offset++) {
      for (let index = offset; index < candidates.length && chosen.length < count; index += step) {
        const person = candidates[index] as Person;
        if (used.has(person)) continue;
        used.add(person);
        chosen.push(person);
      }
    }
    if (chosen.length < count) throw new Error(`demo: only ${chosen.length} of ${count} persons for the earlier extract`);
    return chosen;
  };
  const onlyOverrun = (person: Person): Overrun => (overrunsOf.get(person) as Overrun[])[0] as Overrun;
  const lateRecords = new Set(take(backlogPersons, EARLIER_DIFFERENCES.late, 3).map(onlyOverrun));
  const newPersons = new Set(take(backlogPersons, EARLIER_DIFFERENCES.newPersons, 3));
  const statusPersons = take(backlogPersons, EARLIER_DIFFERENCES.statusOrDates, 3);
  const decidedRecords = new Set(statusPersons.slice(0, EARLIER_DIFFERENCES.statusOrDates / 2).map(onlyOverrun));
  const unannouncedRecords = new Set(statusPersons.slice(EARLIER_DIFFERENCES.statusOrDates / 2).map(onlyOverrun));
  const duplicated = take(backlogPersons, EARLIER_DIFFERENCES.removed, 5);

  const tabelDate = ELIP_DATES[2];
  const elipA = (person: Person, payments: [number, number][]): boolean =>
    person.stelsel === 'Wi2013' && person.doelgroep === 'asiel' && obligedAt(person, tabelDate)
    && loanAt({ ...person, payments }, tabelDate) >= THRESHOLD_A_CENT;
  const withoutRefunds = (person: Person): [number, number][] =>
    person.payments.filter(([day, cents]) => !(cents < 0 && day <= EARLIER));
  const asylum = model.persons.filter((person) => person.stelsel === 'Wi2013' && person.doelgroep === 'asiel').sort(byId);
  // Out of ELIP-A at 2023-07-01 only because of a refund dated before the earlier peildatum.
  const refunded = asylum.filter((person) => !overrunsOf.has(person) && !elipA(person, person.payments) && elipA(person, withoutRefunds(person)));
  const corrected = take(refunded, EARLIER_DIFFERENCES.corrections, 1);
  const linked = asylum.filter((person) => !overrunsOf.has(person) && person.gemeente !== null && elipA(person, person.payments));
  const moved = take(linked, EARLIER_DIFFERENCES.municipality, 7);
  return { lateRecords, newPersons, decidedRecords, unannouncedRecords, duplicated, corrected, moved };
}

/** The municipality code `shift` places further in the sorted list of used codes. */
function otherMunicipality(codes: readonly string[], code: string, shift: number): string {
  const index = codes.indexOf(code);
  return codes[(index + shift) % codes.length] as string;
}

/** The earlier extract of the demo world, as a model to write (same pseudonyms). */
export function buildEarlierModel(model: DemoModel): DemoModel {
  const chosen = chooseDifferences(model);
  const corrected = new Set(chosen.corrected);
  const moved = new Set(chosen.moved);
  const codes = [...new Set(model.persons.map((person) => person.gemeente).filter((code): code is string => code !== null))].sort();

  const earlier = new Map<Person, Person>();
  for (const person of model.persons) {
    if (person.plichtStart > EARLIER || chosen.newPersons.has(person)) continue;
    const copy = rolledBack(person);
    if (corrected.has(person)) copy.payments = copy.payments.filter(([, cents]) => cents >= 0);
    if (moved.has(person)) copy.gemeente = otherMunicipality(codes, person.gemeente as string, 1);
    earlier.set(person, copy);
  }
  const overruns: Overrun[] = [];
  for (const overrun of model.overruns) {
    const person = earlier.get(overrun.person);
    if (person === undefined || overrun.termijnEinde > EARLIER || chosen.lateRecords.has(overrun)) continue;
    const copy = rolledBackOverrun(overrun, person);
    const announced = copy.aankondiging as number;
    if (chosen.decidedRecords.has(overrun)) {
      // Registered as "no fine" by mistake; the current extract has it undecided again.
      copy.besluit = 'geen_boete';
      copy.besluitOp = Math.min(announced + 30, STORY);
    } else if (chosen.unannouncedRecords.has(overrun)) {
      copy.aankondiging = null;
      copy.afspraak = null;
    }
    overruns.push(copy);
  }
  // Duplicates: a second pseudonym for the same person (no payments), with a copy of the overrun.
  const duplicates: Person[] = chosen.duplicated.map((person, index) => ({
    ...(earlier.get(person) as Person), payments: [], id: `P09${String(index + 1).padStart(5, '0')}`,
  }));
  chosen.duplicated.forEach((person, index) => {
    const original = model.overruns.find((overrun) => overrun.person === person) as Overrun;
    overruns.push(rolledBackOverrun(original, duplicates[index] as Person));
  });

  const orders: EnforcementOrder[] = [];
  for (const order of model.orders) {
    const person = earlier.get(order.person);
    if (person === undefined || order.gereed > EARLIER) continue;
    orders.push({ ...order, person, cjib: order.cjib !== null && order.cjib <= EARLIER ? order.cjib : null });
  }
  const signals: Signal[] = [];
  for (const signal of model.signals) {
    const person = earlier.get(signal.person);
    if (person === undefined || signal.from >= EARLIER_END_SECONDS) continue;
    // A person linked to another municipality was shown to that one.
    const shownTo = moved.has(signal.person) && signal.gemeente === signal.person.gemeente ? (person.gemeente as string) : signal.gemeente;
    signals.push({
      ...signal,
      gemeente: shownTo,
      person,
      until: signal.until !== null && signal.until < EARLIER_END_SECONDS ? signal.until : null,
      views: signal.views.filter((view) => view.at < EARLIER_END_SECONDS),
    });
  }
  return {
    persons: [...earlier.values(), ...duplicates],
    overruns: overruns.sort((left, right) => left.termijnEinde - right.termijnEinde),
    orders,
    signals,
    notices: model.notices.flatMap((notice) => {
      const person = earlier.get(notice.person);
      return person === undefined || notice.day > EARLIER ? [] : [{ ...notice, person }];
    }),
    deliveries: model.deliveries.flatMap((delivery) => {
      const person = earlier.get(delivery.person);
      if (person === undefined || delivery.vergunning > EARLIER) return [];
      return [{ ...delivery, person, geleverd: delivery.geleverd !== null && delivery.geleverd <= EARLIER ? delivery.geleverd : null }];
    }),
    incidents: model.incidents.filter((incident) => incident.ontdektOp.slice(0, 10) <= EARLIER_PEILDATUM),
  };
}
