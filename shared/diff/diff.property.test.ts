// Property test: on random pairs of small snapshots (persons only in one, payments added,
// withdrawn and changed, overruns announced and decided differently, signals and views
// added or moved, municipalities changed, dangling and invalid rows the loader skips) the
// cause decomposition of every decomposable cell adds up exactly to that cell's difference
// as the real tables (buildTable) compute it, at the same parameters and at each
// snapshot's own peildatum; and no person id leaves the comparison.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { SNAPSHOT_SCHEMA_SQL } from '../snapshot/schema';
import { openSnapshotFromPlaintext } from '../snapshot/open';
import { cachedSqlJsProvider } from '../snapshot/sqljs';
import { createAnalysisSession, type AnalysisSession } from '../tables/session';
import { DECOMPOSABLE_TABLES, isDecomposableColumn } from './contributions';
import { diffSnapshots, netOfCauses } from './diff';

const provider = cachedSqlJsProvider(() => initSqlJs());
const OLD_P = '2023-03-31';
const NEW_P = '2023-06-30';
const DATES = ['2022-01-05', '2022-10-31', '2023-01-01', '2023-03-30', OLD_P, '2023-04-01', '2023-05-15', NEW_P];
const INSTANTS = ['2022-01-04T10:00:00Z', '2022-01-06T09:00:00Z', '2023-03-31T23:59:59Z', '2023-04-01T00:00:00Z', '2023-05-01T12:00:00Z'];
const PERSONS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'];
type Presence = 'both' | 'old' | 'new';
const presence = fc.constantFrom<Presence>('both', 'both', 'both', 'old', 'new');
const date = fc.constantFrom(...DATES);
const maybeDate = fc.option(date, { nil: null });

const personArbitrary = fc.record({
  presence, stelsel: fc.constantFrom('Wi2013', 'Wi2013', 'Wi2021'), doelgroep: fc.constantFrom('asiel', 'asiel', 'gezin'),
  plichtStart: fc.constantFrom('2019-03-01', '2021-06-01', '2022-02-01'), termijnEinde: maybeDate,
  gemeente: fc.constantFrom(null, 'GM0001', 'GM0002'), newGemeente: fc.option(fc.constantFrom(null, 'GM0001', 'GM0002'), { nil: undefined }),
  status: fc.constantFrom('lopend', 'lopend', 'voldaan'), statusDatum: date, newStatus: fc.option(fc.constantFrom('lopend', 'ontheven'), { nil: undefined }),
});
const row = <T>(fields: fc.Arbitrary<T>) => fc.record({ presence, person: fc.constantFrom(...PERSONS, 'ghost'), fields, changed: fc.boolean() });
const pairArbitrary = fc.record({
  persons: fc.array(personArbitrary, { minLength: PERSONS.length, maxLength: PERSONS.length }),
  payments: fc.array(row(fc.record({ datum: date, amount: fc.constantFrom(950_000, 400_000, 760_000, -300_000, 200_000) })), { maxLength: 16 }),
  overruns: fc.array(row(fc.record({ termijnEinde: date, aankondiging: maybeDate, besluit: fc.option(fc.tuple(fc.constantFrom('boete', 'geen_boete'), date), { nil: null }) })), { maxLength: 10 }),
  signals: fc.array(row(fc.record({
    gemeente: fc.constantFrom('GM0001', 'GM0002'), stelsel: fc.constantFrom('Wi2013', 'Wi2021'), from: fc.constantFrom(...INSTANTS.slice(0, 3)),
    until: fc.option(fc.constantFrom(...INSTANTS.slice(1)), { nil: null }), views: fc.array(fc.constantFrom(...INSTANTS), { maxLength: 3 }),
    categories: fc.subarray(['naw', 'lening']),
  })), { maxLength: 8 }),
  sameDomain: fc.boolean(),
});
type Pair = typeof pairArbitrary extends fc.Arbitrary<infer T> ? T : never;

const quote = (value: string | number | null): string => (value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value}'`);
const present = (which: Presence, side: 'old' | 'new') => which === 'both' || which === side;

