// The precomputed facts of the data-leak analyses: every unlawful portal signal and every
// view of one, as typed arrays, read from the snapshot once per session. Whether a signal
// is unlawful does not depend on the reference date, so only the cut at the end of P is
// left for compute.ts, which then needs one linear pass per date.
import type { Database, SqlValue } from 'sql.js';
import { forEachRow, selectValue } from '../../snapshot/sql';
import type { OpenedSnapshot } from '../../snapshot/types';
import type { AnalysisSession } from '../../tables/session';
import { countingSort, firstPerPair, identity, sortByMunicipalityPersonStart } from './sort';
import { scanUnlawfulSignalRows, scanViewRows } from './facts-scan';
import { UNLAWFUL_SIGNALS_SQL, viewsSql } from './facts-queries';

export { OPEN_END } from './facts-queries';

/** Cause bits of an unlawful signal. */
export const CAUSE_OVERGANGSRECHT = 1;
export const CAUSE_ADRESKOPPELING = 2;

export interface DatalekFacts {
  municipalityCodes: string[];
  municipalityNames: string[];
  categoryCodes: string[];
  categoryDescriptions: string[];
  categorySpecial: boolean[];
  personCount: number;
  /** `inburgeraar.id` of each person index (pseudonymous in the snapshot); for the art. 34 list. */
  personIds: string[];

  /**
   * Unlawful signals, sorted by (municipality, person, start). Seconds since the epoch;
   * `end` is OPEN_END for a signal still visible.
   */
  signalCount: number;
  signalMunicipality: Int32Array;
  signalPerson: Int32Array;
  signalStart: Float64Array;
  signalEnd: Float64Array;
  signalCauses: Uint8Array;
  /** Categories of signal i: categoryList[categoryOffsets[i] .. categoryOffsets[i + 1]). */
  categoryOffsets: Int32Array;
  categoryList: Int32Array;
  /** The signals again, ordered by person (for distinct persons per category). */
  signalsByPerson: Int32Array;

  /** Views of unlawful signals inside their window (ignoring P): municipality and moment. */
  windowViewMunicipality: Int32Array;
  windowViewTime: Float64Array;
  /** Per such view: its user, its person and its signal's position (for the drill-down). */
  windowViewUser: Int32Array;
  windowViewPerson: Int32Array;
  windowViewSignal: Int32Array;
  userCount: number;
  /** `portaal_inzage.gebruiker` of each user index (pseudonymous in the snapshot). */
  userNames: string[];
  /** Distinct (municipality, user) pairs over those views, with their earliest view. */
  userPairMunicipality: Int32Array;
  userPairUser: Int32Array;
  userPairFirst: Float64Array;
  /** Distinct (municipality, person) pairs over those views, with their earliest view. */
  viewedPairMunicipality: Int32Array;
  viewedPairPerson: Int32Array;
  viewedPairFirst: Float64Array;
  /**
   * Views of unlawful signals outside their window: the moment from which they are
   * visible in a count as of P (the later of the view and the signal's start).
   */
  outsideViewFrom: Float64Array;

  /** Rows the loader did not mark as skipped but these analyses could not use, by reason. */
  unusable: { signals: number; views: number; categoryLinks: number };
}

/** The facts of a session's snapshot, computed on first use. */
export function datalekFacts(session: AnalysisSession): DatalekFacts {
  return session.cached('datalek/facts', () => computeDatalekFacts(session.snapshot));
}

function isSkipped<K>(set: ReadonlySet<K> | undefined, key: K): boolean {
  return set !== undefined && set.size > 0 && set.has(key);
}

interface Dictionary {
  codes: string[];
  index: Map<string, number>;
}

/** Municipalities by code (not skipped), with their names. */
function readMunicipalities(snapshot: OpenedSnapshot): Dictionary & { names: string[] } {
  const skipped = snapshot.skippedKeys?.gemeente;
  const result: Dictionary & { names: string[] } = { codes: [], names: [], index: new Map() };
  forEachRow(snapshot.db, 'SELECT code, naam FROM gemeente ORDER BY code', ([code, name]) => {
    if (typeof code !== 'string' || isSkipped(skipped, code) || result.index.has(code)) return;
    result.index.set(code, result.codes.length);
    result.codes.push(code);
    result.names.push(typeof name === 'string' ? name : code);
  });
  return result;
}

