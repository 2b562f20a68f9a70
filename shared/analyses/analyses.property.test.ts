// Property tests: on random small snapshots (payments with corrections on and around the
// reference date, statuses on/after it, deadlines on 29 February and exactly 12 months out,
// missing municipalities, skipped and dangling rows) every fast table equals the plain
// reference implementation of the definitions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTable, type Doelgroep } from '../tables/catalogue';
import type { TableRow } from '../tables/model';
import { fixtureSession } from '../../test/support/snapshot';
import { addCalendarMonths, dateOfDay, dayNumber } from '../dates';
import { referenceElipGemeentenRows, referenceElipPersons, referenceFirstCohort } from './elip/reference';
import { referenceBacklogByAge, referenceBacklogByMonth, referencePendingOrders } from './boete/reference';
import { referenceLateNotices } from './kennisgeving/reference';

const PEILDATA = ['2022-05-01', '2024-02-29', '2023-02-28', '2022-12-31', '2023-09-15'];

/** A date near the reference date P: on it, a day off, 12 months later, or anywhere in 2013–2025. */
const nearDate = (p: string) => fc.oneof(
  { arbitrary: fc.constant(p), weight: 3 },
  fc.tuple(fc.constant(p), fc.constantFrom(-1, 1, -30, -31, -90, -91, -181, -182, -364, -365))
    .map(([date, delta]) => dateOfDay(dayNumber(date) + delta)),
  fc.constant(addCalendarMonths(p, 12)),
  fc.integer({ min: dayNumber('2013-01-01'), max: dayNumber('2025-12-31') }).map(dateOfDay),
);
const dateArbitrary = fc.oneof(
  fc.constantFrom(...PEILDATA),
  // A day off, and the edges of the age bands and of the 30-day delivery rule.
  fc.tuple(fc.constantFrom(...PEILDATA), fc.constantFrom(-1, 1, -30, -31, -90, -91, -181, -182, -364, -365))
    .map(([date, delta]) => dateOfDay(dayNumber(date) + delta)),
  fc.constantFrom(...PEILDATA).map((date) => addCalendarMonths(date, 12)),
  fc.constantFrom('2025-02-28', '2024-02-28', '2025-03-01'),
  fc.integer({ min: dayNumber('2013-01-01'), max: dayNumber('2025-12-31') }).map(dateOfDay),
);
const quote = (value: string | number | null) => (value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value}'`);

const personFor = (date: fc.Arbitrary<string>, nullable: fc.Arbitrary<string | null>) => fc.record({
  stelsel: fc.constantFrom('Wi2007', 'Wi2013', 'Wi2013', 'Wi2013', 'Wi2021'),
  doelgroep: fc.constantFrom('asiel', 'asiel', 'gezin', 'overig'),
  plichtStart: date,
  termijnEinde: nullable,
  gemeente: fc.constantFrom(null, 'GM0001', 'GM0002', 'GM0003'), // GM0003 is not in gemeente
  status: fc.constantFrom('lopend', 'lopend', 'voldaan', 'ontheven', 'vervallen'),
  statusDatum: date,
});

