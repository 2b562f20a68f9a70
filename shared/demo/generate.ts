// The demo snapshot of demo-v1.md: builds every population from one fixed seed, checks the
// published figures on the model, and writes the plaintext SQLite bytes. Isomorphic: the
// caller hands in the sql.js module (Node and browser load its WebAssembly differently).
import type { SqlJsStatic } from 'sql.js';
import { tabelOnePersons, elipBPersons } from './elip';
import { currentOverruns, historicalEnforcement, peakOverruns } from './handhaving';
import { PEILDATUM, type DemoModel, type Person } from './model';
import { breachDeliveries, breachPersons, otherWi2013Persons, wi2007Persons, wi2021Persons } from './populations';
import { incidents, portalSignals } from './portaal';
import { createRandom, shuffled } from './random';
import { verifyDemoModel } from './verify';
import { EARLIER_PEILDATUM, buildEarlierModel } from './earlier';
import { personId, writeModel } from './write';

export const DEMO_SEED = 20230915;
export const DEMO_PSEUDONIEM_DOMEIN = 'ketenlens-demo';
/**
 * Changes whenever the generator's output changes, so a demo file made by an older build
 * in a data directory is made again (shared/node/demo).
 */
export const DEMO_VERSION = '3';

export const DEMO_META: Readonly<Record<string, string>> = {
  schema_version: '1',
  peildatum: PEILDATUM,
  bron: 'DUO',
  gemeente_jaar: '2023',
  titel: 'Demo-snapshot Ketenlens — synthetische gegevens, geen echte personen',
  aangemaakt_op: '2023-09-18T07:30:00Z',
  producent: 'Ketenlens demo-generator',
  opmerking:
    'Synthetisch gemaakt met een vaste seed; reproduceert gepubliceerde cijfers uit Kamerstuk 32 824, nr. 391 en '
    + 'eerdere brieven. Geen enkele rij beschrijft een echt persoon.',
  // Both demo snapshots share it, so their person ids may be matched (snapshot-v1.md, addendum).
  pseudoniem_domein: DEMO_PSEUDONIEM_DOMEIN,
};

/** The meta of the earlier demo extract (peildatum 2023-07-13); same pseudonym domain. */
export const EARLIER_DEMO_META: Readonly<Record<string, string>> = {
  ...DEMO_META,
  peildatum: EARLIER_PEILDATUM,
  titel: 'Demo-snapshot Ketenlens, eerdere extractie (13 juli 2023) — synthetische gegevens, geen echte personen',
  aangemaakt_op: '2023-07-14T07:30:00Z',
  opmerking:
    'Synthetisch; dezelfde demowereld als de demo-snapshot, maar zoals een extractie van 13 juli 2023 die zag, met '
    + 'te laat geleverde, gecorrigeerde en gewijzigde gegevens (docs/DEMO.md). Geen enkele rij beschrijft een echt persoon.',
};

/** The demo model: all rows, before ids and SQLite. */
export function buildDemoModel(seed = DEMO_SEED): DemoModel {
  const random = createRandom(seed);
  const elipA = tabelOnePersons(random);
  const others = otherWi2013Persons(random, 9_000, 8_000);
  const elipB = elipBPersons(random, [...elipA, ...others]);
  const breach = breachPersons(random, 3_842);
  const wi2007 = wi2007Persons(random);
  const wi2021 = wi2021Persons(random, 17_000, 332);
  const derived = currentOverruns([...elipA, ...elipB, ...others, ...breach]);
  const peak = peakOverruns(random, derived, 6_100);
  const historical = historicalEnforcement(random);
  const wi2013: Person[] = [...elipA, ...elipB, ...others, ...breach, ...peak.persons, ...historical.persons];
  const portal = portalSignals(random, { wi2021Notices: wi2021.notices, coaLinked: wi2021.coaLinked, breach, wi2013 });
  const persons = [...wi2013, ...wi2007, ...wi2021.persons];
  // Pseudonyms in random order, so an id says nothing about how a person was made.
  shuffled(random, persons.map((_, index) => index)).forEach((number, index) => {
    (persons[index] as Person).id = personId(number);
  });
  return {
    persons,
    overruns: [...historical.overruns, ...peak.overruns].sort((left, right) => left.termijnEinde - right.termijnEinde),
    orders: historical.orders.sort((left, right) => left.gereed - right.gereed),
    signals: portal.signals.sort((left, right) => left.from - right.from),
    notices: [...wi2021.notices, ...portal.wrongNotices, ...portal.correctedNotices].sort((left, right) => left.day - right.day),
    deliveries: [...breachDeliveries(random, breach), ...wi2021.deliveries].sort((left, right) => left.vergunning - right.vergunning),
    incidents: incidents(),
  };
}

/** The plaintext SQLite bytes of the demo snapshot; identical for every run. */
export function generateDemoSnapshot(sql: SqlJsStatic): Uint8Array {
  const model = buildDemoModel();
  verifyDemoModel(model);
  return writeModel(sql, model, DEMO_META);
}

/** The plaintext SQLite bytes of the earlier demo extract (peildatum 2023-07-13); identical for every run. */
export function generateEarlierDemoSnapshot(sql: SqlJsStatic): Uint8Array {
  return writeModel(sql, buildEarlierModel(buildDemoModel()), EARLIER_DEMO_META);
}
