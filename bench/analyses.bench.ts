// Benchmark of the ELIP, enforcement and notice analyses at national scale (run by
// bench/run.ts; prints one Markdown section). A seeded scale snapshot (shared/demo/scale.ts)
// is opened as the app does (findings and skipped rows included, not timed as analysis);
// then elip-cohorten at three dates in a fresh session (precompute of the per-person loan
// timelines included), with datalek-gemeenten as the overview screen shows them together;
// then changes of date and threshold. For comparison the plain SQL of the definitions in the
// native sqlite3 command line and in sql.js; the native run reads a plaintext copy that
// lives in /dev/shm only and is deleted right after. Measures; never fails on a target.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { generateScaleSnapshot } from '../shared/demo/scale';
import { openSnapshotFromPlaintext } from '../shared/snapshot/open';
import { createAnalysisSession } from '../shared/tables/session';
import { buildTable } from '../shared/tables/catalogue';
import { computeLoanTimelines, personFacts } from '../shared/analyses/elip/facts';
import { referenceElipPersons } from '../shared/analyses/elip/reference';

const PERSONS = Number(process.env.KETENLENS_BENCH_PERSONS ?? 600_000);
const SEED = 20_240_101;
const DATES = ['2022-05-01', '2022-10-15', '2023-07-01'];
const OTHER_DATES = ['2021-12-31', '2022-06-30', '2023-09-15'];

const milliseconds = (from: number): number => Math.round(performance.now() - from);
const time = <T>(work: () => T): [T, number] => {
  const from = performance.now();
  const result = work();
  return [result, milliseconds(from)];
};

/** ELIP-A per cohort at P as plain SQL of the definitions (asiel, € 9.500). */
function plainElipSql(peildatum: string): string {
  return `SELECT CAST(substr(plicht_start, 1, 4) AS INTEGER) AS cohort, count(*) FROM (
  SELECT i.plicht_start,
         (SELECT coalesce(sum(b.bedrag_cent), 0) FROM lening_betaling b WHERE b.inburgeraar_id = i.id AND b.datum <= '${peildatum}') AS loan
    FROM inburgeraar i
   WHERE i.stelsel = 'Wi2013' AND i.doelgroep = 'asiel' AND i.plicht_start <= '${peildatum}'
     AND (i.status = 'lopend' OR i.status_datum > '${peildatum}'))
 WHERE loan >= 950000 GROUP BY cohort ORDER BY cohort;`;
}

function nativeSqlite(plaintext: Uint8Array): { ms: number; totals: number[] } | string {
  const path = `/dev/shm/ketenlens-analyses-bench-${process.pid}.sqlite`;
  try {
    writeFileSync(path, plaintext, { mode: 0o600 });
    const from = performance.now();
    const totals = DATES.map((date) => {
      const output = execFileSync('sqlite3', ['-readonly', '-separator', '|', path], { input: plainElipSql(date), encoding: 'utf8', maxBuffer: 64 << 20 });
      return output.trim().split('\n').filter((line) => line.length > 0).reduce((sum, line) => sum + Number(line.split('|')[1]), 0);
    });
    return { ms: milliseconds(from), totals };
  } catch (error) {
    return error instanceof Error ? (error.message.split('\n')[0] ?? 'failed') : String(error);
  } finally {
    rmSync(path, { force: true });
  }
}