/** A random small snapshot whose dates cluster around the reference date P. */
const snapshotFor = (p: string) => fc.integer({ min: 1, max: 10 }).chain((persons) => {
  const date = fc.oneof({ arbitrary: nearDate(p), weight: 4 }, { arbitrary: dateArbitrary, weight: 1 });
  const nullable = fc.option(date, { nil: null });
  const personId = fc.oneof({ arbitrary: fc.integer({ min: 0, max: persons - 1 }).map((n) => `p${n}`), weight: 7 }, { arbitrary: fc.constant('ghost'), weight: 1 });
  return fc.record({
    persons: fc.array(personFor(date, nullable), { minLength: persons, maxLength: persons }),
    payments: fc.array(
      fc.record({
        person: personId,
        datum: date,
        // Round amounts hit the thresholds exactly; negatives are corrections.
        amount: fc.oneof(fc.constantFrom(950_000, 750_000, 500_000, 450_000, 250_000, -200_000, -450_000, 1, -1), fc.integer({ min: -300_000, max: 700_000 })),
      }),
      { maxLength: 30 },
    ),
    overruns: fc.array(
      fc.record({
        person: personId, termijnEinde: date, aankondiging: nullable, afspraak: nullable,
        besluit: fc.option(fc.record({ kind: fc.constantFrom('boete', 'verlenging', 'geen_boete'), op: date }), { nil: null }),
      }),
      { maxLength: 15 },
    ),
    orders: fc.array(
      fc.record({ person: personId, soort: fc.constantFrom('boete', 'lening'), gereed: date, cjib: nullable }),
      { maxLength: 10 },
    ),
    permits: fc.array(
      fc.record({ person: personId, vergunning: date, geleverd: nullable, after: fc.option(fc.constantFrom(30, 31), { nil: null }) })
        .map((l) => ({ ...l, geleverd: l.after === null ? l.geleverd : dateOfDay(dayNumber(l.vergunning) + l.after) })),
      { maxLength: 10 },
    ),
    notices: fc.array(fc.record({ person: personId, stelsel: fc.constantFrom('Wi2013', 'Wi2021'), verzonden: date }), { maxLength: 8 }),
    skippedPayments: fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 4 }),
    skippedOverruns: fc.array(fc.integer({ min: 1, max: 15 }), { maxLength: 3 }),
    skippedPersons: fc.array(fc.integer({ min: 0, max: persons - 1 }).map((n) => `p${n}`), { maxLength: 2 }),
  });
});

type Snapshot = ReturnType<typeof snapshotFor> extends fc.Arbitrary<infer T> ? T : never;

function toSql(snapshot: Snapshot): string {
  const lines = ["INSERT INTO gemeente VALUES ('GM0001', 'Eerste', NULL), ('GM0002', 'Tweede', NULL);"];
  snapshot.persons.forEach((p, n) => {
    const statusDatum = p.status === 'lopend' ? null : p.statusDatum;
    lines.push(`INSERT INTO inburgeraar VALUES (${['p' + n, p.stelsel, p.doelgroep, p.plichtStart, p.termijnEinde, p.gemeente, p.status, statusDatum].map(quote).join(', ')});`);
  });
  snapshot.payments.forEach((b, k) => lines.push(`INSERT INTO lening_betaling (rowid, inburgeraar_id, datum, bedrag_cent) VALUES (${k + 1}, ${quote(b.person)}, ${quote(b.datum)}, ${b.amount});`));
  snapshot.overruns.forEach((t, k) => lines.push(
    `INSERT INTO termijnoverschrijding VALUES (${k + 1}, ${quote(t.person)}, ${quote(t.termijnEinde)}, ${quote(t.aankondiging)}, ${quote(t.afspraak)}, ${quote(t.besluit?.kind ?? null)}, ${quote(t.besluit?.op ?? null)}, NULL);`,
  ));
  snapshot.orders.forEach((d, k) => lines.push(`INSERT INTO dwangbevel VALUES (${k + 1}, ${quote(d.person)}, ${quote(d.soort)}, ${quote(d.gereed)}, ${quote(d.cjib)});`));
  snapshot.permits.forEach((l) => lines.push(`INSERT INTO ind_levering VALUES (${quote(l.person)}, ${quote(l.vergunning)}, ${quote(l.geleverd)});`));
  snapshot.notices.forEach((k) => lines.push(`INSERT INTO kennisgeving VALUES (${quote(k.person)}, ${quote(k.stelsel)}, ${quote(k.verzonden)});`));
  return lines.join('\n');
}

const requestArbitrary = fc.record({
  peildatum: fc.oneof(fc.constantFrom(...PEILDATA), dateArbitrary),
  tweede: dateArbitrary,
  doelgroep: fc.constantFrom<Doelgroep>('asiel', 'asiel', 'gezin', 'overig'),
  drempel: fc.constantFrom(950_000, 950_000, 500_000, 700_000, 0),
  drempelB: fc.constantFrom(750_000, 300_000, 600_000),
  mergeFrom: fc.option(fc.integer({ min: 2012, max: 2026 }), { nil: undefined }),
  period: fc.option(fc.tuple(dateArbitrary, dateArbitrary).map(([a, b]) => (a <= b ? [a, b] : [b, a])), { nil: null }),
});