/** Data categories by code (not skipped), with description and whether special. */
function readCategories(snapshot: OpenedSnapshot): Dictionary & { descriptions: string[]; special: boolean[] } {
  const skipped = snapshot.skippedKeys?.gegevenscategorie;
  const result: Dictionary & { descriptions: string[]; special: boolean[] } = { codes: [], descriptions: [], special: [], index: new Map() };
  forEachRow(snapshot.db, 'SELECT code, omschrijving, bijzonder FROM gegevenscategorie ORDER BY code', ([code, description, special]) => {
    if (typeof code !== 'string' || isSkipped(skipped, code) || result.index.has(code)) return;
    result.index.set(code, result.codes.length);
    result.codes.push(code);
    result.descriptions.push(typeof description === 'string' ? description : '');
    result.special.push(Number(special) === 1);
  });
  return result;
}

/** The unlawful signals as read, in table order, before sorting and packing. */
interface UnlawfulSignals {
  /** Signals are referred to by id (= rowid for INTEGER PRIMARY KEY) and skipped by rowid. */
  id: number[];
  municipality: number[];
  person: number[];
  start: number[];
  end: number[];
  causes: number[];
  /** Categories of the i-th signal read: categoryFlat[categoryStart[i] .. categoryStart[i + 1]). */
  categoryStart: number[];
  categoryFlat: number[];
  personCount: number;
  personIds: string[];
  unusableSignals: number;
  unusableLinks: number;
}

/** How computeDatalekFacts reads: `sqlOnly` skips the b-tree scanner (the reference, for tests). */
export interface ReadOptions {
  sqlOnly?: boolean;
}

/** The unlawful signals (UNLAWFUL_SIGNALS_SQL's rows, read by the scanner or by SQL), numbered persons. */
function readUnlawfulSignals(snapshot: OpenedSnapshot, municipalities: Dictionary, categories: Dictionary, options: ReadOptions): UnlawfulSignals {
  const skippedSignals = snapshot.skipped.portaal_signaal;
  const skippedPersons = snapshot.skippedKeys?.inburgeraar;
  const skippedLinks = snapshot.skippedKeys?.signaal_gegeven;
  const personIndex = new Map<string, number>();
  const result: UnlawfulSignals = {
    id: [], municipality: [], person: [], start: [], end: [], causes: [], categoryStart: [0], categoryFlat: [],
    personCount: 0, personIds: [], unusableSignals: 0, unusableLinks: 0,
  };
  const addCategories = (id: number, codes: SqlValue): void => {
    const from = result.categoryFlat.length;
    if (typeof codes === 'string') {
      for (const code of codes.split('\u001f')) {
        if (isSkipped(skippedLinks, `${id}/${code}`)) continue;
        const index = categories.index.get(code);
        if (index === undefined) result.unusableLinks += 1;
        else if (!result.categoryFlat.includes(index, from)) result.categoryFlat.push(index);
      }
    }
    result.categoryStart.push(result.categoryFlat.length);
  };
  const visit = ([rowid, id, causes, personId, code, start, end, categoryCodes]: SqlValue[]): void => {
    if (isSkipped(skippedSignals, Number(rowid)) || isSkipped(skippedPersons, String(personId))) return;
    const municipality = typeof code === 'string' ? municipalities.index.get(code) : undefined;
    if (municipality === undefined || typeof id !== 'number' || typeof start !== 'number' || typeof end !== 'number') {
      result.unusableSignals += 1;
      return;
    }
    const key = String(personId);
    let person = personIndex.get(key);
    if (person === undefined) {
      person = personIndex.size;
      personIndex.set(key, person);
    }
    result.id.push(id);
    result.municipality.push(municipality);
    result.person.push(person);
    result.start.push(start);
    // A window that ends before it starts is empty (the loader normally skips it).
    result.end.push(Math.max(start, end));
    result.causes.push(Number(causes));
    addCategories(id, categoryCodes);
  };
  const scanned = options.sqlOnly === true ? null : scanUnlawfulSignalRows(snapshot);
  if (scanned === null) forEachRow(snapshot.db, UNLAWFUL_SIGNALS_SQL, visit);
  else for (const row of scanned) visit(row);
  result.personCount = personIndex.size;
  result.personIds = Array.from(personIndex.keys());
  return result;
}

