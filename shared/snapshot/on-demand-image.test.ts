// An image decrypted on demand reads like the plain image through both doors (sql.js and
// the b-tree scanner): on random snapshots the open's findings, row counts, skip sets and
// every row equal those of the plain image; each block is decrypted once, only when read;
// closing zeroes what was decrypted. `fill` here copies from the plain image and counts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeSqlJsProvider } from '../node/snapshot/sqljs-node';
import { buildImage, snapshotCase } from '../../test/support/random-snapshot';
import { BLOCK_BYTES, OnDemandImage } from './on-demand-image';
import { openSnapshotFromPlaintext } from './open';
import { selectRows } from './sql';
import { SqliteImage } from './btree';
import type { OpenedSnapshot, SnapshotTable } from './types';

interface Counted {
  image: OnDemandImage;
  fills: Array<[number, number]>;
}

/** An OnDemandImage over a copy of `plain`'s bytes whose fill copies from `plain`. */
function onDemand(plain: Uint8Array): Counted {
  const buffer = new ArrayBuffer(plain.length);
  const fills: Array<[number, number]> = [];
  const target = new Uint8Array(buffer);
  const image = OnDemandImage.create(buffer, plain.length, (start, end) => {
    fills.push([start, end]);
    target.set(plain.subarray(start, end), start);
  });
  return { image, fills };
}

const INFO = { sha256: '0'.repeat(64), fileSize: 0, keyKind: 'passphrase' as const };

function everything(snapshot: OpenedSnapshot) {
  const tables = Object.keys(snapshot.rowCounts) as SnapshotTable[];
  return {
    meta: snapshot.meta,
    findings: snapshot.findings,
    rowCounts: snapshot.rowCounts,
    skipped: Object.fromEntries(Object.entries(snapshot.skipped).map(([table, rows]) => [table, [...(rows ?? [])]])),
    skippedKeys: Object.fromEntries(Object.entries(snapshot.skippedKeys ?? {}).map(([table, keys]) => [table, [...(keys ?? [])]])),
    rows: Object.fromEntries(tables.map((table) => [table, selectRows(snapshot.db, `SELECT * FROM main."${table}"`)])),
  };
}

describe('an image decrypted on demand', () => {
  it('opens, checks and reads like the plain image on random snapshots', async () => {
    await fc.assert(
      fc.asyncProperty(snapshotCase, async (test) => {
        const plain = await buildImage(test);
        const expected = await openSnapshotFromPlaintext(plain.slice(), INFO, nodeSqlJsProvider, { checks: 'when-needed' });
        const { image, fills } = onDemand(plain);
        const opened = await openSnapshotFromPlaintext(image, INFO, nodeSqlJsProvider, { checks: 'when-needed' });
        try {
          expect(everything(opened)).toEqual(everything(expected));
        } finally {
          expected.close();
          opened.close();
        }
        // Every block once at most, and on block boundaries.
        const blocks = fills.flatMap(([start, end]) => {
          expect(start % BLOCK_BYTES).toBe(0);
          return Array.from({ length: Math.ceil((end - start) / BLOCK_BYTES) }, (_, k) => start / BLOCK_BYTES + k);
        });
        expect(new Set(blocks).size).toBe(blocks.length);
        // Closed: what was decrypted is zero again (and the rest was never written).
        expect(new Uint8Array(image.buffer).every((byte) => byte === 0)).toBe(true);
      }),
      { numRuns: 40 },
    );
  }, 240_000);

  it('decrypts only the pages a scan of one table reads', async () => {
    const SQL = await nodeSqlJsProvider();
    const db = new SQL.Database();
    // Two tables written side by side, row by row: their pages alternate in the file.
    db.run('CREATE TABLE a (x TEXT); CREATE TABLE b (y TEXT);');
    const filler = 'x'.repeat(1000);
    for (let row = 0; row < 200; row++) {
      db.run('INSERT INTO a VALUES (?)', [filler]);
      db.run('INSERT INTO b VALUES (?)', [filler]);
    }
    const root = Number(db.exec("SELECT rootpage FROM sqlite_schema WHERE name = 'a'")[0]!.values[0]![0]);
    const plain = db.export();
    db.close();
    const pages = plain.length / BLOCK_BYTES;
    const { image } = onDemand(plain);
    const rows = new SqliteImage(image).scan(root, { withoutRowid: false }, () => true);
    expect(rows).toBe(200);
    const decrypted = image.decryptedBlocks.decrypted;
    // Table a's pages (about half), the header page, and nothing of table b's.
    expect(decrypted).toBeGreaterThan(pages * 0.4);
    expect(decrypted).toBeLessThan(pages * 0.6);
  });

  it('guards subarray, shares the guard with slice, and makes plain arrays elsewhere', () => {
    const plain = Uint8Array.from({ length: 3 * BLOCK_BYTES + 10 }, (_, index) => index % 251);
    const { image, fills } = onDemand(plain);
    expect([...image.subarray(-5)]).toEqual([...plain.subarray(-5)]);
    expect(fills).toEqual([[3 * BLOCK_BYTES, 3 * BLOCK_BYTES + 10]]);
    const view = image.slice(BLOCK_BYTES, 2 * BLOCK_BYTES + 1);
    expect(view).toBeInstanceOf(OnDemandImage);
    expect([...view.subarray(0, 3)]).toEqual([...plain.subarray(BLOCK_BYTES, BLOCK_BYTES + 3)]);
    expect(fills.at(-1)).toEqual([BLOCK_BYTES, 2 * BLOCK_BYTES]);
    expect(image.decryptedBlocks).toEqual({ decrypted: 2, total: 4 });
    // Asked again: nothing more is decrypted.
    view.subarray(0, BLOCK_BYTES);
    expect(fills).toHaveLength(2);
    expect(image.map((byte) => byte)).not.toBeInstanceOf(OnDemandImage);
    image.wipe();
    expect(new Uint8Array(image.buffer).every((byte) => byte === 0)).toBe(true);
    // After the wipe nothing is decrypted again: a closed snapshot reads zeros.
    expect([...image.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    expect(fills).toHaveLength(2);
  });
});
