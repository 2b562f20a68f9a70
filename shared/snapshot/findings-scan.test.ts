// The scanner's fast path never changes a finding: on random snapshots (strict and loose
// schemas, mostly valid rows with every kind of defect mixed in) the findings, row counts
// and skip sets with the b-tree scanner equal those of the SQL checks alone.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeSqlJsProvider } from '../node/snapshot/sqljs-node';
import { buildImage, snapshotCase, TABLES } from '../../test/support/random-snapshot';
import { runFindings, SnapshotChecks } from './findings';
import { FindingsScanner } from './findings-scan';
import { openSnapshotFromPlaintext } from './open';
import { OPTIONAL_TABLES, REQUIRED_TABLES, type SnapshotTable } from './types';

const PRESENT: SnapshotTable[] = [...REQUIRED_TABLES, ...OPTIONAL_TABLES];

async function outcome(image: Uint8Array, withScanner: boolean) {
  const SQL = await nodeSqlJsProvider();
  const db = new SQL.Database(image);
  try {
    return runFindings(db, PRESENT, withScanner ? { image } : {});
  } finally {
    db.close();
  }
}

describe('findings with the b-tree scanner', () => {
  afterEach(() => vi.restoreAllMocks());

  it('equal the SQL checks alone on random snapshots', async () => {
    const clean = vi.spyOn(FindingsScanner.prototype, 'cleanRowCount');
    await fc.assert(
      fc.asyncProperty(snapshotCase, async (test) => {
        const image = await buildImage(test);
        const [fast, sql] = [await outcome(image, true), await outcome(image, false)];
        expect(fast).toEqual(sql);
      }),
      { numRuns: 60 },
    );
    // The fast path was taken (and found tables clean) as well as declined.
    const verdicts = clean.mock.results.map((result) => result.value as number | null);
    expect(verdicts.some((value) => value !== null && value > 0)).toBe(true);
    expect(verdicts.some((value) => value === null)).toBe(true);
  }, 240_000);

  it('give the same findings and skip sets when tables are checked only when needed, in any order', async () => {
    const subsets = fc.array(fc.subarray(PRESENT, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(snapshotCase, subsets, async (test, steps) => {
        const image = await buildImage(test);
        const full = await outcome(image, true);
        const SQL = await nodeSqlJsProvider();
        const db = new SQL.Database(image);
        try {
          const checks = new SnapshotChecks(db, PRESENT, { image });
          for (const tables of steps) {
            checks.check(tables);
            for (const table of tables) {
              expect(checks.isChecked(table)).toBe(true);
              expect(checks.findingsOf([table])).toEqual(full.findings.filter((finding) => finding.table === table));
              const skipped = checks.hasRowid(table) ? checks.skippedRowsOf(table) : checks.skippedKeysOf(table);
              expect(skipped).toEqual(checks.hasRowid(table) ? full.skipped[table] : full.skippedKeys[table]);
            }
          }
          // A table nobody asked for has no skip table yet: SQL that reads it fails loudly.
          const unchecked = PRESENT.filter((table) => !checks.isChecked(table));
          for (const table of unchecked) expect(() => db.exec(`SELECT * FROM temp.skip_${table}`)).toThrow(/no such table/);
          expect(checks.complete).toBe(unchecked.length === 0);
          expect(checks.outcome()).toEqual(full);
        } finally {
          db.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 240_000);

  it('count rows before any check exactly as the checks count them', async () => {
    await fc.assert(
      fc.asyncProperty(snapshotCase, async (test) => {
        const image = await buildImage(test);
        const full = await outcome(image, true);
        const opened = await openSnapshotFromPlaintext(
          image.slice(), { sha256: '0'.repeat(64), fileSize: image.length, keyKind: 'passphrase' }, nodeSqlJsProvider, { checks: 'when-needed' },
        );
        try {
          expect(opened.rowCounts).toEqual(full.rowCounts);
          expect(opened.checksComplete).toBe(false);
        } finally {
          opened.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 240_000);

  it('report the tables one by one', async () => {
    const image = await buildImage({ schema: 'strict', rows: Object.fromEntries(TABLES.map((table) => [table, []])) as never });
    const SQL = await nodeSqlJsProvider();
    const db = new SQL.Database(image);
    const seen: string[] = [];
    runFindings(db, PRESENT, { image, onTable: (done, total, table) => seen.push(`${done}/${total} ${table}`) });
    db.close();
    expect(seen).toHaveLength(PRESENT.length);
    expect(seen[0]).toBe(`1/${PRESENT.length} meta`);
    expect(seen.at(-1)).toBe(`${PRESENT.length}/${PRESENT.length} portaal_inzage`);
  });
});
