import { describe, expect, it } from 'vitest';
import { buildTable } from '../../tables/catalogue';
import { InvalidParameterError } from '../../errors';
import { fixtureSession, skippedFinding } from '../../../test/support/snapshot';
import { cohortColumns } from './tables';
import { countObliged } from './compute';
import { personFacts } from './facts';

// Hand-made chain; every person's expected class at 2022-05-01 is in its comment.
const SQL = `
INSERT INTO gemeente VALUES ('GM0363', 'Amsterdam', 'Noord-Holland'), ('GM0599', 'Rotterdam', 'Zuid-Holland');
INSERT INTO inburgeraar VALUES
 ('a01', 'Wi2013', 'asiel', '2015-03-01', '2024-01-01', 'GM0363', 'lopend', NULL),      -- A: payment on P counts
 ('a02', 'Wi2013', 'asiel', '2016-01-01', '2023-05-01', 'GM0363', 'lopend', NULL),      -- none: correction; deadline exactly 12 months
 ('a03', 'Wi2013', 'asiel', '2016-06-01', '2023-04-30', 'GM0599', 'lopend', NULL),      -- B
 ('a04', 'Wi2013', 'asiel', '2017-01-01', NULL, 'GM0599', 'voldaan', '2022-05-01'),     -- none: status reached on P
 ('a05', 'Wi2013', 'asiel', '2017-01-01', NULL, NULL, 'voldaan', '2022-05-02'),         -- A: status after P, no municipality
 ('a06', 'Wi2013', 'asiel', '2018-01-01', NULL, 'GM0363', 'lopend', NULL),              -- none: paid the day after P
 ('a07', 'Wi2013', 'gezin', '2018-01-01', NULL, 'GM0363', 'lopend', NULL),              -- other target group
 ('a08', 'Wi2021', 'asiel', '2018-01-01', NULL, 'GM0363', 'lopend', NULL),              -- other regime
 ('a09', 'Wi2013', 'asiel', '2022-06-01', NULL, 'GM0363', 'lopend', NULL),              -- not yet obliged
 ('a10', 'Wi2013', 'asiel', '2019-01-01', NULL, 'GM0363', 'lopend', NULL),              -- none: NULL deadline
 ('a11', 'Wi2013', 'asiel', '2019-01-01', '2020-01-01', 'GM0363', 'lopend', NULL),      -- B: deadline passed
 ('a12', 'Wi2013', 'asiel', '2019-01-01', '2022-06-01', 'GM0363', 'lopend', NULL),      -- none: exactly € 7.500
 ('gx',  'Wi2013', 'asiel', '2015-01-01', NULL, 'GM9999', 'lopend', NULL),              -- unknown municipality: left out
 ('sk',  'Wi2013', 'asiel', '2015-01-01', NULL, 'GM0363', 'lopend', NULL);              -- skipped by the loader
INSERT INTO lening_betaling (rowid, inburgeraar_id, datum, bedrag_cent) VALUES
 (1, 'a01', '2016-01-01', 500000), (2, 'a01', '2022-05-01', 450000),
 (3, 'a02', '2017-01-01', 960000), (4, 'a02', '2022-04-01', -20000),
 (5, 'a03', '2017-01-01', 800000),
 (6, 'a04', '2018-01-01', 1000000), (7, 'a05', '2018-01-01', 1000000),
 (8, 'a06', '2022-05-02', 1000000), (9, 'a07', '2018-01-01', 1000000), (10, 'a08', '2018-01-01', 1000000),
 (11, 'a09', '2022-06-01', 1000000), (12, 'a10', '2018-01-01', 800000), (13, 'a11', '2018-01-01', 800000),
 (14, 'a12', '2018-01-01', 750000), (15, 'gx', '2018-01-01', 1000000), (16, 'sk', '2018-01-01', 1000000),
 (99, 'ghost', '2018-01-01', 1000000);
`;

