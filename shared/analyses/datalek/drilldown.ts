// The breach assessor's drill-down and the art. 34 list, over the same facts and cut as the
// data-leak tables (skipped rows left out by the loader, a view counts inside its window
// and before the end of P): a municipality → its users (pseudonymous `gebruiker`) with
// counts and times → one user's views in time order; and per municipality the exposed
// persons (pseudonymous `inburgeraar.id`), what was exposed and whether it was viewed.
// The drill-down holds counts and times only; the art. 34 list is person-level.
import { InvalidParameterError } from '../../errors';
import type { DatalekFacts } from './facts';
import { CAUSE_ADRESKOPPELING, CAUSE_OVERGANGSRECHT } from './facts';
import { instantOfSeconds } from '../../dates';

export interface MunicipalityUser {
  /** The pseudonymous user id of the snapshot. */
  user: string;
  views: number;
  personsViewed: number;
  first: string;
  last: string;
  /** Category codes of the signals this user viewed, sorted. */
  categories: string[];
}

export interface UserView {
  at: string;
  categories: string[];
}

function municipalityIndex(facts: DatalekFacts, code: string): number {
  const index = facts.municipalityCodes.indexOf(code);
  if (index < 0) {
    throw new InvalidParameterError('gemeente', `'${code}' staat niet (bruikbaar) in de tabel gemeente.`, `'${code}' is not a (usable) row of the table gemeente.`);
  }
  return index;
}

function categoriesOfSignal(facts: DatalekFacts, signal: number): number[] {
  const result: number[] = [];
  for (let c = facts.categoryOffsets[signal]; c < facts.categoryOffsets[signal + 1]; c++) result.push(facts.categoryList[c]);
  return result;
}

const codesOf = (facts: DatalekFacts, categories: Iterable<number>): string[] =>
  Array.from(categories, (c) => facts.categoryCodes[c]).sort();

/** The users of a municipality with counted views before `end` (seconds), most views first. */
export function municipalityUsers(facts: DatalekFacts, end: number, municipalityCode: string): MunicipalityUser[] {
  const municipality = municipalityIndex(facts, municipalityCode);
  const byUser = new Map<number, { views: number; persons: Set<number>; first: number; last: number; categories: Set<number> }>();
  for (let v = 0; v < facts.windowViewTime.length; v++) {
    const time = facts.windowViewTime[v];
    if (facts.windowViewMunicipality[v] !== municipality || time >= end) continue;
    const user = facts.windowViewUser[v];
    let entry = byUser.get(user);
    if (entry === undefined) {
      entry = { views: 0, persons: new Set(), first: time, last: time, categories: new Set() };
      byUser.set(user, entry);
    }
    entry.views += 1;
    entry.persons.add(facts.windowViewPerson[v]);
    entry.first = Math.min(entry.first, time);
    entry.last = Math.max(entry.last, time);
    for (const category of categoriesOfSignal(facts, facts.windowViewSignal[v])) entry.categories.add(category);
  }
  return Array.from(byUser, ([user, entry]) => ({
    user: facts.userNames[user],
    views: entry.views,
    personsViewed: entry.persons.size,
    first: instantOfSeconds(entry.first),
    last: instantOfSeconds(entry.last),
    categories: codesOf(facts, entry.categories),
  })).sort((a, b) => b.views - a.views || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
}

/** One user's counted views at a municipality before `end`, in time order (moment and categories only). */
export function userViews(facts: DatalekFacts, end: number, municipalityCode: string, user: string): UserView[] {
  const municipality = municipalityIndex(facts, municipalityCode);
  const userIndex = facts.userNames.indexOf(user);
  const views: { time: number; categories: number[] }[] = [];
  if (userIndex >= 0) {
    for (let v = 0; v < facts.windowViewTime.length; v++) {
      if (facts.windowViewUser[v] !== userIndex || facts.windowViewMunicipality[v] !== municipality || facts.windowViewTime[v] >= end) continue;
      views.push({ time: facts.windowViewTime[v], categories: categoriesOfSignal(facts, facts.windowViewSignal[v]) });
    }
  }
  if (views.length === 0) {
    throw new InvalidParameterError('gebruiker', `'${user}' heeft geen getelde inzagen bij gemeente ${municipalityCode}.`,
      `'${user}' has no counted views at municipality ${municipalityCode}.`);
  }
  views.sort((a, b) => a.time - b.time);
  return views.map(({ time, categories }) => ({ at: instantOfSeconds(time), categories: codesOf(facts, categories) }));
}

/** One exposed person at one municipality, for the letters to data subjects (art. 34 GDPR). */
export interface ExposedPerson {
  municipality: number;
  person: string;
  categories: string[];
  causes: ('overgangsrecht' | 'adreskoppeling')[];
  first: string;
  last: string;
  views: number;
}

/** Every exposed (municipality, person) pair as of `end`, by municipality code then person id. */
export function exposedPersons(facts: DatalekFacts, end: number): ExposedPerson[] {
  const viewsOf = new Map<number, number>();
  const key = (municipality: number, person: number) => municipality * facts.personCount + person;
  for (let v = 0; v < facts.windowViewTime.length; v++) {
    if (facts.windowViewTime[v] >= end) continue;
    const pair = key(facts.windowViewMunicipality[v], facts.windowViewPerson[v]);
    viewsOf.set(pair, (viewsOf.get(pair) ?? 0) + 1);
  }
  const result: ExposedPerson[] = [];
  let i = 0;
  while (i < facts.signalCount) {
    // Signals are sorted by (municipality, person, start): one run is one pair.
    const municipality = facts.signalMunicipality[i];
    const person = facts.signalPerson[i];
    let causes = 0;
    let first = Infinity;
    let last = -Infinity;
    const categories = new Set<number>();
    for (; i < facts.signalCount && facts.signalMunicipality[i] === municipality && facts.signalPerson[i] === person; i++) {
      if (facts.signalStart[i] >= end) continue;
      causes |= facts.signalCauses[i];
      first = Math.min(first, facts.signalStart[i]);
      last = Math.max(last, Math.min(facts.signalEnd[i], end));
      for (const category of categoriesOfSignal(facts, i)) categories.add(category);
    }
    if (first === Infinity) continue;
    result.push({
      municipality,
      person: facts.personIds[person],
      categories: codesOf(facts, categories),
      causes: [
        ...((causes & CAUSE_OVERGANGSRECHT) !== 0 ? ['overgangsrecht' as const] : []),
        ...((causes & CAUSE_ADRESKOPPELING) !== 0 ? ['adreskoppeling' as const] : []),
      ],
      first: instantOfSeconds(first),
      last: instantOfSeconds(last),
      views: viewsOf.get(key(municipality, person)) ?? 0,
    });
  }
  return result.sort((a, b) => a.municipality - b.municipality || (a.person < b.person ? -1 : a.person > b.person ? 1 : 0));
}
