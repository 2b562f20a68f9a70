import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlaintext, openFixture } from '../../test/support/snapshot';
import { nodeSqlJsProvider } from '../node/snapshot/sqljs-node';
import type { Progress } from '../age/types';
import { usableView } from './findings';
import { openSnapshotFromPlaintext } from './open';
import type { Finding, OpenedSnapshot } from './types';

/** One line per finding: kind, where, count, whether skipped, examples. */
const lines = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.kind} ${f.table}.${f.column ?? ''} ${f.count}${f.skipped ? ' skip' : ''} [${f.examples.join(' ')}]`);

const column = (snapshot: OpenedSnapshot, sql: string) => (snapshot.db.exec(sql)[0]?.values ?? []).map((row) => row[0]);

// Clean rows first, then one broken row per rule (CHECKs are declared but not enforced on these INSERTs).
const DIRTY = `
INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', NULL), ('GM0599', 'Rotterdam', NULL), ('AMS', 'Fout', NULL);
INSERT INTO gegevenscategorie VALUES ('naw', 'Naam en adres', 0), ('strafrecht', 'Strafrechtelijk', 1), ('x', 'Fout', 2);
INSERT INTO inburgeraar VALUES
  ('P1', 'Wi2013', 'asiel', '2019-03-01', '2022-03-01', 'GM0363', 'lopend', NULL),
  ('P2', 'Wi2021', 'gezin', '2022-05-01', NULL, 'GM0599', 'voldaan', '2023-06-01'),
  ('P3', 'Wi2099', 'asiel', '2020-01-01', NULL, 'GM0363', 'lopend', NULL),
  ('P4', 'Wi2013', 'vluchteling', '2020-01-01', NULL, 'GM0363', 'lopend', NULL),
  ('P5', 'Wi2013', 'asiel', '2020-02-30', NULL, 'GM0363', 'lopend', NULL),
  ('P6', 'Wi2013', 'asiel', '2020-01-01', NULL, 'GM9999', 'lopend', NULL),
  ('P7', 'Wi2013', 'asiel', '2020-01-01', NULL, 'GM0363', 'voldaan', NULL),
  ('P8', 'Wi2013', 'asiel', '2020-01-01', NULL, 'GM0363', 'lopend', '2021-01-01'),
  ('P9', 'Wi2013', 'asiel', '2020-06-01', NULL, 'GM0363', 'voldaan', '2020-01-15'),
  ('P10', 'Wi2013', 'asiel', '2020-01-01', NULL, 'AMS', 'lopend', NULL),
  ('P11', 'Wi2013', 'asiel', '2020-01-01', NULL, 'GM0363', 'klaar', '2021-01-01'),
  ('P12', 'Wi2013', 'asiel', '2020-01-01', '2023/01/01', 'GM0363', 'lopend', NULL);
INSERT INTO lening_betaling VALUES
  ('P1', '2020-01-01', 100), ('P1', '2020-02-01', -50), ('P3', '2020-01-01', 10), ('PX', '2020-01-01', 5),
  ('P1', '2020-13-01', 5), ('P1', '2020-01-01', '12.5');
INSERT INTO termijnoverschrijding VALUES
  (1, 'P1', '2022-03-01', '2022-04-01', NULL, 'boete', '2022-06-01', 34000),
  (2, 'P1', '2022-03-01', NULL, NULL, 'boete', NULL, NULL),
  (3, 'P1', '2022-03-01', NULL, NULL, 'sanctie', '2022-05-01', NULL),
  (4, 'P1', '2022-03-01', NULL, NULL, 'boete', '2022-05-01', -100);
INSERT INTO dwangbevel VALUES (1, 'P1', 'boete', '2022-07-01', NULL), (2, 'P1', 'huur', '2022-07-01', NULL);
INSERT INTO portaal_signaal VALUES
  (10, 'P1', 'GM0363', 'Wi2013', '2022-01-01T00:00:00Z', '2022-02-01T00:00:00Z'),
  (11, 'P2', 'GM0599', 'Wi2021', '2022-01-01T00:00:00Z', NULL),
  (12, 'P1', 'GM0363', 'Wi2013', '2022-03-01T00:00:00Z', '2022-02-01T00:00:00Z'),
  (13, 'P1', 'GM0363', 'Wi2013', '2022-01-01 00:00:00', NULL),
  (14, 'P3', 'GM0363', 'Wi2013', '2022-01-01T00:00:00Z', NULL),
  (15, 'P1', 'GM0363', 'Wi2007', '2022-01-01T00:00:00Z', NULL);