const options = {
  skipped: { lening_betaling: [99, 16] },
  skippedKeys: { inburgeraar: ['sk'] },
  findings: [
    skippedFinding('lening_betaling', 'dangling-reference', 1, 'inburgeraar_id verwijst naar een onbekende inburgeraar'),
    skippedFinding('lening_betaling', 'dangling-reference', 1, 'inburgeraar_id verwijst naar een inburgeraar die wordt overgeslagen'),
    skippedFinding('inburgeraar', 'check-violation', 1, 'plicht_start ligt na status_datum'),
  ],
};

describe('elip-cohorten', () => {
  it('counts ELIP-A per cohort at each date, corrections and status dates included', async () => {
    const session = await fixtureSession(SQL, options);
    const table = buildTable(session, 'elip-cohorten', {
      peildata: ['2022-03-01', '2022-05-01', '2022-10-01'],
      cohort_merge_from: 2019,
    });
    expect(table.columns.map((c) => c.key)).toEqual(['peildatum', '2015', '2016', '2017', '2018', '2019-2022', 'totaal']);
    expect(table.columns.map((c) => c.label)).toEqual(['Peildatum', "'15", "'16", "'17", "'18", "'19/'22", 'Totaal']);
    expect(table.rows).toEqual([
      // a02 is over € 9.500 before its correction; a04 and a05 are still obliged.
      { peildatum: '2022-03-01', '2015': 0, '2016': 1, '2017': 2, '2018': 0, '2019-2022': 0, totaal: 3 },
      // a01 by its payment on P; a02 pulled back under; a04 reached its status on P.
      { peildatum: '2022-05-01', '2015': 1, '2016': 0, '2017': 1, '2018': 0, '2019-2022': 0, totaal: 2 },
      { peildatum: '2022-10-01', '2015': 1, '2016': 0, '2017': 0, '2018': 1, '2019-2022': 1, totaal: 3 },
    ]);
    expect(table.title).toBe('ELIP minstens € 9.500 geleend, per cohort (asielmigranten)');
    expect(table.totals).toBeNull();
    expect(table.source).toBe('DUO');
    expect(table.parameters).toEqual({
      peildata: ['2022-03-01', '2022-05-01', '2022-10-01'], doelgroep: 'asiel', drempel_cent: 950000, cohort_merge_from: 2019,
    });
    expect(table.notes).toContain(
      '1 rij van lening_betaling overgeslagen als datakwaliteitsbevinding: inburgeraar_id verwijst naar een onbekende inburgeraar.',
    );
    expect(table.notes.some((note) => note.startsWith('1 rij van inburgeraar overgeslagen'))).toBe(true);
    expect(table.provenance.peildatum).toBe('2023-09-15');
  });

  it('uses the snapshot peildatum by default and follows the threshold', async () => {
    const session = await fixtureSession(SQL, { ...options, meta: { peildatum: '2022-05-01' } });
    const table = buildTable(session, 'elip-cohorten', { drempel_cent: 800000 });
    // At € 8.000: a01, a03 (800000), a05, a10, a11; a02 is at 940000 too.
    expect(table.rows).toEqual([{ peildatum: '2022-05-01', '2015': 1, '2016': 2, '2017': 1, '2018': 0, '2019': 2, '2020': 0, '2021': 0, '2022': 0, totaal: 6 }]);
    expect(table.title).toBe('ELIP minstens € 8.000 geleend, per cohort (asielmigranten)');
  });

  it('builds merged cohort columns', () => {
    expect(cohortColumns(2013, 2023, 2022).map((c) => c.key)).toEqual([
      '2013', '2014', '2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022-2023',
    ]);
    expect(cohortColumns(2013, 2023, 2022).at(-1)?.label).toBe("'22/'23");
    expect(cohortColumns(2013, 2022, 2022).map((c) => c.key).at(-1)).toBe('2022');
    expect(cohortColumns(2015, 2016, 2030).map((c) => c.key)).toEqual(['2015', '2016']);
    expect(cohortColumns(2015, 2016, 2000).map((c) => c.key)).toEqual(['2015-2016']);
  });
});

