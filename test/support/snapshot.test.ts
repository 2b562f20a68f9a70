import { describe, expect, it } from 'vitest';
import { fixtureSnapshot } from './snapshot';

describe('fixtureSnapshot', () => {
  it('builds an opened snapshot from SQL text with skips and omitted optional tables', async () => {
    const snapshot = await fixtureSnapshot(
      `INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', 'Noord-Holland');
       INSERT INTO inburgeraar VALUES ('p1', 'Wi2013', 'asiel', '2015-01-01', NULL, 'GM0363', 'lopend', NULL);
       INSERT INTO lening_betaling VALUES ('p1', '2016-01-01', 500000), ('p9', '2016-01-01', 1);`,
      { meta: { peildatum: '2022-05-01' }, omit: ['dwangbevel'], skipped: { lening_betaling: [2] } },
    );
    expect(snapshot.meta.peildatum).toBe('2022-05-01');
    expect(snapshot.meta.bron).toBe('DUO');
    expect(snapshot.optionalTables).toEqual({ dwangbevel: false, incident: true, kennisgeving: true, ind_levering: true });
    expect(snapshot.rowCounts.lening_betaling).toBe(2);
    expect([...(snapshot.skipped.lening_betaling ?? [])]).toEqual([2]);
    expect(snapshot.db.exec('SELECT rid FROM temp.skip_lening_betaling')[0]?.values).toEqual([[2]]);
    snapshot.close();
  });
});

describe('fixtureSnapshot skip tables', () => {
  it('keys the skip table of a WITHOUT ROWID table by its primary key', async () => {
    const snapshot = await fixtureSnapshot(
      `INSERT INTO inburgeraar VALUES ('p1', 'Wi2013', 'asiel', '2015-01-01', NULL, NULL, 'lopend', NULL),
                                      ('p2', 'Wi2013', 'asiel', '2015-01-01', NULL, NULL, 'lopend', NULL);`,
      { skippedKeys: { inburgeraar: ['p2'] } },
    );
    expect(snapshot.db.exec('SELECT id FROM temp.usable_inburgeraar')[0]?.values).toEqual([['p1']]);
    snapshot.close();
  });
});
