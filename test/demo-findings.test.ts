// Cross-layer: the demo snapshot opens with the real reader, and its data-quality findings
// are exactly the seven views outside their windows that the demo plants (docs/DEMO.md);
// a scale snapshot has none.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { generateDemoSnapshot, generateScaleSnapshot } from '../shared/demo/index';
import { openSnapshotFromPlaintext } from '../shared/snapshot/open';

describe('the demo snapshot through the snapshot reader', () => {
  it('opens, has every optional table, and only the planted findings', async () => {
    const sql = await initSqlJs();
    const plaintext = generateDemoSnapshot(sql);
    const snapshot = await openSnapshotFromPlaintext(
      plaintext, { sha256: '0'.repeat(64), fileSize: plaintext.length, keyKind: 'passphrase' }, () => Promise.resolve(sql),
    );
    try {
      expect(snapshot.meta.peildatum).toBe('2023-09-15');
      expect(Object.values(snapshot.optionalTables).every(Boolean)).toBe(true);
      expect(snapshot.findings.map((finding) => [finding.kind, finding.table, finding.count])).toEqual([
        ['view-outside-window', 'portaal_inzage', 7],
      ]);
    } finally {
      snapshot.db.close();
    }
  }, 120_000);

  it('finds nothing wrong in a scale snapshot', async () => {
    const sql = await initSqlJs();
    const plaintext = generateScaleSnapshot(sql, { persons: 8000, seed: 11 });
    const snapshot = await openSnapshotFromPlaintext(
      plaintext, { sha256: '0'.repeat(64), fileSize: plaintext.length, keyKind: 'passphrase' }, () => Promise.resolve(sql),
    );
    try {
      expect(snapshot.findings).toEqual([]);
    } finally {
      snapshot.db.close();
    }
  }, 60_000);
});