/** The SQL of one side of the pair; a changed row differs in one field in the new snapshot. */
function sqlOf(pair: Pair, side: 'old' | 'new'): string {
  const isNew = side === 'new';
  const lines = [
    "INSERT INTO gemeente VALUES ('GM0001', 'Een', NULL), ('GM0002', 'Twee', NULL);",
    "INSERT INTO gegevenscategorie VALUES ('naw', 'NAW', 0), ('lening', 'Lening', 0);",
    `INSERT INTO meta VALUES ('schema_version', '1'), ('peildatum', '${isNew ? NEW_P : OLD_P}'), ('bron', 'DUO'), ('gemeente_jaar', '2023'),
       ('pseudoniem_domein', '${pair.sameDomain || !isNew ? 'test' : 'ander'}');`,
  ];
  pair.persons.forEach((person, index) => {
    if (!present(person.presence, side)) return;
    const gemeente = isNew && person.newGemeente !== undefined ? person.newGemeente : person.gemeente;
    const status = isNew && person.newStatus !== undefined ? person.newStatus : person.status;
    lines.push(`INSERT INTO inburgeraar VALUES (${[PERSONS[index] ?? '', person.stelsel, person.doelgroep, person.plichtStart, person.termijnEinde,
      gemeente, status, status === 'lopend' ? null : person.statusDatum].map(quote).join(', ')});`);
  });
  for (const payment of pair.payments) {
    if (!present(payment.presence, side)) continue;
    const amount = isNew && payment.changed ? payment.fields.amount + 100_000 : payment.fields.amount;
    lines.push(`INSERT INTO lening_betaling VALUES (${quote(payment.person)}, ${quote(payment.fields.datum)}, ${amount});`);
  }
  pair.overruns.forEach((overrun, index) => {
    if (!present(overrun.presence, side)) return;
    const decision = isNew && overrun.changed ? null : overrun.fields.besluit;
    lines.push(`INSERT INTO termijnoverschrijding VALUES (${index + 1}, ${quote(overrun.person)}, ${quote(overrun.fields.termijnEinde)},
      ${quote(overrun.fields.aankondiging)}, NULL, ${quote(decision?.[0] ?? null)}, ${quote(decision?.[1] ?? null)}, NULL);`);
  });
  pair.signals.forEach((signal, index) => {
    if (!present(signal.presence, side)) return;
    const until = isNew && signal.changed ? null : signal.fields.until;
    lines.push(`INSERT INTO portaal_signaal VALUES (${index + 1}, ${quote(signal.person)}, '${signal.fields.gemeente}', '${signal.fields.stelsel}',
      '${signal.fields.from}', ${quote(until)});`);
    for (const category of signal.fields.categories) lines.push(`INSERT INTO signaal_gegeven VALUES (${index + 1}, '${category}');`);
    for (const view of signal.fields.views) lines.push(`INSERT INTO portaal_inzage VALUES (${index + 1}, '${view}', 'u1');`);
  });
  return lines.join('\n');
}

async function open(sql: string): Promise<AnalysisSession> {
  const SQL = await provider();
  const db = new SQL.Database();
  db.run(SNAPSHOT_SCHEMA_SQL);
  db.run(sql);
  const bytes = db.export();
  db.close();
  return createAnalysisSession(await openSnapshotFromPlaintext(bytes, { sha256: 'f'.repeat(64), fileSize: bytes.length, keyKind: 'passphrase' }, provider));
}

describe('cause decomposition', () => {
  it('adds up exactly to every cell difference of the real tables, on random snapshot pairs', async () => {
    await fc.assert(
      fc.asyncProperty(pairArbitrary, fc.constantFrom(...DATES), async (pair, peildatum) => {
        const before = await open(sqlOf(pair, 'old'));
        const after = await open(sqlOf(pair, 'new'));
        try {
          const report = diffSnapshots(before, after, { tableIds: DECOMPOSABLE_TABLES, request: { peildata: [peildatum] } });
          expect(report.comparability.comparable).toBe(pair.sameDomain);
          for (const table of report.tables) {
            expect(table.unexplainedCells).toBe(0);
            expect(table.decomposed).toBe(pair.sameDomain);
            for (const cell of table.cells) {
              const decomposable = pair.sameDomain && isDecomposableColumn(table.tableId, cell.column) && cell.difference !== null;
              if (!decomposable) {
                expect(cell.causes).toBeNull();
                continue;
              }
              expect(cell.causes).not.toBeNull();
              if (cell.causes !== null) expect(netOfCauses(cell.causes)).toBe(cell.difference);
            }
          }
          // Only counts leave the comparison.
          expect(JSON.stringify(report)).not.toMatch(/"P\d"|ghost/);
        } finally {
          before.snapshot.close();
          after.snapshot.close();
        }
      }),
      { numRuns: 120 },
    );
  }, 180_000);
});
