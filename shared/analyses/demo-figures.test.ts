// Every published figure of demo-v1.md, computed on the demo snapshot through the
// analyses of this module (tables where a table says it, analysis functions otherwise).
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoSnapshot } from '../demo/index';
import { openSnapshotFromPlaintext } from '../snapshot/open';
import { buildTable } from '../tables/catalogue';
import { createAnalysisSession, type AnalysisSession } from '../tables/session';
import type { TableModel } from '../tables/model';
import { loadSqlJs } from '../../test/support/snapshot';
import { elipTotals } from './elip/compute';
import { loanTimelines, personFacts } from './elip/facts';
import { countObliged } from './elip/compute';
import { countAppointments, countDecisions } from './boete/compute';
import { overrunFacts } from './boete/facts';

let session: AnalysisSession;

beforeAll(async () => {
  const sql = await loadSqlJs();
  const plaintext = generateDemoSnapshot(sql);
  const snapshot = await openSnapshotFromPlaintext(plaintext, { sha256: '0'.repeat(64), fileSize: plaintext.length, keyKind: 'passphrase' }, loadSqlJs);
  session = createAnalysisSession(snapshot);
}, 120_000);

const numbers = (table: TableModel, index: number) =>
  table.columns.filter((c) => c.key !== 'peildatum').map((c) => table.rows[index]?.[c.key]);

describe('the demo snapshot reproduces the published figures', () => {
  it('Tabel 1 of nr. 391: ELIP-A per cohort at three dates, totals computed from the cells', () => {
    const table = buildTable(session, 'elip-cohorten', {
      peildata: ['2022-05-01', '2022-10-15', '2023-07-01'], cohort_merge_from: 2022,
    });
    expect(table.columns.map((c) => c.label)).toEqual([
      'Peildatum', "'13", "'14", "'15", "'16", "'17", "'18", "'19", "'20", "'21", "'22/'23", 'Totaal',
    ]);
    expect(numbers(table, 0)).toEqual([24, 78, 207, 460, 601, 722, 270, 30, 4, 0, 2396]);
    expect(numbers(table, 1)).toEqual([21, 65, 167, 325, 391, 548, 487, 87, 10, 1, 2102]);
    expect(numbers(table, 2)).toEqual([14, 56, 138, 232, 258, 308, 627, 645, 156, 2, 2436]);
  });

  it('ELIP-A + ELIP-B for asylum migrants: 4.641 at 2022-05-01 and 4.760 at 2023-07-01', () => {
    for (const [peildatum, expected] of [['2022-05-01', 4641], ['2023-07-01', 4760]] as const) {
      const table = buildTable(session, 'elip-gemeenten', { peildata: [peildatum] });
      expect(table.totals?.totaal).toBe(expected);
      const { a, b } = elipTotals(personFacts(session), loanTimelines(session, 'asiel'), {
        peildatum, doelgroep: 'asiel', drempel_cent: 950_000, drempel_b_cent: 750_000, maanden_b: 12,
      });
      expect(a + b).toBe(expected);
    }
  });

  it('fine backlog at 2023-09-15 of overruns with termijn_einde May 2022 – May 2023: 5.200, most in August–October 2022', () => {
    const table = buildTable(session, 'boete-achterstand', { peildata: ['2023-09-15'] });
    const inRange = table.rows.filter((row) => String(row.maand) >= '2022-05' && String(row.maand) <= '2023-05');
    const backlog = (rows: typeof inRange) => rows.reduce((sum, row) => sum + Number(row.achterstand), 0);
    expect(backlog(inRange)).toBe(5200);
    const peak = inRange.filter((row) => String(row.maand) >= '2022-08' && String(row.maand) <= '2022-10');
    expect(backlog(peak)).toBeGreaterThan(5200 / 2);
  });

  it('900 overruns with an appointment in September – December 2022; 3.403 fines decided in 2019', () => {
    const facts = overrunFacts(session);
    expect(countAppointments(facts, '2022-09-01', '2022-12-31')).toBe(900);
    expect(countDecisions(facts, 'boete', '2019-01-01', '2019-12-31')).toBe(3403);
  });

  it('1.200 enforcement orders pending at 2018-10-31, ready from 2017-11-01', () => {
    const table = buildTable(session, 'incasso-achterstand', { peildata: ['2018-10-31'], vanaf: '2017-11-01' });
    expect(table.totals?.openstaand).toBe(1200);
  });

  it('3.210 persons whose IND record was delivered late or never, permits January 2022 – May 2023: 450 asylum, 2.760 others', () => {
    const table = buildTable(session, 'kennisgeving-vertraging', { vanaf: '2022-01-01', tot_en_met: '2023-05-31' });
    const byGroup = Object.fromEntries(table.rows.map((row) => [String(row.doelgroep), Number(row.geleverd_te_laat) + Number(row.nooit_geleverd)]));
    expect(byGroup.asiel).toBe(450);
    expect((byGroup.gezin ?? 0) + (byGroup.overig ?? 0)).toBe(2760);
    expect(table.notes).toContain('Personen die te laat of nooit geleverd zijn (ieder één keer geteld): 3.210.');
  });

  it('6.611 Wi2007 persons still obliged at 2022-10-01', () => {
    expect(countObliged(personFacts(session), { peildatum: '2022-10-01', stelsel: 'Wi2007' })).toBe(6611);
  });
});