type SignalFacts = Pick<
  DatalekFacts,
  'signalCount' | 'signalMunicipality' | 'signalPerson' | 'signalStart' | 'signalEnd' | 'signalCauses' | 'categoryOffsets' | 'categoryList' | 'signalsByPerson'
>;

/** Typed arrays sorted by (municipality, person, start), and where each signal id went. */
function packSignals(signals: UnlawfulSignals, municipalityCount: number, positionOfId: IdIndex): SignalFacts {
  const count = signals.id.length;
  const order = sortByMunicipalityPersonStart(signals.municipality, signals.person, signals.start, municipalityCount, signals.personCount);
  const packed = {
    signalCount: count,
    signalMunicipality: new Int32Array(count),
    signalPerson: new Int32Array(count),
    signalStart: new Float64Array(count),
    signalEnd: new Float64Array(count),
    signalCauses: new Uint8Array(count),
    categoryOffsets: new Int32Array(count + 1),
  };
  for (let position = 0; position < count; position++) {
    const original = order[position];
    packed.signalMunicipality[position] = signals.municipality[original];
    packed.signalPerson[position] = signals.person[original];
    packed.signalStart[position] = signals.start[original];
    packed.signalEnd[position] = signals.end[original];
    packed.signalCauses[position] = signals.causes[original];
    packed.categoryOffsets[position + 1] =
      packed.categoryOffsets[position] + signals.categoryStart[original + 1] - signals.categoryStart[original];
    positionOfId.set(signals.id[original], position);
  }
  const categoryList = new Int32Array(packed.categoryOffsets[count]);
  for (let position = 0; position < count; position++) {
    const original = order[position];
    for (let c = signals.categoryStart[original], to = packed.categoryOffsets[position]; c < signals.categoryStart[original + 1]; c++, to++) {
      categoryList[to] = signals.categoryFlat[c];
    }
  }
  return {
    ...packed,
    categoryList,
    signalsByPerson: countingSort(packed.signalPerson, signals.personCount, identity(count)),
  };
}

/** Read and index the snapshot. Exported for benchmarks and tests; use datalekFacts(). */
export function computeDatalekFacts(snapshot: OpenedSnapshot, options: ReadOptions = {}): DatalekFacts {
  const db = snapshot.db;
  const municipalities = readMunicipalities(snapshot);
  const categories = readCategories(snapshot);
  const unlawful = readUnlawfulSignals(snapshot, municipalities, categories, options);
  // rowCounts would run every table's checks on a snapshot opened with checks when needed.
  const signalTotal = (snapshot.checksComplete ? snapshot.rowCounts.portaal_signaal : undefined) ?? countRows(db, 'portaal_signaal');
  const positionOfId = new IdIndex(maxId(db), Math.min(16_000_000, 4 * signalTotal + 1024));
  const signals = packSignals(unlawful, municipalities.codes.length, positionOfId);

  // Only the views of unlawful signals are read when those are few; otherwise one scan.
  const selective = signals.signalCount * 4 < signalTotal;
  const views = loadViews(
    snapshot,
    selective,
    unlawful.id,
    positionOfId,
    signals,
    municipalities.codes.length,
    unlawful.personCount,
    options,
  );

  return {
    municipalityCodes: municipalities.codes,
    municipalityNames: municipalities.names,
    categoryCodes: categories.codes,
    categoryDescriptions: categories.descriptions,
    categorySpecial: categories.special,
    personCount: unlawful.personCount,
    personIds: unlawful.personIds,
    ...signals,
    ...views.facts,
    unusable: { signals: unlawful.unusableSignals, views: views.unusable, categoryLinks: unlawful.unusableLinks },
  };
}

type ViewFacts = Pick<
  DatalekFacts,
  | 'windowViewMunicipality' | 'windowViewTime' | 'windowViewUser' | 'windowViewPerson' | 'windowViewSignal' | 'userCount' | 'userNames' | 'userPairMunicipality' | 'userPairUser' | 'userPairFirst'
  | 'viewedPairMunicipality' | 'viewedPairPerson' | 'viewedPairFirst' | 'outsideViewFrom'