/** The cohort years a column key covers: 'YYYY' or 'YYYY-YYYY'. */
function yearsOf(key: string): [number, number] {
  const [from, to = from] = key.split('-').map(Number) as [number, number?];
  return [from, to];
}

describe('fast analyses equal the reference', () => {
  it('for every table on random snapshots', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary.chain((request) => fc.tuple(snapshotFor(request.peildatum), fc.constant(request))), async ([snapshot, request]) => {
        const session = await fixtureSession(toSql(snapshot), {
          skipped: { lening_betaling: snapshot.skippedPayments, termijnoverschrijding: snapshot.skippedOverruns },
          skippedKeys: { inburgeraar: snapshot.skippedPersons },
        });
        const db = session.snapshot.db;
        const p = request.peildatum;
        const elip = { doelgroep: request.doelgroep, drempel_cent: request.drempel, drempel_b_cent: request.drempelB };

        // elip-cohorten at two dates.
        const peildata = [p, request.tweede];
        const cohorten = buildTable(session, 'elip-cohorten', {
          peildata, doelgroep: request.doelgroep, drempel_cent: request.drempel, cohort_merge_from: request.mergeFrom,
        });
        const latest = p > request.tweede ? p : request.tweede;
        const cohortKeys = cohorten.columns.map((c) => c.key).filter((key) => key !== 'peildatum' && key !== 'totaal');
        const first = referenceFirstCohort(db, request.doelgroep, latest);
        if (first === null) expect(cohortKeys).toEqual([]);
        else {
          expect(yearsOf(cohortKeys[0]!)[0]).toBe(first);
          expect(yearsOf(cohortKeys.at(-1)!)[1]).toBe(Number(latest.slice(0, 4)));
        }
        peildata.forEach((peildatum, index) => {
          const persons = referenceElipPersons(db, { ...elip, peildatum }).filter((person) => person.group === 'A');
          const expected: TableRow = { peildatum };
          for (const key of cohortKeys) {
            const [from, to] = yearsOf(key);
            expected[key] = persons.filter((person) => person.cohort >= from && person.cohort <= to).length;
          }
          expected.totaal = persons.length;
          expect(cohorten.rows[index]).toEqual(expected);
        });

        // elip-gemeenten.
        const gemeenten = buildTable(session, 'elip-gemeenten', {
          peildata: [p], doelgroep: request.doelgroep, drempel_cent: request.drempel, drempel_b_cent: request.drempelB,
        });
        expect(gemeenten.rows).toEqual(referenceElipGemeentenRows(db, { ...elip, peildatum: p }));
        // A threshold change in the same session reuses the date's persons and loans (elipDay).
        const changed = { ...elip, drempel_cent: Math.floor(request.drempel / 2), drempel_b_cent: Math.floor(request.drempelB / 3) };
        expect(buildTable(session, 'elip-gemeenten', { peildata: [p], ...changed }).rows).toEqual(referenceElipGemeentenRows(db, { ...changed, peildatum: p }));

        // Enforcement.
        expect(buildTable(session, 'boete-achterstand', { peildata: [p] }).rows).toEqual(referenceBacklogByMonth(db, p));
        const ages = referenceBacklogByAge(db, p);
        expect(buildTable(session, 'boete-ouderdom', { peildata: [p] }).rows).toEqual(
          ['0-3m', '3-6m', '6-12m', '12m+'].map((band) => ({ band, achterstand: ages[band] })),
        );
        const period = request.period === null ? { vanaf: null, tot_en_met: null } : { vanaf: request.period[0], tot_en_met: request.period[1] };
        const periodRequest = request.period === null ? {} : { vanaf: request.period[0], tot_en_met: request.period[1] };
        expect(buildTable(session, 'incasso-achterstand', { peildata: [p], ...periodRequest }).rows).toEqual(
          referencePendingOrders(db, p, period),
        );

        // Notices.
        expect(buildTable(session, 'kennisgeving-vertraging', { peildata: [p], ...periodRequest }).rows).toEqual(
          referenceLateNotices(db, p, period),
        );
        session.snapshot.close();
      }),
      { numRuns: 200 },
    );
  });
});