async function main(): Promise<void> {
  const SQL = await initSqlJs();
  const [plaintext, generateMs] = time(() => generateScaleSnapshot(SQL, { persons: PERSONS, seed: SEED }));
  const sizeMb = Math.round(plaintext.length / 1e6);
  const native = nativeSqlite(plaintext);
  const loadFrom = performance.now();
  const snapshot = await openSnapshotFromPlaintext(plaintext, { sha256: '0'.repeat(64), fileSize: plaintext.length, keyKind: 'passphrase' }, () => Promise.resolve(SQL));
  const loadMs = milliseconds(loadFrom);
  const counts = snapshot.rowCounts;

  // The first click: a fresh session pays for the precompute.
  const session = createAnalysisSession(snapshot);
  const [cohorten, firstMs] = time(() => buildTable(session, 'elip-cohorten', { peildata: DATES, cohort_merge_from: 2022 }));
  const [, datalekMs] = time(() => buildTable(session, 'datalek-gemeenten', {}));
  const [, otherDatesMs] = time(() => buildTable(session, 'elip-cohorten', { peildata: OTHER_DATES }));
  const [, thresholdMs] = time(() => buildTable(session, 'elip-cohorten', { peildata: DATES, drempel_cent: 900_000 }));
  const [gemeenten, gemeentenMs] = time(() => buildTable(session, 'elip-gemeenten', { peildata: ['2023-07-01'] }));
  const [, gemeentenDateMs] = time(() => buildTable(session, 'elip-gemeenten', { peildata: ['2022-05-01'], drempel_b_cent: 700_000 }));
  const [, boeteFirstMs] = time(() => buildTable(session, 'boete-achterstand', {}));
  const [, boeteDateMs] = time(() => buildTable(session, 'boete-achterstand', { peildata: ['2022-12-31'] }));
  const [, ouderdomMs] = time(() => buildTable(session, 'boete-ouderdom', {}));
  const incasso = snapshot.optionalTables.dwangbevel ? time(() => buildTable(session, 'incasso-achterstand', {}))[1] : null;
  const notices = snapshot.optionalTables.kennisgeving && snapshot.optionalTables.ind_levering
    ? time(() => buildTable(session, 'kennisgeving-vertraging', {}))[1]
    : null;

  // The precompute alone, in another fresh session: persons, then the asiel loan timelines.
  const [facts, precomputeMs] = time(() => personFacts(createAnalysisSession(snapshot)));
  const [loans, loansMs] = time(() => computeLoanTimelines(snapshot.db, facts, 'asiel'));
  const factBytes = [facts.stelsel, facts.doelgroep, facts.plichtStart, facts.termijnEinde, facts.statusDatum, facts.lopend, facts.cohort,
    facts.municipality, facts.scanToPerson, facts.scanGroup, loans.offset, loans.day, loans.cumulative].reduce((sum, array) => sum + array.byteLength, 0);
  const [, otherGroupMs] = time(() => buildTable(session, 'elip-cohorten', { peildata: DATES, doelgroep: 'gezin' }));

  // The plain reference in sql.js at one date, for scale.
  const [reference, referenceMs] = time(() => referenceElipPersons(snapshot.db, { peildatum: DATES[0]!, doelgroep: 'asiel', drempel_cent: 950_000, drempel_b_cent: 750_000 }));
  const totals = cohorten.rows.map((row) => Number(row.totaal));
  const memory = Math.round(process.memoryUsage().rss / 2 ** 20);
  snapshot.close();

  const nativeLine =
    typeof native === 'string'
      ? '| plain SQL of the definitions, native sqlite3 CLI, 3 dates | failed: ' + native + ' |'
      : `| plain SQL of the definitions, native sqlite3 CLI, 3 dates (ELIP-A totals ${native.totals.join(', ')}) | ${native.ms} ms |`;
  const lines = [
    '## ELIP, enforcement and notice analyses',
    '',
    `Scale snapshot of shared/demo/scale.ts: ${PERSONS.toLocaleString('en')} persons (seed ${SEED}), ` +
      `${counts.lening_betaling ?? 0} loan payments, ${counts.termijnoverschrijding ?? 0} overruns, ${counts.dwangbevel ?? 0} orders, ${sizeMb} MB plaintext; ` +
      `generated in ${generateMs} ms, opened with findings in ${loadMs} ms (not counted below). ` +
      `Per-person facts: ${facts.count} usable persons; asiel loan timelines: ${loans.day.length} payments; typed arrays of ${Math.round(factBytes / 2 ** 20)} MiB.`,
    '',
    '| step | time |',
    '|---|---|',
    `| elip-cohorten at ${DATES.join(', ')} in a fresh session, precompute included (ELIP-A totals ${totals.join(', ')}) | ${firstMs} ms |`,
    `| datalek-gemeenten next (its own precompute included) — together with the line above | ${datalekMs} ms (sum ${firstMs + datalekMs} ms) |`,
    `| precompute alone: persons (one scan) / loan timelines of the asiel Wi2013 persons (one scan) | ${precomputeMs} ms / ${loansMs} ms |`,
    `| elip-cohorten for doelgroep gezin (its loan timelines read on first use) | ${otherGroupMs} ms |`,
    `| elip-cohorten at three other dates | ${otherDatesMs} ms |`,
    `| elip-cohorten with threshold € 9.000 | ${thresholdMs} ms |`,
    `| elip-gemeenten at 2023-07-01 (${gemeenten.rows.length} rows, A+B ${String(gemeenten.totals?.totaal)}) | ${gemeentenMs} ms |`,
    `| elip-gemeenten at 2022-05-01 with ELIP-B threshold € 7.000 | ${gemeentenDateMs} ms |`,
    `| boete-achterstand, first (reads the overruns) / change of P | ${boeteFirstMs} ms / ${boeteDateMs} ms |`,
    `| boete-ouderdom | ${ouderdomMs} ms |`,
    `| incasso-achterstand (first) | ${incasso === null ? 'no dwangbevel table' : `${incasso} ms`} |`,
    `| kennisgeving-vertraging (first) | ${notices === null ? 'no kennisgeving/ind_levering tables' : `${notices} ms`} |`,
    nativeLine,
    `| plain reference (shared/analyses/elip/reference.ts) in sql.js, one date (${reference.filter((p) => p.group === 'A').length} ELIP-A) | ${referenceMs} ms |`,
    '',
    'Targets: ELIP at three dates together with datalek-gemeenten ≤ 1,5 s after load, a change of date or threshold ≤ 100 ms. ' +
      `Peak resident memory of this process: ${memory} MiB. The native sqlite3 run reads a plaintext copy in /dev/shm (memory-backed), deleted right after.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
