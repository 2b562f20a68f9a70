// The data-leak exposure (DATALEK.md): per municipality and per data category, the persons,
// views, users and person-seconds of unlawful portal signals ending by a moment; and the
// exposure of a session as of a request's reference date — facts read once per session,
// exposure computed once per date, so switching P is cheap.
import { CAUSE_ADRESKOPPELING, CAUSE_OVERGANGSRECHT, datalekFacts, type DatalekFacts } from './facts';
import type { TableRequest } from '../../tables/definition';
import type { AnalysisSession } from '../../tables/session';
import { endOfDate, SECONDS_PER_DAY } from '../../dates';
import { peildatumOf } from '../common/parameters';


export interface MunicipalityExposure {
  municipality: number;
  persons: number;
  personsViewed: number;
  views: number;
  users: number;
  personsOvergangsrecht: number;
  personsAdreskoppeling: number;
  /** Earliest window start and latest (cut) window end, seconds since the epoch. */
  first: number;
  last: number;
  /** Sum over exposed persons of the length of the union of their windows, in seconds. */
  personSeconds: number;
  /** Category indices of its unlawful signals, ascending. */
  categories: number[];
  special: boolean;
}

export interface CategoryExposure {
  category: number;
  persons: number;
  municipalities: number;
}

export interface Exposure {
  /** The end of P in seconds (the next day 00:00:00Z). */
  end: number;
  /** Municipalities with at least one unlawful signal visible before the end of P, by index (= by code). */
  municipalities: MunicipalityExposure[];
  /** Categories of those signals, by index (= by code). */
  categories: CategoryExposure[];
  /** Over all municipalities: distinct persons exposed and viewed, counted views, distinct users. */
  persons: number;
  personsViewed: number;
  views: number;
  users: number;
  first: number | null;
  last: number | null;
  /** Views of unlawful signals before the end of P that lie outside their signal's window. */
  viewsOutsideWindow: number;
}

/**
 * Exposure as of the instant `end` (seconds): signals visible from `end` on are left out and
 * windows are cut at `end`; a view counts when it lies in [start, min(end of window, end)).
 */
export function exposureAt(facts: DatalekFacts, end: number): Exposure {
  const municipalityCount = facts.municipalityCodes.length;
  const categoryCount = facts.categoryCodes.length;
  const persons = new Int32Array(municipalityCount);
  const personsOvergangsrecht = new Int32Array(municipalityCount);
  const personsAdreskoppeling = new Int32Array(municipalityCount);
  const first = new Float64Array(municipalityCount).fill(Infinity);
  const last = new Float64Array(municipalityCount).fill(-Infinity);
  const personSeconds = new Float64Array(municipalityCount);
  const categoryPresent = new Uint8Array(municipalityCount * categoryCount);
  const personSeen = new Uint8Array(facts.personCount);
  let distinctPersons = 0;

  const { signalMunicipality, signalPerson, signalStart, signalEnd, signalCauses } = facts;
  let i = 0;
  while (i < facts.signalCount) {
    // One run = one person at one municipality; signals in it are sorted by start.
    const municipality = signalMunicipality[i];
    const person = signalPerson[i];
    let causes = 0;
    let unionStart = 0;
    let unionEnd = 0;
    let seconds = 0;
    let visible = false;
    for (; i < facts.signalCount && signalMunicipality[i] === municipality && signalPerson[i] === person; i++) {
      const start = signalStart[i];
      if (start >= end) continue;
      const windowEnd = Math.min(signalEnd[i], end);
      if (!visible) {
        visible = true;
        unionStart = start;
        unionEnd = windowEnd;
      }
      causes |= signalCauses[i];
      if (start < first[municipality]) first[municipality] = start;
      if (windowEnd > last[municipality]) last[municipality] = windowEnd;
      for (let c = facts.categoryOffsets[i]; c < facts.categoryOffsets[i + 1]; c++) {
        categoryPresent[municipality * categoryCount + facts.categoryList[c]] = 1;
      }
      if (start > unionEnd) {
        seconds += unionEnd - unionStart;
        unionStart = start;
        unionEnd = windowEnd;
      } else if (windowEnd > unionEnd) {
        unionEnd = windowEnd;
      }
    }
    if (!visible) continue;
    seconds += unionEnd - unionStart;
    persons[municipality] += 1;
    personSeconds[municipality] += seconds;
    if ((causes & CAUSE_OVERGANGSRECHT) !== 0) personsOvergangsrecht[municipality] += 1;
    if ((causes & CAUSE_ADRESKOPPELING) !== 0) personsAdreskoppeling[municipality] += 1;
    if (personSeen[person] === 0) {
      personSeen[person] = 1;
      distinctPersons += 1;
    }
  }

  const views = new Int32Array(municipalityCount);
  let totalViews = 0;
  for (let v = 0; v < facts.windowViewTime.length; v++) {
    if (facts.windowViewTime[v] < end) {
      views[facts.windowViewMunicipality[v]] += 1;
      totalViews += 1;
    }
  }
  const users = countPairsBefore(facts.userPairMunicipality, facts.userPairFirst, end, municipalityCount);
  const personsViewed = countPairsBefore(facts.viewedPairMunicipality, facts.viewedPairFirst, end, municipalityCount);
  let viewsOutsideWindow = 0;
  for (let v = 0; v < facts.outsideViewFrom.length; v++) if (facts.outsideViewFrom[v] < end) viewsOutsideWindow += 1;

  const municipalities: MunicipalityExposure[] = [];
  let overallFirst = Infinity;
  let overallLast = -Infinity;
  for (let m = 0; m < municipalityCount; m++) {
    if (persons[m] === 0) continue;
    const categories: number[] = [];
    let special = false;
    for (let c = 0; c < categoryCount; c++) {
      if (categoryPresent[m * categoryCount + c] === 0) continue;
      categories.push(c);
      special ||= facts.categorySpecial[c];
    }
    overallFirst = Math.min(overallFirst, first[m]);
    overallLast = Math.max(overallLast, last[m]);
    municipalities.push({
      municipality: m,
      persons: persons[m],
      personsViewed: personsViewed.perMunicipality[m],
      views: views[m],
      users: users.perMunicipality[m],
      personsOvergangsrecht: personsOvergangsrecht[m],
      personsAdreskoppeling: personsAdreskoppeling[m],
      first: first[m],
      last: last[m],
      personSeconds: personSeconds[m],
      categories,
      special,
    });
  }

  return {
    end,
    municipalities,
    categories: categoryExposure(facts, end, categoryPresent),
    persons: distinctPersons,
    personsViewed: distinctViewedPersons(facts, end),
    views: totalViews,
    users: distinctUsers(facts, end),
    first: municipalities.length > 0 ? overallFirst : null,
    last: municipalities.length > 0 ? overallLast : null,
    viewsOutsideWindow,
  };
}

