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
import { TOTAL_ROW, diffSnapshots, netOfCauses, type DiffReport } from './diff';
import { diffTableModels } from './diff-tables';

const provider = cachedSqlJsProvider(() => initSqlJs());
let before: AnalysisSession;
let after: AnalysisSession;
let report: DiffReport;

beforeAll(async () => {
  const sql = await provider();
  const open = async (bytes: Uint8Array, sha: string) =>
    createAnalysisSession(await openSnapshotFromPlaintext(bytes, { sha256: sha.repeat(64), fileSize: bytes.length, keyKind: 'passphrase' }, provider));
  before = await open(generateEarlierDemoSnapshot(sql), 'a');
  after = await open(generateDemoSnapshot(sql), 'b');
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