INSERT INTO signaal_gegeven VALUES (10, 'naw'), (10, 'strafrecht'), (12, 'naw'), (99, 'naw'), (11, 'x'), (11, 'onbekend');
INSERT INTO portaal_inzage VALUES
  (10, '2022-01-15T10:00:00Z', 'u1'), (10, '2022-02-01T00:00:00Z', 'u2'), (10, '2021-12-31T23:59:59Z', 'u3'),
  (11, '2023-01-01T00:00:00Z', 'u1'), (12, '2022-03-01T00:00:00Z', 'u1'), (98, '2022-01-01T00:00:00Z', 'u1'),
  (10, '2022-01-15T25:00:00Z', 'u1');
INSERT INTO incident VALUES
  ('I1', 'Lek', 'datalek', '2022-01-01T00:00:00Z', NULL, NULL, NULL, NULL),
  ('I2', 'Brand', 'brand', '2022-01-01T00:00:00Z', NULL, NULL, NULL, NULL),
  ('I3', 'Lek 2', 'datalek', '2022-01-01T00:00:00Z', '2022-01-05', NULL, NULL, NULL);
INSERT INTO kennisgeving VALUES ('P1', 'Wi2013', '2019-04-01'), ('P2', 'Wi2021', '2022-13-01');
INSERT INTO ind_levering VALUES ('P1', '2019-01-01', '2019-03-01'), ('PX', '2019-01-01', NULL);
`;

describe('findings on a snapshot with one broken row per rule', () => {
  let snapshot: OpenedSnapshot;
  beforeAll(async () => {
    snapshot = await openFixture(DIRTY);
  });
  afterAll(() => snapshot.close());

  it('reports every finding with exact counts and examples, in table order', () => {
    expect(lines(snapshot.findings)).toEqual([
      'check-violation gemeente.code 1 skip [AMS]',
      'check-violation gegevenscategorie.bijzonder 1 skip [x]',
      'check-violation incident.soort 1 skip [I2]',
      'invalid-instant incident.gemeld_ap_op 1 skip [I3]',
      'check-violation inburgeraar.stelsel 1 skip [P3]',
      'check-violation inburgeraar.doelgroep 1 skip [P4]',
      'invalid-date inburgeraar.plicht_start 1 skip [P5]',
      'invalid-date inburgeraar.termijn_einde 1 skip [P12]',
      'check-violation inburgeraar.status 1 skip [P11]',
      'check-violation inburgeraar.status_datum 2 skip [P7 P8]',
      'status-before-start inburgeraar.status_datum 1 [P9]',
      'dangling-reference inburgeraar.gemeente_code 1 skip [P6]',
      'skipped-reference inburgeraar.gemeente_code 1 skip [P10]',
      'invalid-date lening_betaling.datum 1 skip [rowid:5]',
      'check-violation lening_betaling.bedrag_cent 1 skip [rowid:6]',
      'dangling-reference lening_betaling.inburgeraar_id 1 skip [rowid:4]',
      'skipped-reference lening_betaling.inburgeraar_id 1 skip [rowid:3]',
      'check-violation termijnoverschrijding.besluit 1 skip [3]',
      'check-violation termijnoverschrijding.besluit_op 1 skip [2]',
      'negative-amount termijnoverschrijding.boete_cent 1 [4]',
      'check-violation dwangbevel.soort 1 skip [2]',
      'invalid-date kennisgeving.verzonden_op 1 skip [rowid:2]',
      'dangling-reference ind_levering.inburgeraar_id 1 skip [rowid:2]',
      'check-violation portaal_signaal.stelsel 1 skip [15]',
      'invalid-instant portaal_signaal.zichtbaar_vanaf 1 skip [13]',
      'window-ends-before-start portaal_signaal.zichtbaar_tot 1 skip [12]',
      'skipped-reference portaal_signaal.inburgeraar_id 1 skip [14]',
      'dangling-reference signaal_gegeven.signaal_id 1 skip [99/naw]',
      'dangling-reference signaal_gegeven.categorie 1 skip [11/onbekend]',
      'skipped-reference signaal_gegeven.signaal_id 1 skip [12/naw]',
      'skipped-reference signaal_gegeven.categorie 1 skip [11/x]',
      'invalid-instant portaal_inzage.ingezien_op 1 skip [rowid:7]',
      'dangling-reference portaal_inzage.signaal_id 1 skip [rowid:6]',
      'view-outside-window portaal_inzage.ingezien_op 2 [rowid:2 rowid:3]',
      'skipped-reference portaal_inzage.signaal_id 1 skip [rowid:5]',
    ]);
  });

  it('fills the skip sets: rowids for rowid tables, keys for WITHOUT ROWID tables', () => {
    expect(snapshot.skippedKeys?.inburgeraar).toEqual(new Set(['P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P10', 'P11', 'P12']));
    expect(snapshot.skippedKeys?.gemeente).toEqual(new Set(['AMS']));
    expect(snapshot.skippedKeys?.signaal_gegeven).toEqual(new Set(['99/naw', '11/onbekend', '12/naw', '11/x']));
    expect(snapshot.skipped.lening_betaling).toEqual(new Set([3, 4, 5, 6]));
    expect(snapshot.skipped.portaal_signaal).toEqual(new Set([12, 13, 14, 15]));
    // Views outside their window are kept: only the invalid, dangling and cascaded ones are skipped.
    expect(snapshot.skipped.portaal_inzage).toEqual(new Set([5, 6, 7]));
    expect(snapshot.skipped.termijnoverschrijding).toEqual(new Set([2, 3]));
  });

  it('holds the same sets in TEMP skip tables and leaves the rest in the usable views', () => {
    expect(column(snapshot, 'SELECT rid FROM temp.skip_lening_betaling ORDER BY rid')).toEqual([3, 4, 5, 6]);
    expect(column(snapshot, 'SELECT id FROM temp.skip_inburgeraar ORDER BY id')).toEqual(
      ['P10', 'P11', 'P12', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8'],
    );
    expect(column(snapshot, 'SELECT id FROM usable_inburgeraar ORDER BY id')).toEqual(['P1', 'P2', 'P9']);
    expect(column(snapshot, 'SELECT sum(bedrag_cent) FROM usable_lening_betaling')).toEqual([50]);
    expect(column(snapshot, 'SELECT id FROM usable_portaal_signaal ORDER BY id')).toEqual([10, 11]);
    expect(column(snapshot, "SELECT signaal_id || '/' || categorie FROM usable_signaal_gegeven ORDER BY 1")).toEqual([
      '10/naw', '10/strafrecht',
    ]);
    expect(column(snapshot, 'SELECT ingezien_op FROM usable_portaal_inzage ORDER BY ingezien_op')).toEqual([
      '2021-12-31T23:59:59Z', '2022-01-15T10:00:00Z', '2022-02-01T00:00:00Z', '2023-01-01T00:00:00Z',
    ]);
  });
});

describe('findings on tables made without keys or NOT NULLs', () => {
  it('finds missing values and duplicate keys and skips every copy of a duplicate', async () => {
    const snapshot = await openFixture(
      `INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', NULL), (NULL, 'Zonder code', NULL);
       INSERT INTO inburgeraar VALUES
         ('P1', 'Wi2013', 'asiel', '2019-03-01', NULL, 'GM0363', 'lopend', NULL),
         ('P1', 'Wi2021', 'asiel', '2022-03-01', NULL, 'GM0363', 'lopend', NULL),
         ('P2', NULL, 'asiel', '2019-03-01', NULL, 'GM0363', 'lopend', NULL),
         ('P3', 'Wi2013', 'asiel', NULL, NULL, NULL, 'lopend', NULL);
       INSERT INTO lening_betaling VALUES ('P1', '2020-01-01', 100), (NULL, '2020-01-01', 100), ('P3', '2020-01-01', NULL);
       INSERT INTO portaal_signaal VALUES (1, 'P3', 'GM0363', 'Wi2013', '2022-01-01T00:00:00Z', NULL),
         (1, 'P3', 'GM0363', 'Wi2013', '2022-01-01T00:00:00Z', NULL);`,
      { schema: 'loose' },
    );
    try {
      expect(lines(snapshot.findings)).toEqual([
        'check-violation gemeente.code 1 skip [rowid:2]',
        'check-violation inburgeraar.stelsel 1 skip [P2]',
        'check-violation inburgeraar.plicht_start 1 skip [P3]',
        'duplicate-key inburgeraar.id 2 skip [P1]',
        'check-violation lening_betaling.inburgeraar_id 1 skip [rowid:2]',
        'check-violation lening_betaling.bedrag_cent 1 skip [rowid:3]',
        'skipped-reference lening_betaling.inburgeraar_id 2 skip [rowid:1 rowid:3]',
        'duplicate-key portaal_signaal.id 2 skip [1]',
        'skipped-reference portaal_signaal.inburgeraar_id 2 skip [1]',
      ]);
      expect(snapshot.skipped.inburgeraar).toEqual(new Set([1, 2, 3, 4]));
      expect(snapshot.skipped.lening_betaling).toEqual(new Set([1, 2, 3]));
    } finally {
      snapshot.close();
    }
  });
});

describe('examples', () => {
  it('gives at most five examples, while counting every row', async () => {
    const snapshot = await openFixture(
      `INSERT INTO inburgeraar VALUES ('P1', 'Wi2013', 'asiel', '2019-03-01', NULL, NULL, 'lopend', NULL);
       INSERT INTO lening_betaling VALUES ('P1', '2020-02-30', 1), ('P1', '2020-02-31', 2), ('P1', 'gisteren', 3),
         ('P1', '2020-04-31', 4), ('P1', '2020-06-31', 5), ('P1', '2021-02-29', 6), ('P1', '2020-09-31', 7);`,
    );
    try {
      expect(lines(snapshot.findings)).toEqual([
        'invalid-date lening_betaling.datum 7 skip [rowid:1 rowid:2 rowid:3 rowid:4 rowid:5]',
      ]);
      expect(snapshot.skipped.lening_betaling?.size).toBe(7);
    } finally {
      snapshot.close();
    }
  });
});

describe('a snapshot opened with checks when needed', () => {
  it('checks a table (and what it references) when first asked, with the findings of a full open', async () => {
    const full = await openFixture(DIRTY);
    const phases: Progress['phase'][] = [];
    const plaintext = await buildPlaintext(DIRTY);
    const lazy = await openSnapshotFromPlaintext(
      plaintext, { sha256: '0'.repeat(64), fileSize: plaintext.length, keyKind: 'passphrase' }, nodeSqlJsProvider,
      { checks: 'when-needed', onProgress: (progress) => phases.push(progress.phase) },
    );
    try {
      expect(phases).not.toContain('check');
      expect(lazy.checksComplete).toBe(false);
      // Nothing checked yet: a reader that bypassed the checks would fail loudly, not use every row.
      expect(() => lazy.db.exec('SELECT * FROM temp.usable_lening_betaling')).toThrow(/no such table/);

      // A direct reader of the usable view: lening_betaling is checked, with inburgeraar and gemeente.
      const usablePayments = (snapshot: OpenedSnapshot) =>
        column(snapshot, `SELECT inburgeraar_id || '/' || datum || '/' || bedrag_cent FROM ${usableView(snapshot.db, 'lening_betaling')} ORDER BY 1`);
      expect(usablePayments(lazy)).toEqual(usablePayments(full));
      expect(lazy.findingsOf(['inburgeraar', 'gemeente'])).toEqual(full.findings.filter((f) => f.table === 'inburgeraar' || f.table === 'gemeente'));
      expect(() => lazy.db.exec('SELECT * FROM temp.usable_portaal_inzage')).toThrow(/no such table/);
      expect(lazy.checksComplete).toBe(false);

      // The skip-set getters check what they are asked for.
      expect(lazy.skipped.portaal_inzage).toEqual(full.skipped.portaal_inzage);
      expect(lazy.skippedKeys?.signaal_gegeven).toEqual(full.skippedKeys?.signaal_gegeven);

      // findings and rowCounts check the rest; the order is that of a full open.
      expect(lazy.findings).toEqual(full.findings);
      expect(lazy.rowCounts).toEqual(full.rowCounts);
      expect(lazy.checksComplete).toBe(true);
      expect(phases).not.toContain('check');
    } finally {
      full.close();
      lazy.close();
    }
    expect(() => lazy.ensureChecked(['gemeente'])).toThrow(/closed snapshot/);
  });
});
