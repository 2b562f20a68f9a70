// The data-leak facts' rows read along the checks' passes (datalekRowsAlong riding
// OpenedSnapshot.checkReading) are the rows a pass of their own reads (readDatalekRows),
// whenever they are given; they are not given when a table was not read completely, once
// and in order; and riding never changes the checks. On random snapshots with every kind of
// defect (test/support/random-snapshot.ts) and mostly clean ones, so clean and unclean
// tables both occur, checked when needed and during the open; the facts equal SQL's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeSqlJsProvider } from '../../node/snapshot/sqljs-node';
import { buildImage, snapshotCase } from '../../../test/support/random-snapshot';
import { DATALEK_SQL } from '../../../test/support/datalek-fixture';
import { buildPlaintext } from '../../../test/support/snapshot';
import { openSnapshotFromPlaintext } from '../../snapshot/open';
import type { RecordView } from '../../snapshot/btree';
import { computeDatalekFacts } from './facts';
import { datalekRowsAlong, readDatalekRows } from './facts-scan';
import { tableLayout } from '../../snapshot/table-layout';

const INFO = { sha256: '0'.repeat(64), fileSize: 1, keyKind: 'passphrase' } as const;

const INSTANTS = ['2022-01-01T00:00:00Z', '2022-01-15T10:00:00Z', '2022-02-01T00:00:00Z'];

/**
 * Data-leak tables that are mostly clean, as real snapshots are (random-snapshot.ts's rarely
 * are: a view must lie in its signal's window, every reference must hold): persons with
 * their stelsel and municipality, signals of them (lawful or not), their categories and
 * views inside their windows; sometimes one row of random-snapshot.ts's kind added.
 */
const mostlyClean = fc.record({
  persons: fc.array(fc.tuple(fc.constantFrom('Wi2013', 'Wi2021'), fc.constantFrom('GM0363', 'GM0599', null)), { minLength: 1, maxLength: 4 }),
  signals: fc.array(fc.tuple(fc.nat(3), fc.constantFrom('GM0363', 'GM0599'), fc.constantFrom('Wi2013', 'Wi2021'), fc.nat(2), fc.boolean()), { maxLength: 8 }),
  links: fc.uniqueArray(fc.tuple(fc.nat(7), fc.constantFrom('naw', 'bsn')), { selector: ([signal, code]) => `${signal}/${code}`, maxLength: 10 }),
  views: fc.array(fc.tuple(fc.nat(7), fc.constantFrom('u1', 'u2', 'u3')), { maxLength: 12 }),
  defect: fc.option(snapshotCase, { freq: 4 }),
}).map(({ persons, signals, links, views, defect }) => {
  const kept = signals.map(([person, gemeente, stelsel, from, open], index) =>
    [index + 1, `P${Math.min(person, persons.length - 1)}`, gemeente, stelsel, INSTANTS[from]!, open ? null : '2022-03-01T00:00:00Z']);
  const extra = defect?.rows;
  return {
    schema: 'strict' as const,
    rows: {
      gemeente: [['GM0363', 'Amsterdam', null], ['GM0599', 'Rotterdam', null]], gegevenscategorie: [['naw', 'Naam', 0], ['bsn', 'BSN', 1]],
      incident: [], lening_betaling: [], termijnoverschrijding: [], dwangbevel: [], kennisgeving: [], ind_levering: [],
      inburgeraar: persons.map(([stelsel, gemeente], index) => [`P${index}`, stelsel, 'asiel', '2020-01-01', null, gemeente, 'lopend', null]),
      portaal_signaal: [...kept, ...(extra?.portaal_signaal.slice(0, 1) ?? [])],
      signaal_gegeven: [...links.filter(([signal]) => signal < kept.length).map(([signal, code]) => [signal + 1, code]), ...(extra?.signaal_gegeven.slice(0, 1) ?? [])],
      portaal_inzage: [...views.filter(([signal]) => signal < kept.length).map(([signal, user]) => [signal + 1, kept[signal]![4], user]), ...(extra?.portaal_inzage.slice(0, 1) ?? [])],
    },
  };
});

