// The contract of the demo snapshot: every published figure of demo-v1.md, computed with
// plain SQL that follows the definitions of snapshot-v1.md literally, independent of the
// analyses code and of the generator's own self-check.
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoSnapshot } from './generate';

let db: Database;

beforeAll(async () => {
  const sql = await initSqlJs();
  db = new sql.Database(generateDemoSnapshot(sql));
}, 60_000);

afterAll(() => db.close());

function rows(query: string, parameters: Record<string, SqlValue> = {}): SqlValue[][] {
  return db.exec(query, parameters)[0]?.values ?? [];
}

function single(query: string, parameters: Record<string, SqlValue> = {}): number {
  return Number(rows(query, parameters)[0]?.[0]);
}

/** P plus 12 calendar months; 29 February becomes 28 February (snapshot-v1.md). */
function plusTwelveMonths(date: string): string {
  const [year, month, day] = date.split('-');
  const shifted = `${Number(year) + 1}-${month}-${day}`;
  return month === '02' && day === '29' ? `${Number(year) + 1}-02-28` : shifted;
}

// Obliged at :p, with the loan used at :p (corrections count), for Wi2013 asylum persons.
const OBLIGED_WITH_LOAN = `
  SELECT i.id, i.plicht_start, i.termijn_einde,
         (SELECT COALESCE(SUM(b.bedrag_cent), 0) FROM lening_betaling b WHERE b.inburgeraar_id = i.id AND b.datum <= :p) AS used
  FROM inburgeraar i
  WHERE i.stelsel = 'Wi2013' AND i.doelgroep = 'asiel'
    AND i.plicht_start <= :p AND (i.status = 'lopend' OR i.status_datum > :p)`;

const ELIP_A_PER_COHORT = `
  SELECT CAST(substr(plicht_start, 1, 4) AS INTEGER) AS cohort, COUNT(*)
  FROM (${OBLIGED_WITH_LOAN}) WHERE used >= 950000 GROUP BY cohort ORDER BY cohort`;

const ELIP_A_OR_B = `
  SELECT COUNT(*) FROM (${OBLIGED_WITH_LOAN})
  WHERE used >= 950000 OR (used > 750000 AND termijn_einde IS NOT NULL AND termijn_einde < :limit)`;

const TABEL_1: Record<string, number[]> = {
  '2022-05-01': [24, 78, 207, 460, 601, 722, 270, 30, 4, 0],
  '2022-10-15': [21, 65, 167, 325, 391, 548, 487, 87, 10, 1],
  '2023-07-01': [14, 56, 138, 232, 258, 308, 627, 645, 156, 2],
};

