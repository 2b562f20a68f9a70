import { describe, expect, it } from 'vitest';
import { buildTable } from '../../tables/catalogue';
import { OptionalTableAbsentError } from '../../errors';
import { fixtureSession, skippedFinding } from '../../../test/support/snapshot';
import { overrunFacts } from './facts';
import { ageBand, countAppointments, countDecisions } from './compute';

const SQL = `
INSERT INTO inburgeraar VALUES ('p1', 'Wi2013', 'asiel', '2019-01-01', '2022-05-10', NULL, 'lopend', NULL);
INSERT INTO termijnoverschrijding (id, inburgeraar_id, termijn_einde, aankondiging_op, afspraak_op, besluit, besluit_op, boete_cent) VALUES
 (1, 'p1', '2022-05-10', '2022-06-01', NULL, NULL, NULL, NULL),                       -- backlog, 471 days
 (2, 'p1', '2022-05-20', '2023-06-17', '2022-09-01', 'boete', '2023-09-15', 34000),   -- decided on P
 (3, 'p1', '2022-08-01', '2023-06-16', '2022-12-31', 'verlenging', '2023-09-16', NULL), -- decided after P: backlog, 91 days
 (4, 'p1', '2022-08-15', '2023-06-17', '2023-01-01', NULL, NULL, NULL),               -- backlog, 90 days
 (5, 'p1', '2022-08-20', NULL, NULL, 'geen_boete', '2022-12-01', NULL),                -- decided, never announced
 (6, 'p1', '2023-10-01', NULL, NULL, NULL, NULL, NULL),                                -- deadline after P
 (7, 'p1', '2022-09-01', '2023-03-18', NULL, NULL, NULL, NULL),                        -- 181 days
 (8, 'p1', '2022-09-02', '2023-03-17', NULL, 'boete', '2019-06-30', 10000),            -- 182 days, inconsistent but kept
 (9, 'p1', '2022-09-03', '2022-09-15', NULL, NULL, NULL, NULL),                        -- 365 days
 (10, 'p1', '2022-09-04', '2022-09-16', NULL, NULL, NULL, NULL),                       -- 364 days
 (11, 'ghost', '2022-05-01', '2022-06-01', NULL, NULL, NULL, NULL),                    -- unknown person
 (12, 'p1', '2022-05-01', '2022-06-01', NULL, NULL, NULL, NULL);                       -- skipped by the loader
INSERT INTO dwangbevel (id, inburgeraar_id, soort, gereed_op, cjib_op) VALUES
 (1, 'p1', 'boete', '2017-10-31', NULL), (2, 'p1', 'boete', '2017-11-01', '2018-10-31'),
 (3, 'p1', 'boete', '2017-11-02', '2018-11-01'), (4, 'p1', 'lening', '2018-10-31', NULL),
 (5, 'p1', 'lening', '2018-11-01', NULL), (6, 'p1', 'boete', '2018-01-01', NULL), (7, 'ghost', 'boete', '2018-01-01', NULL);
`;

const options = {
  skipped: { termijnoverschrijding: [11, 12], dwangbevel: [7] },
  findings: [
    skippedFinding('termijnoverschrijding', 'dangling-reference', 1, 'inburgeraar_id verwijst naar een onbekende inburgeraar'),
    skippedFinding('termijnoverschrijding', 'check-violation', 1, 'besluit en besluit_op horen samen'),
  ],
};

