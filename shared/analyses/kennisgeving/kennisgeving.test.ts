import { describe, expect, it } from 'vitest';
import { buildTable } from '../../tables/catalogue';
import { OptionalTableAbsentError } from '../../errors';
import { fixtureSession } from '../../../test/support/snapshot';

const SQL = `
INSERT INTO inburgeraar VALUES
 ('g1', 'Wi2013', 'asiel', '2021-01-01', NULL, NULL, 'lopend', NULL),
 ('g2', 'Wi2021', 'gezin', '2023-01-01', NULL, NULL, 'lopend', NULL),
 ('g3', 'Wi2021', 'overig', '2023-01-01', NULL, NULL, 'lopend', NULL),
 ('g4', 'Wi2021', 'asiel', '2023-01-01', NULL, NULL, 'lopend', NULL);
INSERT INTO ind_levering VALUES
 ('g1', '2022-01-01', '2022-01-31'),  -- 30 days: on time
 ('g1', '2022-03-01', '2022-04-01'),  -- 31 days: late
 ('g2', '2023-08-15', NULL),          -- 31 days before P: never
 ('g3', '2023-08-16', NULL),          -- 30 days before P: not yet late
 ('g4', '2023-01-01', '2023-09-16'),  -- delivered after P: never by P
 ('ghost', '2022-01-01', NULL);       -- unknown person
INSERT INTO kennisgeving VALUES
 ('g1', 'Wi2021', '2022-01-10'),      -- wrong regime
 ('g2', 'Wi2013', '2023-09-16'),      -- after P
 ('g3', 'Wi2013', '2023-09-15'),      -- wrong, on P
 ('g4', 'Wi2021', '2023-02-01');      -- right regime
`;

describe('kennisgeving-vertraging', () => {
  it('counts persons delivered late, never delivered and sent a wrong notice per doelgroep', async () => {
    const session = await fixtureSession(SQL);
    const table = buildTable(session, 'kennisgeving-vertraging');
    expect(table.rows).toEqual([
      { doelgroep: 'asiel', geleverd_te_laat: 1, nooit_geleverd: 1, onterechte_kennisgeving: 1 },
      { doelgroep: 'gezin', geleverd_te_laat: 0, nooit_geleverd: 1, onterechte_kennisgeving: 0 },
      { doelgroep: 'overig', geleverd_te_laat: 0, nooit_geleverd: 0, onterechte_kennisgeving: 1 },
    ]);
    expect(table.totals).toEqual({ doelgroep: 'Totaal', geleverd_te_laat: 1, nooit_geleverd: 2, onterechte_kennisgeving: 2 });
    expect(table.notes).toContain('Personen die te laat of nooit geleverd zijn (ieder één keer geteld): 3.');
  });

  it('restricts to a period of permits and notices', async () => {
    const session = await fixtureSession(SQL);
    const table = buildTable(session, 'kennisgeving-vertraging', { vanaf: '2022-02-01', tot_en_met: '2023-05-31' });
    expect(table.rows).toEqual([
      { doelgroep: 'asiel', geleverd_te_laat: 1, nooit_geleverd: 1, onterechte_kennisgeving: 0 },
      { doelgroep: 'gezin', geleverd_te_laat: 0, nooit_geleverd: 0, onterechte_kennisgeving: 0 },
      { doelgroep: 'overig', geleverd_te_laat: 0, nooit_geleverd: 0, onterechte_kennisgeving: 0 },
    ]);
    expect(table.parameters).toEqual({ peildatum: '2023-09-15', vanaf: '2022-02-01', tot_en_met: '2023-05-31' });
  });

  it('refuses when an optional table is absent', async () => {
    const withoutNotices = await fixtureSession('', { omit: ['kennisgeving'] });
    expect(() => buildTable(withoutNotices, 'kennisgeving-vertraging')).toThrow(OptionalTableAbsentError);
    const withoutPermits = await fixtureSession('', { omit: ['ind_levering'] });
    expect(() => buildTable(withoutPermits, 'kennisgeving-vertraging')).toThrow(/ind_levering/);
  });
});