describe('demo snapshot reproduces the published figures', () => {
  for (const [date, cells] of Object.entries(TABEL_1)) {
    it(`ELIP-A asylum per cohort at ${date} equals Tabel 1 of nr. 391`, () => {
      const perCohort = new Map(rows(ELIP_A_PER_COHORT, { ':p': date }).map(([cohort, count]) => [Number(cohort), Number(count)]));
      const merged = (perCohort.get(2022) ?? 0) + (perCohort.get(2023) ?? 0);
      const found = [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021].map((cohort) => perCohort.get(cohort) ?? 0).concat(merged);
      expect(found).toEqual(cells);
      expect([...perCohort.keys()].every((cohort) => cohort >= 2013)).toBe(true);
    });
  }

  it('ELIP-A + ELIP-B asylum is 4.641 at 2022-05-01 and 4.760 at 2023-07-01', () => {
    expect(single(ELIP_A_OR_B, { ':p': '2022-05-01', ':limit': plusTwelveMonths('2022-05-01') })).toBe(4641);
    expect(single(ELIP_A_OR_B, { ':p': '2023-07-01', ':limit': plusTwelveMonths('2023-07-01') })).toBe(4760);
  });

  it('the fine backlog at 2023-09-15 from deadlines May 2022 – May 2023 is 5.200, most in August–October 2022', () => {
    const backlog = `
      FROM termijnoverschrijding
      WHERE termijn_einde BETWEEN '2022-05-01' AND '2023-05-31'
        AND aankondiging_op <= '2023-09-15'
        AND (besluit_op IS NULL OR besluit_op > '2023-09-15')`;
    expect(single(`SELECT COUNT(*) ${backlog}`)).toBe(5200);
    const peak = single(`SELECT COUNT(*) ${backlog} AND termijn_einde BETWEEN '2022-08-01' AND '2022-10-31'`);
    expect(peak).toBeGreaterThan(5200 / 2);
    expect(peak).toBeLessThan(5200);
  });

  it('900 overruns have an appointment from 1 September through 31 December 2022', () => {
    expect(single("SELECT COUNT(*) FROM termijnoverschrijding WHERE afspraak_op BETWEEN '2022-09-01' AND '2022-12-31'")).toBe(900);
    expect(single("SELECT COUNT(*) FROM termijnoverschrijding WHERE afspraak_op < aankondiging_op")).toBe(0);
  });

  it('3.403 fines were decided in 2019', () => {
    expect(single("SELECT COUNT(*) FROM termijnoverschrijding WHERE besluit = 'boete' AND besluit_op BETWEEN '2019-01-01' AND '2019-12-31'")).toBe(3403);
  });

  it('1.200 enforcement orders from 1 November 2017 were pending at 2018-10-31', () => {
    expect(single(`SELECT COUNT(*) FROM dwangbevel
      WHERE gereed_op >= '2017-11-01' AND gereed_op <= '2018-10-31' AND (cjib_op IS NULL OR cjib_op > '2018-10-31')`)).toBe(1200);
  });

  it('3.210 persons with permits January 2022 – May 2023 got their IND record late or never: 450 asylum, 2.760 others', () => {
    const perGroup = rows(`
      SELECT i.doelgroep, COUNT(DISTINCT i.id)
      FROM ind_levering l JOIN inburgeraar i ON i.id = l.inburgeraar_id
      WHERE l.vergunning_op BETWEEN '2022-01-01' AND '2023-05-31' AND l.vergunning_op <= :p
        AND ((l.geleverd_op <= :p AND julianday(l.geleverd_op) - julianday(l.vergunning_op) > 30)
          OR ((l.geleverd_op IS NULL OR l.geleverd_op > :p) AND julianday(:p) - julianday(l.vergunning_op) > 30))
      GROUP BY i.doelgroep`, { ':p': '2023-09-15' });
    const counts = Object.fromEntries(perGroup.map(([group, count]) => [String(group), Number(count)]));
    expect(counts.asiel).toBe(450);
    expect((counts.gezin ?? 0) + (counts.overig ?? 0)).toBe(2760);
  });

  it('has late IND deliveries outside the published range too, so the permit range matters', () => {
    expect(single(`SELECT COUNT(*) FROM ind_levering WHERE vergunning_op < '2022-01-01'
      AND julianday(geleverd_op) - julianday(vergunning_op) > 30`)).toBeGreaterThan(10);
  });

  it('6.611 Wi2007 persons were still obliged at 2022-10-01', () => {
    expect(single(`SELECT COUNT(*) FROM inburgeraar WHERE stelsel = 'Wi2007'
      AND plicht_start <= '2022-10-01' AND (status = 'lopend' OR status_datum > '2022-10-01')`)).toBe(6611);
  });
});