describe("the data-leak rows read along the checks' passes", () => {
  it('are the rows of a pass of their own, whenever given, and leave the checks unchanged', async () => {
    const seen = { along: 0, alone: 0, none: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(snapshotCase, mostlyClean), fc.constantFrom('when-needed', 'all'), async (test, checks) => {
        const image = await buildImage(test);
        const opened = await openSnapshotFromPlaintext(image.slice(), INFO, nodeSqlJsProvider, { checks });
        const alone = await openSnapshotFromPlaintext(image.slice(), INFO, nodeSqlJsProvider, { checks });
        try {
          const own = readDatalekRows(image, (table) => tableLayout(opened.db, table));
          const along = datalekRowsAlong((table) => tableLayout(opened.db, table));
          if (along !== null) opened.checkReading!(['inburgeraar', 'portaal_signaal', 'signaal_gegeven', 'portaal_inzage'], along.riders);
          const given = along?.rows();
          if (given !== undefined) {
            seen.along++;
            expect(given).toEqual(own);
          } else if (own !== null) seen.alone++;
          else seen.none++;
          // Riding changes no finding, count or skip set.
          expect([opened.findings, opened.rowCounts]).toEqual([alone.findings, alone.rowCounts]);
          // And the facts, which ride the checks themselves where they can, are SQL's.
          expect(computeDatalekFacts(alone)).toEqual(computeDatalekFacts(alone, { sqlOnly: true }));
        } finally {
          opened.close();
          alone.close();
        }
      }),
      { numRuns: 150 },
    );
    // Read along, read on their own after an unclean table, and not read at all.
    expect(seen.along).toBeGreaterThan(10);
    expect(seen.alone).toBeGreaterThan(5);
    expect(seen.none).toBeGreaterThan(2);
  }, 240_000);

  it('are not given when a table comes before those it needs, twice, or not at all', async () => {
    const image = await buildImage({ schema: 'strict', rows: {
      gemeente: [], gegevenscategorie: [], incident: [], inburgeraar: [], lening_betaling: [], termijnoverschrijding: [], dwangbevel: [],
      kennisgeving: [], ind_levering: [], portaal_signaal: [], signaal_gegeven: [], portaal_inzage: [],
    } });
    const opened = await openSnapshotFromPlaintext(image, INFO, nodeSqlJsProvider, { checks: 'when-needed' });
    try {
      // Never read: the order is judged before a row is.
      const row: RecordView = new Proxy(Object.create(null) as object, { get: () => { throw new Error('a row was read'); } }) as RecordView;
      const ride = (steps: Array<[string, 'row' | 'done']>) => {
        const along = datalekRowsAlong((table) => tableLayout(opened.db, table))!;
        for (const [table, step] of steps) along.riders.get(table as never)![step](row);
        return along.rows();
      };
      const inOrder: Array<[string, 'done']> = [['inburgeraar', 'done'], ['portaal_signaal', 'done'], ['signaal_gegeven', 'done'], ['portaal_inzage', 'done']];
      expect(ride(inOrder)).toEqual({ signals: [], views: [] });
      expect(ride([['inburgeraar', 'done'], ['portaal_inzage', 'row'], ['portaal_signaal', 'done'], ['signaal_gegeven', 'done'], ['portaal_inzage', 'done']])).toBeUndefined();
      expect(ride([['portaal_signaal', 'done'], ['inburgeraar', 'done'], ['signaal_gegeven', 'done'], ['portaal_inzage', 'done']])).toBeUndefined();
      expect(ride([...inOrder, ['portaal_inzage', 'done']])).toBeUndefined();
      expect(ride(inOrder.slice(0, 3))).toBeUndefined();
    } finally {
      opened.close();
    }
  });
});

describe("the data-leak rows read in this thread's checks", () => {
  /** The fixture with only views inside their signals' windows, so every data-leak table is clean. */
  const CLEAN_SQL = DATALEK_SQL.replace(/INSERT INTO portaal_inzage VALUES[^;]*;/, `INSERT INTO portaal_inzage VALUES
    (1, '2022-01-12T00:00:00Z', 'u1'), (3, '2022-02-01T00:00:00Z', 'u3'), (6, '2022-02-02T00:00:00Z', 'u6');`);

  /** A fixture opened as the command line's table commands open it, the tables its rides read to the end recorded. */
  async function openRecording(sql: string, checks: 'all' | 'when-needed') {
    const image = await buildPlaintext(sql);
    const opened = await openSnapshotFromPlaintext(image, INFO, nodeSqlJsProvider, { checks });
    const done: string[] = [];
    const checkReading = opened.checkReading!.bind(opened);
    opened.checkReading = (tables, riders) => {
      const recorded = new Map([...riders].map(([table, rider]) => [table, { row: (row: RecordView) => rider.row(row), done: () => (done.push(table), rider.done()) }]));
      checkReading(tables, recorded);
    };
    return { opened, done };
  }

  async function findingsOf(sql: string) {
    const { opened } = await openRecording(sql, 'all');
    try {
      return opened.findings;
    } finally {
      opened.close();
    }
  }

  it.each([
    // Checked when needed, the checks' passes read the tables; checked already, a pass each.
    ['clean tables, checked when needed', CLEAN_SQL, 'when-needed', ['inburgeraar', 'portaal_signaal', 'signaal_gegeven', 'portaal_inzage'], 3],
    ['the same, checked during the open', CLEAN_SQL, 'all', ['inburgeraar', 'portaal_signaal', 'signaal_gegeven', 'portaal_inzage'], 3],
    // Views outside their windows: portaal_inzage's check goes to SQL, so its rows are read in a pass of their own.
    ['views outside their windows, checked when needed', DATALEK_SQL, 'when-needed', ['inburgeraar', 'portaal_signaal', 'signaal_gegeven'], 12],
    ['the same, checked during the open', DATALEK_SQL, 'all', ['inburgeraar', 'portaal_signaal', 'signaal_gegeven', 'portaal_inzage'], 12],
  ] as const)('are read once per table, in order, and give the facts SQL gives: %s', async (_, sql, checks, read, views) => {
    const { opened, done } = await openRecording(sql, checks);
    try {
      const facts = computeDatalekFacts(opened);
      expect(done).toEqual(read);
      expect(facts).toEqual(computeDatalekFacts(opened, { sqlOnly: true }));
      // Signals 5 and 7 are lawful, the other seven unlawful; every view but the one of signal 5 is of an unlawful signal.
      expect(facts.signalCount).toBe(7);
      expect(facts.windowViewTime.length + facts.outsideViewFrom.length).toBe(views);
      expect(opened.findings).toEqual(await findingsOf(sql));
    } finally {
      opened.close();
    }
  });
});