describe('elip-gemeenten', () => {
  it('counts A and B per municipality with the unknown municipality last', async () => {
    const session = await fixtureSession(SQL, options);
    const table = buildTable(session, 'elip-gemeenten', { peildata: ['2022-05-01'] });
    expect(table.rows).toEqual([
      { gemeente_code: 'GM0363', gemeente: 'Amsterdam', elip_a: 1, elip_b: 1, totaal: 2 },
      { gemeente_code: 'GM0599', gemeente: 'Rotterdam', elip_a: 0, elip_b: 1, totaal: 1 },
      { gemeente_code: null, gemeente: 'Onbekend', elip_a: 1, elip_b: 0, totaal: 1 },
    ]);
    expect(table.totals).toEqual({ gemeente_code: null, gemeente: 'Totaal', elip_a: 2, elip_b: 2, totaal: 4 });
    expect(table.title).toBe('ELIP-A (minstens € 9.500 geleend) en ELIP-B (meer dan € 7.500, termijn binnen 12 maanden) per gemeente op 1-5-2022 (asielmigranten)');
    expect(table.parameters).toEqual({
      peildatum: '2022-05-01', doelgroep: 'asiel', drempel_cent: 950000, drempel_b_cent: 750000, maanden_b: 12,
    });
  });

  it('turns 29 February into 28 February for the 12-month rule', async () => {
    const session = await fixtureSession(`
      INSERT INTO inburgeraar VALUES
        ('b1', 'Wi2013', 'asiel', '2020-01-01', '2025-02-27', NULL, 'lopend', NULL),
        ('b2', 'Wi2013', 'asiel', '2020-01-01', '2025-02-28', NULL, 'lopend', NULL);
      INSERT INTO lening_betaling VALUES ('b1', '2021-01-01', 800000), ('b2', '2021-01-01', 800000);`);
    const table = buildTable(session, 'elip-gemeenten', { peildata: ['2024-02-29'] });
    expect(table.rows).toEqual([{ gemeente_code: null, gemeente: 'Onbekend', elip_a: 0, elip_b: 1, totaal: 1 }]);
  });

  it('refuses bad parameters with a typed error', async () => {
    const session = await fixtureSession(SQL);
    expect(() => buildTable(session, 'elip-gemeenten', { peildata: ['2022-02-30'] })).toThrow(InvalidParameterError);
    expect(() => buildTable(session, 'elip-gemeenten', { drempel_cent: -1 })).toThrow(InvalidParameterError);
    expect(() => buildTable(session, 'elip-cohorten', { doelgroep: 'toerist' as 'asiel' })).toThrow(InvalidParameterError);
    expect(() => buildTable(session, 'elip-gemeenten', { peildata: ['2022-01-01', '2022-02-01'] })).toThrow(InvalidParameterError);
  });
});

describe('loan timelines', () => {
  it('sorts payments that come out of date order (no index) and keep corrections in time', async () => {
    // Without the index SQLite hands the payments over in rowid order: latest first here.
    const session = await fixtureSession(`
      DROP INDEX lening_betaling_persoon;
      INSERT INTO inburgeraar VALUES ('r1', 'Wi2013', 'asiel', '2015-01-01', NULL, NULL, 'lopend', NULL);
      INSERT INTO lening_betaling VALUES ('r1', '2022-06-01', -100001), ('r1', '2022-05-01', 450000), ('r1', '2016-01-01', 600000);`);
    const at = (peildatum: string) => buildTable(session, 'elip-cohorten', { peildata: [peildatum] }).rows[0]?.totaal;
    expect(at('2022-04-30')).toBe(0); // € 6.000
    expect(at('2022-05-01')).toBe(1); // € 10.500
    expect(at('2022-06-01')).toBe(0); // € 10.500 - € 1.000,01 = € 9.499,99
  });
});

describe('countObliged', () => {
  it('counts persons of a regime still obliged at a date', async () => {
    const session = await fixtureSession(SQL, options);
    const facts = personFacts(session);
    // Wi2013 asiel obliged at 2022-05-01: a01 a02 a03 a05 a06 a10 a11 a12 (not a04, a09, gx, sk).
    expect(countObliged(facts, { peildatum: '2022-05-01', stelsel: 'Wi2013', doelgroep: 'asiel' })).toBe(8);
    expect(countObliged(facts, { peildatum: '2022-05-01', stelsel: 'Wi2021' })).toBe(1);
    expect(facts.personsLeftOut).toBe(2);
  });
});