describe('demo snapshot content', () => {
  it('says in meta that it is synthetic, with the fixed keys', () => {
    const meta = Object.fromEntries(rows('SELECT key, value FROM meta').map(([key, value]) => [String(key), String(value)]));
    expect(meta).toMatchObject({
      schema_version: '1', peildatum: '2023-09-15', bron: 'DUO', gemeente_jaar: '2023',
      titel: 'Demo-snapshot Ketenlens — synthetische gegevens, geen echte personen', producent: 'Ketenlens demo-generator',
    });
    expect(meta.aangemaakt_op).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('holds the 342 municipalities of 2023 and pseudonymous person ids only', () => {
    expect(single('SELECT COUNT(*) FROM gemeente')).toBe(342);
    expect(single("SELECT COUNT(*) FROM inburgeraar WHERE id NOT GLOB 'P[0-9][0-9][0-9][0-9][0-9][0-9][0-9]'")).toBe(0);
    expect(single('SELECT COUNT(*) FROM inburgeraar WHERE gemeente_code IS NOT NULL AND gemeente_code NOT IN (SELECT code FROM gemeente)')).toBe(0);
  });

  it('corrections pull some ELIP-A persons back under € 9.500 between reference dates', () => {
    const pulledBack = single(`
      SELECT COUNT(*) FROM inburgeraar i
      WHERE i.stelsel = 'Wi2013' AND i.doelgroep = 'asiel' AND i.status = 'lopend'
        AND (SELECT SUM(bedrag_cent) FROM lening_betaling WHERE inburgeraar_id = i.id AND datum <= '2022-05-01') >= 950000
        AND (SELECT SUM(bedrag_cent) FROM lening_betaling WHERE inburgeraar_id = i.id AND datum <= '2022-10-15') < 950000`);
    expect(pulledBack).toBeGreaterThan(10);
    expect(single('SELECT COUNT(*) FROM lening_betaling WHERE bedrag_cent < 0')).toBeGreaterThan(1000);
    // Ignoring corrections would count more persons in ELIP-A: the negatives matter.
    const withoutCorrections = single(`SELECT COUNT(*) FROM (${OBLIGED_WITH_LOAN.replace('b.datum <= :p', 'b.datum <= :p AND b.bedrag_cent > 0')}) WHERE used >= 950000`, { ':p': '2022-10-15' });
    expect(withoutCorrections).toBeGreaterThan(2102);
  });

  it('nothing happens after the peildatum', () => {
    expect(single("SELECT COUNT(*) FROM lening_betaling WHERE datum > '2023-09-15'")).toBe(0);
    expect(single("SELECT COUNT(*) FROM inburgeraar WHERE plicht_start > '2023-09-15' OR status_datum > '2023-09-15'")).toBe(0);
    expect(single("SELECT COUNT(*) FROM portaal_inzage WHERE ingezien_op >= '2023-09-16T00:00:00Z'")).toBe(0);
    expect(single("SELECT COUNT(*) FROM kennisgeving WHERE verzonden_op > '2023-09-15'")).toBe(0);
  });
});

describe('the January 2022 breach in the demo', () => {
  const UNLAWFUL = `
    SELECT s.*, s.stelsel <> i.stelsel AS overgangsrecht,
           (i.gemeente_code IS NULL OR s.gemeente_code <> i.gemeente_code) AS adreskoppeling
    FROM portaal_signaal s JOIN inburgeraar i ON i.id = s.inburgeraar_id
    WHERE s.stelsel <> i.stelsel OR i.gemeente_code IS NULL OR s.gemeente_code <> i.gemeente_code`;

  it('shows a few thousand Wi2013 persons as Wi2021 from early January, withdrawn on 27 January 2022', () => {
    const [count, first, last] = rows(`SELECT COUNT(DISTINCT inburgeraar_id), MIN(zichtbaar_vanaf), MAX(zichtbaar_tot) FROM (${UNLAWFUL}) WHERE overgangsrecht`)[0] ?? [];
    expect(Number(count)).toBeGreaterThan(2000);
    expect(Number(count)).toBeLessThan(6000);
    expect(String(first) >= '2022-01-03' && String(first) < '2022-01-08').toBe(true);
    expect(String(last).slice(0, 10)).toBe('2022-01-27');
  });

  it('links a few hundred asylum status holders to the municipality of their COA location', () => {
    const count = single(`SELECT COUNT(DISTINCT u.inburgeraar_id) FROM (${UNLAWFUL}) u JOIN inburgeraar i ON i.id = u.inburgeraar_id WHERE u.adreskoppeling AND i.doelgroep = 'asiel'`);
    expect(count).toBeGreaterThan(200);
    expect(count).toBeLessThan(1000);
  });

  it('discloses no special categories of personal data in unlawful signals', () => {
    expect(single(`SELECT COUNT(*) FROM (${UNLAWFUL}) u JOIN signaal_gegeven g ON g.signaal_id = u.id JOIN gegevenscategorie c ON c.code = g.categorie WHERE c.bijzonder = 1`)).toBe(0);
    expect(single('SELECT COUNT(*) FROM gegevenscategorie WHERE bijzonder = 1')).toBe(1);
  });

  it('has views inside the windows, with exactly seven outside them (the only data-quality defects)', () => {
    const outside = single(`SELECT COUNT(*) FROM portaal_inzage v JOIN portaal_signaal s ON s.id = v.signaal_id
      WHERE v.ingezien_op < s.zichtbaar_vanaf OR (s.zichtbaar_tot IS NOT NULL AND v.ingezien_op >= s.zichtbaar_tot)`);
    expect(outside).toBe(7);
    expect(single(`SELECT COUNT(*) FROM portaal_inzage v JOIN (${UNLAWFUL}) u ON u.id = v.signaal_id`)).toBeGreaterThan(1000);
  });

  it('records the breach as an incident reported to the AP, and wrong Wi2021 notices to Wi2013 persons', () => {
    const [ontdekt, gemeld] = rows("SELECT ontdekt_op, gemeld_ap_op FROM incident WHERE soort = 'datalek'")[0] ?? [];
    expect(String(ontdekt).slice(0, 7)).toBe('2022-01');
    expect(String(gemeld) > String(ontdekt)).toBe(true);
    expect(single(`SELECT COUNT(DISTINCT k.inburgeraar_id) FROM kennisgeving k JOIN inburgeraar i ON i.id = k.inburgeraar_id
      WHERE k.stelsel <> i.stelsel AND k.verzonden_op BETWEEN '2022-01-03' AND '2022-01-07'`)).toBeGreaterThan(2000);
  });
});
