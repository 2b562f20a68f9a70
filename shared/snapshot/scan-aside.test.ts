// Checks with the data-leak tables scanned aside give exactly the findings, counts and skip
// sets of a check on one thread: on random snapshots (answers from runScanAside, as the
// command line's thread gives them), when the other thread declines or fails, and when it
// answers for a table whose parent the main thread finds unclean (then SQL decides).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeSqlJsProvider } from '../node/snapshot/sqljs-node';
import { buildImage, snapshotCase, TABLES, type SnapshotCase } from '../../test/support/random-snapshot';
import { openSnapshotFromPlaintext } from './open';
import { runScanAside, SCAN_ASIDE_TABLES, type ScanAside, type ScanAsideRequest } from './scan-aside';
import { columnRules } from './columns';
import type { OpenedSnapshot, SnapshotTable } from './types';

const INFO = { sha256: '0'.repeat(64), fileSize: 1, keyKind: 'passphrase' } as const;

function everything(opened: OpenedSnapshot) {
  const tables = Object.keys(opened.rowCounts) as SnapshotTable[];
  return {
    findings: opened.findings,
    rowCounts: opened.rowCounts,
    skipped: Object.fromEntries(tables.map((table) => [table, opened.skipped[table]])),
    skippedKeys: Object.fromEntries(tables.map((table) => [table, opened.skippedKeys?.[table]])),
  };
}

async function outcome(image: Uint8Array, scanAside?: ScanAside) {
  const opened = await openSnapshotFromPlaintext(image.slice(), INFO, nodeSqlJsProvider, scanAside === undefined ? {} : { scanAside });
  try {
    return everything(opened);
  } finally {
    opened.close();
  }
}

describe('checks with the data-leak tables scanned aside', () => {
  it('equal the checks on one thread on random snapshots', async () => {
    const requests: ScanAsideRequest[] = [];
    let clean = 0;
    const inProcess: ScanAside = async (request) => {
      requests.push(request);
      const answer = runScanAside(request);
      clean += answer.filter(([, rows]) => rows !== null).length;
      return answer;
    };
    await fc.assert(
      fc.asyncProperty(snapshotCase, async (test) => {
        const image = await buildImage(test);
        expect(await outcome(image, inProcess)).toEqual(await outcome(image));
      }),
      { numRuns: 60 },
    );
    // The aside path ran and found tables clean (and the request named only the group's tables).
    expect(requests.length).toBeGreaterThan(0);
    expect(clean).toBeGreaterThan(0);
    for (const request of requests) for (const job of request.jobs) expect(SCAN_ASIDE_TABLES).toContain(job.rules.table);
  }, 240_000);

  it('equal them when the other thread declines or fails', async () => {
    const declines: ScanAside = async () => null;
    const fails: ScanAside = async () => {
      throw new Error('thread stopped');
    };
    await fc.assert(
      fc.asyncProperty(snapshotCase, async (test) => {
        const image = await buildImage(test);
        const alone = await outcome(image);
        expect(await outcome(image, declines)).toEqual(alone);
        expect(await outcome(image, fails)).toEqual(alone);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('equal them when the open checks when needed and the scan starts as it returns (the app)', async () => {
    let used = 0;
    const inProcess: ScanAside = async (request) => {
      used++;
      return runScanAside(request);
    };
    const whenNeeded = async (image: Uint8Array, order: 'answer-first' | 'tables-first' | 'closed-first') => {
      const opened = await openSnapshotFromPlaintext(image.slice(), INFO, nodeSqlJsProvider, { checks: 'when-needed', scanAside: inProcess, scanAsideAtOnce: true });
      if (order === 'closed-first') {
        opened.close();
        await opened.asideChecked; // resolves; the answer of a closed snapshot is ignored
        return null;
      }
      try {
        // The app awaits the answer before it reads the data-leak tables; a reader that does
        // not (tables-first) checks them here, and the late answer must change nothing.
        if (order === 'tables-first') opened.ensureChecked(SCAN_ASIDE_TABLES);
        await opened.asideChecked;
        return everything(opened);
      } finally {
        opened.close();
      }
    };
    await fc.assert(
      fc.asyncProperty(snapshotCase, async (test) => {
        const image = await buildImage(test);
        const alone = await outcome(image);
        expect(await whenNeeded(image, 'answer-first')).toEqual(alone);
        expect(await whenNeeded(image, 'tables-first')).toEqual(alone);
        expect(await whenNeeded(image, 'closed-first')).toBeNull();
      }),
      { numRuns: 40 },
    );
    expect(used).toBeGreaterThan(0);
  }, 240_000);

  it('starts no scan aside when the open checks when needed without scanAsideAtOnce (the table commands)', async () => {
    const image = await buildImage(fc.sample(snapshotCase, { numRuns: 1, seed: 7 })[0]!);
    let asked = 0;
    const counting: ScanAside = async (request) => {
      asked++;
      return runScanAside(request);
    };
    const opened = await openSnapshotFromPlaintext(image.slice(), INFO, nodeSqlJsProvider, { checks: 'when-needed', scanAside: counting });
    await opened.asideChecked;
    void opened.findings;
    opened.close();
    expect(asked).toBe(0);
  });

  it("ignore a table's answer when the main thread finds its parent unclean", async () => {
    // P2 has an unknown stelsel: skipped, so its signal is skipped too (a cascade). The thread
    // reads inburgeraar's keys without checking them and calls the signal clean; that answer
    // must not be used.
    const rows = Object.fromEntries(TABLES.map((table) => [table, []])) as unknown as SnapshotCase['rows'];
    rows.gemeente = [['GM0363', 'Amsterdam', null]];
    rows.inburgeraar = [
      ['P1', 'Wi2021', 'asiel', '2022-01-01', null, 'GM0363', 'lopend', null],
      ['P2', 'Wi2099', 'asiel', '2022-01-01', null, 'GM0363', 'lopend', null],
    ];
    rows.portaal_signaal = [
      [1, 'P1', 'GM0363', 'Wi2021', '2022-01-01T00:00:00Z', null],
      [2, 'P2', 'GM0363', 'Wi2021', '2022-01-01T00:00:00Z', null],
    ];
    const image = await buildImage({ schema: 'strict', rows });
    const answers: Array<readonly [SnapshotTable, number | null]> = [];
    const aside: ScanAside = async (request) => {
      const answer = runScanAside(request);
      answers.push(...answer);
      return answer;
    };
    const withAside = await outcome(image, aside);
    expect(answers).toContainEqual(['portaal_signaal', 2]);
    expect(withAside).toEqual(await outcome(image));
    expect(withAside.skipped.portaal_signaal).toEqual(new Set([2]));
    expect(withAside.findings.some((finding) => finding.table === 'portaal_signaal' && finding.kind === 'skipped-reference')).toBe(true);
  });

  it('sets aside only tables no table outside the group references', () => {
    const outside = TABLES.filter((table) => !SCAN_ASIDE_TABLES.includes(table));
    const referenced = outside.flatMap((table) => columnRules(table).flatMap(([, rule]) => (rule.references === undefined ? [] : [rule.references.table])));
    expect(referenced).toContain('inburgeraar');
    for (const parent of referenced) expect(SCAN_ASIDE_TABLES).not.toContain(parent);
  });
});