function countPairsBefore(
  pairMunicipality: Int32Array,
  pairFirst: Float64Array,
  end: number,
  municipalityCount: number,
): { perMunicipality: Int32Array } {
  const perMunicipality = new Int32Array(municipalityCount);
  for (let p = 0; p < pairFirst.length; p++) if (pairFirst[p] < end) perMunicipality[pairMunicipality[p]] += 1;
  return { perMunicipality };
}

function distinctViewedPersons(facts: DatalekFacts, end: number): number {
  return distinctMembers(facts.viewedPairPerson, facts.viewedPairFirst, end, facts.personCount);
}

function distinctUsers(facts: DatalekFacts, end: number): number {
  return distinctMembers(facts.userPairUser, facts.userPairFirst, end, facts.userCount);
}

function distinctMembers(member: Int32Array, first: Float64Array, end: number, memberCount: number): number {
  const seen = new Uint8Array(memberCount);
  let count = 0;
  for (let p = 0; p < first.length; p++) {
    if (first[p] >= end || seen[member[p]] === 1) continue;
    seen[member[p]] = 1;
    count += 1;
  }
  return count;
}

/** Per category: distinct persons (signals walked by person) and municipalities. */
function categoryExposure(facts: DatalekFacts, end: number, categoryPresent: Uint8Array): CategoryExposure[] {
  const categoryCount = facts.categoryCodes.length;
  const persons = new Int32Array(categoryCount);
  const lastPerson = new Int32Array(categoryCount).fill(-1);
  for (const i of facts.signalsByPerson) {
    if (facts.signalStart[i] >= end) continue;
    const person = facts.signalPerson[i];
    for (let c = facts.categoryOffsets[i]; c < facts.categoryOffsets[i + 1]; c++) {
      const category = facts.categoryList[c];
      if (lastPerson[category] === person) continue;
      lastPerson[category] = person;
      persons[category] += 1;
    }
  }
  const result: CategoryExposure[] = [];
  const municipalityCount = facts.municipalityCodes.length;
  for (let c = 0; c < categoryCount; c++) {
    if (persons[c] === 0) continue;
    let municipalities = 0;
    for (let m = 0; m < municipalityCount; m++) municipalities += categoryPresent[m * categoryCount + c];
    result.push({ category: c, persons: persons[c], municipalities });
  }
  return result;
}

/** The exposure as of the request's reference date, computed once per date and session. */
export function exposureFor(session: AnalysisSession, request: TableRequest): { peildatum: string; exposure: Exposure } {
  const peildatum = peildatumOf(request, session.snapshot);
  const facts = datalekFacts(session);
  const exposure = session.cached(`datalek/exposure/${peildatum}`, () => exposureAt(facts, endOfDate(peildatum)));
  return { peildatum, exposure };
}

/** Person-seconds as days of 86.400 s with one decimal (the sum is rounded, not each person). */
export function personDays(seconds: number): number {
  return Math.round(seconds / (SECONDS_PER_DAY / 10)) / 10;
}
