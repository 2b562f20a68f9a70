// The two demo snapshots: the earlier extract (peildatum 2023-07-13) against the current
// demo reproduces "zo'n 2.000 … ruim 3.000" on the fine backlog at 2022-10-31 with exactly
// the cause mix of docs/DEMO.md, and the exported diff tables hold no person id.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { EARLIER_DIFFERENCES, STORY_PEILDATUM, generateDemoSnapshot, generateEarlierDemoSnapshot } from '../demo/index';
import { openSnapshotFromPlaintext } from '../snapshot/open';
import { cachedSqlJsProvider } from '../snapshot/sqljs';
import { exportTable } from '../export/index';
import { createAnalysisSession, type AnalysisSession } from '../tables/session';
import { buildTable } from '../tables/catalogue';
import { referenceDatalek } from '../analyses/datalek/reference';
import type { OpenedSnapshot } from '../snapshot/types';
import { TOTAL_ROW, diffSnapshots, netOfCauses, type DiffReport } from './diff';
import { diffTableModels } from './diff-tables';
import { attributeCauses } from './causes';
import { DECOMPOSABLE_TABLES, personContributions } from './contributions';

const provider = cachedSqlJsProvider(() => initSqlJs());
let before: AnalysisSession;
let after: AnalysisSession;
let report: DiffReport;
/** The plaintext images, to open again with checks when needed (an open takes its image). */
let earlierImage: Uint8Array;
let demoImage: Uint8Array;

const open = async (bytes: Uint8Array, sha: string, checks: 'all' | 'when-needed' = 'all'): Promise<OpenedSnapshot> =>
  openSnapshotFromPlaintext(bytes.slice(), { sha256: sha.repeat(64), fileSize: bytes.length, keyKind: 'passphrase' }, provider, { checks });

beforeAll(async () => {
  const sql = await provider();
  earlierImage = generateEarlierDemoSnapshot(sql);
  demoImage = generateDemoSnapshot(sql);
  before = createAnalysisSession(await open(earlierImage, 'a'));
  after = createAnalysisSession(await open(demoImage, 'b'));
  report = diffSnapshots(before, after, {
    tableIds: ['boete-achterstand', 'boete-ouderdom', 'elip-gemeenten', 'datalek-gemeenten'], request: { peildata: [STORY_PEILDATUM] },
  });
}, 240_000);

afterAll(() => {
  before.snapshot.close();
  after.snapshot.close();
});

describe('the earlier demo extract against the demo', () => {
  it('shares the pseudonym domain, so causes are attributed', () => {
    expect(report.comparability).toEqual({ comparable: true, domain: 'ketenlens-demo' });
    expect(report.old.peildatum).toBe('2023-07-13');
    expect(report.new.peildatum).toBe('2023-09-15');
  });

  it('turns about 2.000 into over 3.000 on the fine backlog at 2022-10-31, with the documented causes', () => {
    const table = report.tables.find((each) => each.tableId === 'boete-achterstand' && each.comparison === 'gelijke_parameters');
    const total = table?.cells.find((cell) => cell.row === TOTAL_ROW && cell.column === 'achterstand');
    expect(total?.old).toBe(2002);
    expect(total?.new).toBe(3217);
    expect(total?.difference).toBe(1215);
    const causes = total?.causes;
    expect(causes).not.toBeNull();
    if (causes === null || causes === undefined) return;
    expect(causes.nieuw).toEqual({ added: EARLIER_DIFFERENCES.newPersons, removed: 0 });
    expect(causes.verwijderd).toEqual({ added: 0, removed: EARLIER_DIFFERENCES.removed });
    expect(causes.laat_geleverd).toEqual({ added: EARLIER_DIFFERENCES.late, removed: 0 });
    expect(causes.status_datum).toEqual({ added: EARLIER_DIFFERENCES.statusOrDates, removed: 0 });
    for (const cause of ['correctie', 'gemeente', 'later', 'overig'] as const) expect(causes[cause]).toEqual({ added: 0, removed: 0 });
    expect(netOfCauses(causes)).toBe(1215);
  });

  it('attributes the moved ELIP persons to the municipality and the refunds to corrections', () => {
    const table = report.tables.find((each) => each.tableId === 'elip-gemeenten' && each.comparison === 'gelijke_parameters');
    const moved = table?.cells.filter((cell) => cell.row !== TOTAL_ROW && cell.causes !== null && cell.causes.gemeente.added + cell.causes.gemeente.removed > 0);
    expect(moved?.length).toBeGreaterThan(0);
    // In the totals a move between municipalities nets out: each person's sum over the rows did not change.
    const total = table?.cells.find((cell) => cell.row === TOTAL_ROW && cell.column === 'totaal');
    expect(total?.causes?.gemeente).toEqual({ added: 0, removed: 0 });
    expect(total?.causes?.correctie.removed).toBeGreaterThan(0);
    // Over the municipality rows, as many moved in as moved out (cells that netted out are listed too).
    const rows = table?.cells.filter((cell) => cell.row !== TOTAL_ROW && cell.column === 'totaal' && cell.causes !== null) ?? [];
    const movedIn = rows.reduce((sum, cell) => sum + (cell.causes?.gemeente.added ?? 0), 0);
    const movedOut = rows.reduce((sum, cell) => sum + (cell.causes?.gemeente.removed ?? 0), 0);
    expect(movedIn).toBe(movedOut);
    expect(movedIn).toBeGreaterThan(0);
  });

  it('decomposes every decomposable cell exactly, in both comparisons', () => {
    for (const table of report.tables) {
      expect(table.unexplainedCells).toBe(0);
      for (const cell of table.cells) if (cell.causes !== null) expect(netOfCauses(cell.causes)).toBe(cell.difference);
    }
  });

  it('writes no person id into the report or any exported diff table', async () => {
    expect(JSON.stringify(report)).not.toMatch(/P\d{7}/);
    for (const model of diffTableModels(report, after.provenance())) {
      for (const format of ['json', 'md', 'csv'] as const) {
        expect(new TextDecoder().decode(await exportTable(model, format))).not.toMatch(/P\d{7}/);
      }
    }
  });
});

