// Hand-computed exposure of a small snapshot: the edge cases of the definitions in
// snapshot-v1.md (view at a window's start and end, overlapping windows, no municipality,
// both causes, still visible, starting after P) and rows skipped by the loader.
import { describe, expect, it } from 'vitest';
import { buildTable } from '../../tables/catalogue';
import { InvalidParameterError } from '../../errors';
import { fixtureSession } from '../../../test/support/snapshot';
import { SNAPSHOT_SCHEMA_SQL } from '../../snapshot/schema';
import { referenceDatalek } from './reference';
import { DATALEK_SQL, DATALEK_SKIPPED as SKIPPED } from '../../../test/support/datalek-fixture';



describe('datalek-gemeenten', () => {
  it('follows the definitions on a hand-computed snapshot as of its peildatum', async () => {
    const session = await fixtureSession(DATALEK_SQL, SKIPPED);
    const table = buildTable(session, 'datalek-gemeenten');
    expect(table.parameters).toEqual({ peildatum: '2022-01-31' });
    expect(table.rows).toEqual([
      {
        // p1: windows 10–20 and 15–25 January overlap: 15 days, not 20; p2 has no municipality
        // and is still visible: 30 January 12:00 to the end of P = 1,5 days.
        gemeente_code: 'GM0001', gemeente: 'Aa', personen: 2, personen_ingezien: 2, inzagen: 3, gebruikers: 3,
        personen_overgangsrecht: 1, personen_adreskoppeling: 1,
        eerste: '2022-01-10T00:00:00Z', laatste: '2022-02-01T00:00:00Z', persoonsdagen: 16.5,
        categorieen: 'MED,NAW,STL', bijzonder: true,
      },
      {
        // p3 with both causes counts once in personen and once per cause; 1,25 days → 1,3.
        gemeente_code: 'GM0002', gemeente: 'Bb', personen: 1, personen_ingezien: 1, inzagen: 1, gebruikers: 1,
        personen_overgangsrecht: 1, personen_adreskoppeling: 1,
        eerste: '2022-01-05T00:00:00Z', laatste: '2022-01-06T06:00:00Z', persoonsdagen: 1.3,
        categorieen: 'STL', bijzonder: false,
      },
      {
        // Signal 6 starts exactly at the end of P and is left out; signal 8 is cut after one hour.
        gemeente_code: 'GM0003', gemeente: 'Cc', personen: 1, personen_ingezien: 1, inzagen: 1, gebruikers: 1,
        personen_overgangsrecht: 1, personen_adreskoppeling: 1,
        eerste: '2022-01-31T23:00:00Z', laatste: '2022-02-01T00:00:00Z', persoonsdagen: 0,
        categorieen: 'NAW', bijzonder: false,
      },
    ]);
    expect(table.notes).toContain(
      'In totaal 3 verschillende personen blootgesteld en 3 ingezien (5 inzagen door 4 gebruikers); een persoon die aan meer gemeenten is getoond, staat in meer rijen, dus de kolomsommen tellen personen dubbel.',
    );
    // At the end of a window, after it and before it: three views outside; after P: not counted at all.
    expect(table.notes).toContain(
      '3 inzagen van onterechte signalen vielen buiten het zichtbaarheidsvenster van het signaal; dat is een datakwaliteitsbevinding en telt niet als blootstelling.',
    );
    expect(table.notes.some((note) => note.startsWith('1 rij van portaal_signaal overgeslagen'))).toBe(true);
    expect(table.notes.some((note) => note.startsWith('2 rijen van portaal_inzage overgeslagen'))).toBe(true);
  });

  it('recomputes for another reference date in the same session', async () => {
    const session = await fixtureSession(DATALEK_SQL, SKIPPED);
    buildTable(session, 'datalek-gemeenten');
    const later = buildTable(session, 'datalek-gemeenten', { peildata: ['2022-02-05'] });
    const byCode = Object.fromEntries(later.rows.map((row) => [row.gemeente_code, row]));
    // p2 still visible until 6 February 00:00: 6,5 days; the view at 1 February 00:00 now counts.
    expect(byCode.GM0001).toMatchObject({ personen: 2, inzagen: 4, gebruikers: 3, persoonsdagen: 21.5 });
    // p1 49 hours and p4 (signal 6) 5 days: 169 hours = 7,04 days.
    expect(byCode.GM0003).toMatchObject({
      personen: 2, personen_overgangsrecht: 1, personen_adreskoppeling: 2, inzagen: 2, gebruikers: 2, personen_ingezien: 2,
      persoonsdagen: 7, categorieen: 'MED,NAW', bijzonder: true, laatste: '2022-02-06T00:00:00Z',
    });
    // Back to the first date gives the first answer again.
    expect(buildTable(session, 'datalek-gemeenten', { peildata: ['2022-01-31'] }).rows[2]).toMatchObject({ personen: 1 });
  });

  it('has no rows before any signal was visible', async () => {
    const session = await fixtureSession(DATALEK_SQL, SKIPPED);
    expect(buildTable(session, 'datalek-gemeenten', { peildata: ['2021-12-31'] }).rows).toEqual([]);
    expect(buildTable(session, 'datalek-categorieen', { peildata: ['2021-12-31'] }).rows).toEqual([]);
  });

  it('refuses a reference date that is not a date', async () => {
    const session = await fixtureSession(DATALEK_SQL, SKIPPED);
    expect(() => buildTable(session, 'datalek-gemeenten', { peildata: ['2022-02-30'] })).toThrow(InvalidParameterError);
  });

  it('agrees with the plain reference on the hand-computed snapshot', async () => {
    const session = await fixtureSession(DATALEK_SQL, SKIPPED);
    for (const peildatum of ['2022-01-05', '2022-01-31', '2022-02-05']) {
      const reference = referenceDatalek(session.snapshot, peildatum);
      expect(buildTable(session, 'datalek-gemeenten', { peildata: [peildatum] }).rows).toEqual(reference.gemeenten);
      expect(buildTable(session, 'datalek-categorieen', { peildata: [peildatum] }).rows).toEqual(reference.categorieen);
    }
  });
});