>;

function loadViews(
  snapshot: OpenedSnapshot,
  selective: boolean,
  unlawfulIds: readonly number[],
  positionOfId: IdIndex,
  signals: Pick<DatalekFacts, 'signalMunicipality' | 'signalPerson' | 'signalStart' | 'signalEnd'>,
  municipalityCount: number,
  personCount: number,
  options: ReadOptions,
): { facts: ViewFacts; unusable: number } {
  const skippedViews = snapshot.skipped.portaal_inzage;
  const userIndex = new Map<string, number>();
  const windowMunicipality: number[] = [];
  const windowTime: number[] = [];
  const windowUser: number[] = [];
  const windowPerson: number[] = [];
  const windowSignal: number[] = [];
  const outsideFrom: number[] = [];
  let unusable = 0;
  const visit = ([rowid, signalId, time, user]: SqlValue[]): void => {
    const signal = positionOfId.get(Number(signalId));
    if (signal < 0 || isSkipped(skippedViews, Number(rowid))) return;
    if (typeof time !== 'number' || user === null) {
      unusable += 1;
      return;
    }
    const start = signals.signalStart[signal];
    if (time >= start && time < signals.signalEnd[signal]) {
      const key = String(user);
      let index = userIndex.get(key);
      if (index === undefined) {
        index = userIndex.size;
        userIndex.set(key, index);
      }
      windowMunicipality.push(signals.signalMunicipality[signal]);
      windowTime.push(time);
      windowUser.push(index);
      windowPerson.push(signals.signalPerson[signal]);
      windowSignal.push(signal);
    } else {
      outsideFrom.push(Math.max(time, start));
    }
  };
  const scanned = options.sqlOnly === true ? null : scanViewRows(snapshot, selective, (id) => positionOfId.get(id));
  if (scanned === null) forEachRow(snapshot.db, viewsSql(selective), visit, selective ? [JSON.stringify(unlawfulIds)] : []);
  else for (const row of scanned) visit(row);
  const users = firstPerPair(windowMunicipality, windowUser, windowTime, municipalityCount, userIndex.size);
  const persons = firstPerPair(windowMunicipality, windowPerson, windowTime, municipalityCount, personCount);
  return {
    facts: {
      windowViewMunicipality: Int32Array.from(windowMunicipality),
      windowViewTime: Float64Array.from(windowTime),
      windowViewUser: Int32Array.from(windowUser),
      windowViewPerson: Int32Array.from(windowPerson),
      windowViewSignal: Int32Array.from(windowSignal),
      userCount: userIndex.size,
      userNames: Array.from(userIndex.keys()),
      userPairMunicipality: users.municipality,
      userPairUser: users.member,
      userPairFirst: users.first,
      viewedPairMunicipality: persons.municipality,
      viewedPairPerson: persons.member,
      viewedPairFirst: persons.first,
      outsideViewFrom: Float64Array.from(outsideFrom),
    },
    unusable,
  };
}

/**
 * Signal id → position among the unlawful signals (-1: not one). A typed array when the
 * ids are small enough, as INTEGER PRIMARY KEY ids usually are; a Map otherwise.
 */
class IdIndex {
  private readonly dense: Int32Array | null;
  private readonly sparse = new Map<number, number>();

  /** `denseLimit`: the largest id worth an array (a few times the number of signals). */
  constructor(maxId: number, denseLimit: number) {
    this.dense = Number.isInteger(maxId) && maxId >= 0 && maxId <= denseLimit ? new Int32Array(maxId + 1).fill(-1) : null;
  }

  set(id: number, position: number): void {
    if (this.dense !== null && Number.isInteger(id) && id >= 0 && id < this.dense.length) this.dense[id] = position;
    else this.sparse.set(id, position);
  }

  get(id: number): number {
    if (this.dense !== null && Number.isInteger(id) && id >= 0 && id < this.dense.length) return this.dense[id];
    return this.sparse.get(id) ?? -1;
  }
}

function countRows(db: Database, table: string): number {
  return Number(selectValue(db, `SELECT count(*) FROM ${table}`));
}

function maxId(db: Database): number {
  const value = selectValue(db, 'SELECT max(id) FROM portaal_signaal');
  return typeof value === 'number' ? value : -1;
}
