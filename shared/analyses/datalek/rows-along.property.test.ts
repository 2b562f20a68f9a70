// The data-leak facts' rows read along the checks' passes on the scan worker
// (datalekRowsAlong riding runScanAside) are the rows a pass of their own reads
// (readDatalekRowsAside), whenever they are given; they are not given when a table was not
// read completely, once and in order; and riding never changes the checks' answer. On
// random snapshots with every kind of defect (test/support/random-snapshot.ts), so clean
// and unclean tables both occur; the facts from the rows equal SQL's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeSqlJsProvider } from '../../node/snapshot/sqljs-node';
import { buildImage, snapshotCase } from '../../../test/support/random-snapshot';
import { openSnapshotFromPlaintext } from '../../snapshot/open';
import { runScanAside, type ScanAside, type ScanAsideRequest } from '../../snapshot/scan-aside';
import type { RecordView } from '../../snapshot/btree';
import { computeDatalekFacts } from './facts';
import { acceptDatalekRows, datalekRowsAlong, readDatalekRowsAside, type DatalekRows } from './facts-scan';

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
  it('are the rows of a pass of their own, whenever given, and leave the answer unchanged', async () => {
    const seen = { along: 0, alone: 0, none: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(snapshotCase, mostlyClean), async (test) => {
        const image = await buildImage(test);
        let rows: DatalekRows | null = null;
        const inProcess: ScanAside = async (request) => {
          const along = datalekRowsAlong(request);
          const answer = runScanAside(request, along?.riders);
          expect(answer).toEqual(runScanAside(request));
          const own = readDatalekRowsAside(request);
          const given = along?.rows();
          if (given !== undefined) {
            seen.along++;
            expect(given).toEqual(own);
            // Clean tables were read completely; any other answer could have stopped a pass.
            expect(answer.every(([, count]) => count !== null)).toBe(true);
          } else if (own !== null) seen.alone++;
          else seen.none++;
          rows = given ?? own;
          return answer;
        };
        const opened = await openSnapshotFromPlaintext(image, INFO, nodeSqlJsProvider, { checks: 'when-needed', scanAside: inProcess, scanAsideAtOnce: true });
        try {
          await opened.asideChecked;
          const reference = computeDatalekFacts(opened, { sqlOnly: true });
          if (rows !== null) acceptDatalekRows(opened.db, rows);
          expect(computeDatalekFacts(opened)).toEqual(reference);
        } finally {
          opened.close();
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
    let request: ScanAsideRequest | null = null;
    const capture: ScanAside = async (asked) => {
      request = asked;
      return null;
    };
    const opened = await openSnapshotFromPlaintext(image, INFO, nodeSqlJsProvider, { checks: 'when-needed', scanAside: capture, scanAsideAtOnce: true });
    try {
      await opened.asideChecked;
      // Never read: the order is judged before a row is.
      const row: RecordView = new Proxy(Object.create(null) as object, { get: () => { throw new Error('a row was read'); } }) as RecordView;
      const ride = (steps: Array<[string, 'row' | 'done']>) => {
        const along = datalekRowsAlong(request!)!;
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