describe('a producer that left out INTEGER PRIMARY KEY', () => {
  it('refers to signals by id, not by rowid', async () => {
    // Signals inserted in reverse order: rowid 1 is id 9, so rowid and id differ everywhere.
    const schema = SNAPSHOT_SCHEMA_SQL.replace(/(CREATE TABLE portaal_signaal \(\s*id\s+)INTEGER PRIMARY KEY/, '$1INTEGER');
    expect(schema).not.toBe(SNAPSHOT_SCHEMA_SQL);
    const reversed = DATALEK_SQL.replace(
      /INSERT INTO portaal_signaal VALUES([\s\S]*?);/,
      (_, rows: string) => `INSERT INTO portaal_signaal VALUES${rows.split('),').map((row) => row.trim().replace(/\)$/, '')).reverse().map((row) => `${row})`).join(',\n')};`,
    );
    const meta = "INSERT INTO meta VALUES ('schema_version', '1'), ('peildatum', '2022-01-31'), ('bron', 'DUO'), ('gemeente_jaar', '2023');";
    const session = await fixtureSession(`${schema}\n${meta}\n${reversed}`, { schema: 'none' });
    expect(session.snapshot.db.exec('SELECT rowid, id FROM portaal_signaal WHERE rowid = 1')[0]?.values).toEqual([[1, 9]]);
    const rows = buildTable(session, 'datalek-gemeenten').rows;
    // Signal 9 is not skipped here, so p2 also counts at GM0002 (Wi2021 signal, view by u9).
    expect(rows.map((row) => [row.gemeente_code, row.personen, row.inzagen, row.persoonsdagen])).toEqual([
      ['GM0001', 2, 4, 16.5], ['GM0002', 2, 2, 32.3], ['GM0003', 1, 1, 0],
    ]);
    expect(rows).toEqual(referenceDatalek(session.snapshot, '2022-01-31').gemeenten);
  });
});

describe('rows the loader did not skip but the analysis cannot use', () => {
  it('leaves them out and says how many', async () => {
    const session = await fixtureSession(
      `${DATALEK_SQL}
      INSERT INTO portaal_signaal VALUES (20, 'p1', 'GM9999', 'Wi2021', '2022-01-10T00:00:00Z', NULL);
      INSERT INTO portaal_inzage VALUES (1, 'gisteren', 'u8');
      INSERT INTO signaal_gegeven VALUES (1, 'ONBEKEND');`,
      { meta: { peildatum: '2022-01-31' } },
    );
    const table = buildTable(session, 'datalek-gemeenten');
    expect(table.rows.map((row) => row.gemeente_code)).toEqual(['GM0001', 'GM0002', 'GM0003']);
    expect(table.notes).toContain(
      'Daarnaast niet gebruikt: 1 signalen, 1 inzagen en 1 categoriekoppelingen met een onbekende persoon, gemeente of categorie, of een onleesbaar tijdstip.',
    );
  });
});

describe('datalek-categorieen', () => {
  it('counts distinct persons and municipalities per category', async () => {
    const session = await fixtureSession(DATALEK_SQL, SKIPPED);
    const table = buildTable(session, 'datalek-categorieen');
    expect(table.rows).toEqual([
      { categorie: 'MED', omschrijving: 'Medische gegevens', bijzonder: true, personen: 1, gemeenten: 1 },
      { categorie: 'NAW', omschrijving: 'Naam, adres, woonplaats', bijzonder: false, personen: 2, gemeenten: 2 },
      { categorie: 'STL', omschrijving: 'Stelsel', bijzonder: false, personen: 2, gemeenten: 2 },
    ]);
  });
});