describe('boete-achterstand', () => {
  it('counts overruns, announcements, decisions and backlog per month of termijn_einde', async () => {
    // Without row 8's early decision the month would be plain; row 8 is decided in 2019,
    // so it is neither in the backlog nor undecided.
    const session = await fixtureSession(SQL, options);
    const table = buildTable(session, 'boete-achterstand');
    expect(table.columns.map((c) => c.key)).toEqual([
      'maand', 'overschrijdingen', 'aangekondigd', 'besloten_boete', 'besloten_verlenging', 'besloten_geen_boete', 'achterstand',
    ]);
    expect(table.rows).toEqual([
      { maand: '2022-05', overschrijdingen: 2, aangekondigd: 2, besloten_boete: 1, besloten_verlenging: 0, besloten_geen_boete: 0, achterstand: 1 },
      { maand: '2022-08', overschrijdingen: 3, aangekondigd: 2, besloten_boete: 0, besloten_verlenging: 0, besloten_geen_boete: 1, achterstand: 2 },
      { maand: '2022-09', overschrijdingen: 4, aangekondigd: 4, besloten_boete: 1, besloten_verlenging: 0, besloten_geen_boete: 0, achterstand: 3 },
    ]);
    expect(table.totals).toEqual({
      maand: 'Totaal', overschrijdingen: 9, aangekondigd: 8, besloten_boete: 2, besloten_verlenging: 0, besloten_geen_boete: 1, achterstand: 6,
    });
    expect(table.parameters).toEqual({ peildatum: '2023-09-15' });
    expect(table.notes).toContain(
      '1 rij van termijnoverschrijding overgeslagen als datakwaliteitsbevinding: inburgeraar_id verwijst naar een onbekende inburgeraar.',
    );
  });

  it('puts the backlog into age bands', async () => {
    const session = await fixtureSession(SQL, options);
    const table = buildTable(session, 'boete-ouderdom', { peildata: ['2023-09-15'] });
    // Backlog: rows 1 (471 d), 3 (91), 4 (90), 7 (181), 9 (365), 10 (364).
    expect(table.rows).toEqual([
      { band: '0-3m', achterstand: 1 }, { band: '3-6m', achterstand: 2 }, { band: '6-12m', achterstand: 1 }, { band: '12m+', achterstand: 2 },
    ]);
    expect(table.totals).toEqual({ band: 'Totaal', achterstand: 6 });
    expect([90, 91, 181, 182, 364, 365].map(ageBand)).toEqual(['0-3m', '3-6m', '3-6m', '6-12m', '6-12m', '12m+']);
  });

  it('counts overruns as of P: a record whose termijn_einde is after P is left out (addendum)', async () => {
    // Rows 13 and 14 were announced (14 also decided) before their deadline, which lies after
    // P = 2023-09-15. At P they are not (yet) overruns, so neither table counts them; the
    // counts are those of the test above. At 2023-10-01, row 13 is an overrun in the backlog
    // (announced 2023-09-01: 30 days, the only one under 91 days: row 4 is 106 days old by
    // then) and row 14 a decided one.
    const early = `${SQL}
INSERT INTO termijnoverschrijding (id, inburgeraar_id, termijn_einde, aankondiging_op, afspraak_op, besluit, besluit_op, boete_cent) VALUES
 (13, 'p1', '2023-10-01', '2023-09-01', NULL, NULL, NULL, NULL),
 (14, 'p1', '2023-10-01', '2023-09-01', NULL, 'boete', '2023-09-10', 5000);`;
    const session = await fixtureSession(early, options);
    const month = buildTable(session, 'boete-achterstand');
    expect(month.rows.map((row) => row.maand)).toEqual(['2022-05', '2022-08', '2022-09']);
    expect(month.totals).toMatchObject({ overschrijdingen: 9, aangekondigd: 8, besloten_boete: 2, achterstand: 6 });
    expect(buildTable(session, 'boete-ouderdom').totals).toEqual({ band: 'Totaal', achterstand: 6 });
    const later = buildTable(session, 'boete-achterstand', { peildata: ['2023-10-01'] });
    expect(later.rows.at(-1)).toEqual({
      maand: '2023-10', overschrijdingen: 3, aangekondigd: 2, besloten_boete: 1, besloten_verlenging: 0, besloten_geen_boete: 0, achterstand: 1,
    });
    expect(buildTable(session, 'boete-ouderdom', { peildata: ['2023-10-01'] }).rows[0]).toEqual({ band: '0-3m', achterstand: 1 });
  });

  it('counts appointments and decisions in a period', async () => {
    const session = await fixtureSession(SQL, options);
    const facts = overrunFacts(session);
    expect(countAppointments(facts, '2022-09-01', '2022-12-31')).toBe(2);
    expect(countDecisions(facts, 'boete', '2019-01-01', '2019-12-31')).toBe(1);
    expect(countDecisions(facts, 'geen_boete', '2022-01-01', '2022-12-31')).toBe(1);
  });
});

describe('incasso-achterstand', () => {
  it('counts pending orders per year and kind', async () => {
    const session = await fixtureSession(SQL, options);
    const table = buildTable(session, 'incasso-achterstand', { peildata: ['2018-10-31'] });
    expect(table.rows).toEqual([
      { jaar: '2017', soort: 'boete', openstaand: 2 },
      { jaar: '2018', soort: 'boete', openstaand: 1 },
      { jaar: '2018', soort: 'lening', openstaand: 1 },
    ]);
    const from = buildTable(session, 'incasso-achterstand', { peildata: ['2018-10-31'], vanaf: '2017-11-01' });
    expect(from.rows.map((row) => row.openstaand)).toEqual([1, 1, 1]);
    expect(from.totals?.openstaand).toBe(3);
    expect(from.parameters).toEqual({ peildatum: '2018-10-31', vanaf: '2017-11-01', tot_en_met: null });
  });

  it('refuses when the optional table dwangbevel is absent', async () => {
    const session = await fixtureSession('', { omit: ['dwangbevel'] });
    expect(() => buildTable(session, 'incasso-achterstand')).toThrow(OptionalTableAbsentError);
    // The other enforcement tables do not need it.
    expect(buildTable(session, 'boete-achterstand').rows).toEqual([]);
  });
});