// `ketenlens diff` opens with checks when needed. The diff's own SQL (causes, contributions)
// and the datalek reference read the loader's usable views directly, not through
// usableCondition; they must check the tables they read first (usableView), or they read a
// view that does not exist yet (the bug this guards against: exit 70 in `ketenlens diff`).
describe('the demo pair opened with checks only when needed', () => {
  it('gives the same diff report as with every check run during the open', async () => {
    const lazyBefore = createAnalysisSession(await open(earlierImage, 'a', 'when-needed'));
    const lazyAfter = createAnalysisSession(await open(demoImage, 'b', 'when-needed'));
    try {
      expect(lazyBefore.snapshot.checksComplete).toBe(false);
      const lazyReport = diffSnapshots(lazyBefore, lazyAfter, {
        tableIds: ['boete-achterstand', 'boete-ouderdom', 'elip-gemeenten', 'datalek-gemeenten'], request: { peildata: [STORY_PEILDATUM] },
      });
      expect(lazyReport).toEqual(report);
    } finally {
      lazyBefore.snapshot.close();
      lazyAfter.snapshot.close();
    }
  }, 240_000);

  it('checks the tables the direct readers ask for when they run first, with the same result as a full open', async () => {
    const lazyBefore = await open(earlierImage, 'a', 'when-needed');
    const lazyAfter = await open(demoImage, 'b', 'when-needed');
    try {
      const idsOf = (snapshot: OpenedSnapshot): string[] => (snapshot.db.exec('SELECT id FROM main.inburgeraar')[0]?.values ?? []).map((row) => String(row[0]));
      const everyone = [...new Set([...idsOf(before.snapshot), ...idsOf(after.snapshot)])];
      // Nothing is checked yet: the cause readers are the first to read usable rows.
      expect(lazyAfter.checksComplete).toBe(false);
      expect(attributeCauses(lazyBefore.db, lazyAfter.db, everyone, '2023-07-13')).toEqual(
        attributeCauses(before.snapshot.db, after.snapshot.db, everyone, '2023-07-13'),
      );
      for (const tableId of DECOMPOSABLE_TABLES) {
        const model = buildTable(after, tableId, { peildata: [STORY_PEILDATUM] });
        const fresh = await open(demoImage, 'b', 'when-needed');
        try {
          expect(personContributions(fresh.db, { tableId, model })).toEqual(personContributions(after.snapshot.db, { tableId, model }));
        } finally {
          fresh.close();
        }
      }
      const fresh = await open(demoImage, 'b', 'when-needed');
      try {
        expect(referenceDatalek(fresh, STORY_PEILDATUM)).toEqual(referenceDatalek(after.snapshot, STORY_PEILDATUM));
        // The reference reads five of the tables; the rest stay unchecked.
        expect(fresh.checksComplete).toBe(false);
      } finally {
        fresh.close();
      }
    } finally {
      lazyBefore.close();
      lazyAfter.close();
    }
  }, 240_000);
});
