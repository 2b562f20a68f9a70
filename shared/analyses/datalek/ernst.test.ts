// datalek-ernst and the incident timeline on the hand-computed snapshot of
// datalek.test.ts plus incidents: 72-hour rule, ENISA proposal and overrides, refusals.
import { describe, expect, it } from 'vitest';
import { buildTable } from '../../tables/catalogue';
import { InvalidParameterError, OptionalTableAbsentError } from '../../errors';
import { fixtureSession } from '../../../test/support/snapshot';
import { DATALEK_SKIPPED, DATALEK_SQL } from '../../../test/support/datalek-fixture';
import { incidentTimelines } from './incident-timeline';

const INCIDENTS = `
INSERT INTO incident VALUES
  ('I1', 'Onterechte signalen Wi2021', 'datalek', '2022-01-10T09:00:00Z', '2022-01-13T09:00:00Z', '2022-01-14T12:00:00Z', NULL, NULL),
  ('I2', 'Late IND-levering', 'vertraging', '2022-01-01T00:00:00Z', '2022-01-04T00:00:01Z', NULL, NULL, NULL),
  ('I3', 'Adreskoppeling COA', 'datalek', '2022-01-20T00:00:00Z', NULL, NULL, '2022-01-25T06:00:00Z', NULL);
`;
const OPTIONS = DATALEK_SKIPPED;

describe('datalek-ernst', () => {
  it('compares the report with 72 hours and proposes ENISA factors from the exposed data', async () => {
    const session = await fixtureSession(DATALEK_SQL + INCIDENTS, OPTIONS);
    const table = buildTable(session, 'datalek-ernst');
    // By discovery: I2, I1, I3.
    expect(table.rows.map((row) => row.incident)).toEqual(['I2', 'I1', 'I3']);
    const [i2, i1, i3] = table.rows;
    // Exactly 72:00:00 is on time; one second more is late.
    expect(i1).toMatchObject({
      uren_tot_melding: 72, melding: 'tijdig', binnen_72_uur: true, uren_tot_gemeenten: 99, uren_tot_betrokkenen: null,
      // Unlawful exposure as of 31 January 2022 (see datalek.test.ts): p1, p2, p3 at three municipalities.
      personen: 3, gemeenten: 3, inzagen: 5,
      // MED is bijzonder → DPC 4; NAW identifies directly → EI 1; known recipients → CB 0,25.
      dpc: 4, ei: 1, cb: 0.25, se: 4.25, ernst: 'zeer hoog',
    });
    expect(i2).toMatchObject({ uren_tot_melding: 72, melding: 'te laat', binnen_72_uur: false, personen: null, dpc: null, se: null, ernst: null });
    expect(i3).toMatchObject({ gemeld_ap_op: null, uren_tot_melding: null, melding: 'niet gemeld', binnen_72_uur: false, uren_tot_betrokkenen: 126 });
    expect(table.notes).toContain('I1: SE = DPC × EI + CB = 4 × 1 + 0,25 = 4,25 (zeer hoog).');
    expect(table.notes.some((note) => note.startsWith('Let op: de snapshot koppelt signalen niet aan een incident'))).toBe(true);
  });

  it('applies the assessor’s overrides and names them in the notes', async () => {
    const session = await fixtureSession(DATALEK_SQL + INCIDENTS, OPTIONS);
    const table = buildTable(session, 'datalek-ernst', { incident: 'I1', enisa: { dpc: 2 } });
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]).toMatchObject({ dpc: 2, ei: 1, cb: 0.25, se: 2.25, ernst: 'gemiddeld' });
    expect(table.parameters).toEqual({ peildatum: '2022-01-31', incident: 'I1', enisa: { dpc: 2 } });
    expect(table.notes.some((note) => note.startsWith('I1: DPC 2 door de beoordelaar vastgesteld (voorstel 4:'))).toBe(true);
    // With all three factors an incident that is not a breach gets an estimate too.
    const other = buildTable(session, 'datalek-ernst', { incident: 'I2', enisa: { dpc: 1, ei: 0.5, cb: 0 } });
    expect(other.rows[0]).toMatchObject({ se: 0.5, ernst: 'laag' });
  });

  it('refuses factors out of range and unknown incidents', async () => {
    const session = await fixtureSession(DATALEK_SQL + INCIDENTS, OPTIONS);
    expect(() => buildTable(session, 'datalek-ernst', { enisa: { ei: 2 } })).toThrow(InvalidParameterError);
    expect(() => buildTable(session, 'datalek-ernst', { enisa: { dpc: Number.NaN } })).toThrow(InvalidParameterError);
    expect(() => buildTable(session, 'datalek-ernst', { enisa: { cb: -0.25 } })).toThrow(InvalidParameterError);
    expect(() => buildTable(session, 'datalek-ernst', { incident: 'I9' })).toThrow(/I9.*I2, I1, I3/);
  });

  it('needs the optional incident table', async () => {
    const session = await fixtureSession(DATALEK_SQL, { ...OPTIONS, omit: ['incident'] });
    expect(() => buildTable(session, 'datalek-ernst')).toThrow(OptionalTableAbsentError);
    // The exposure tables do not need it.
    expect(buildTable(session, 'datalek-gemeenten').rows).toHaveLength(3);
  });
});

describe('incidentTimelines', () => {
  it('orders discovery, report, deadline, informs and the exposure span', async () => {
    const session = await fixtureSession(DATALEK_SQL + INCIDENTS, OPTIONS);
    const [timeline] = incidentTimelines(session, { incident: 'I1' });
    expect(timeline.status).toBe('tijdig');
    expect(timeline.events.map((event) => [event.kind, event.instant, event.hoursAfterDiscovery])).toEqual([
      ['blootstelling_eerste', '2022-01-05T00:00:00Z', -129],
      ['ontdekt', '2022-01-10T09:00:00Z', 0],
      ['gemeld_ap', '2022-01-13T09:00:00Z', 72],
      ['meldtermijn_einde', '2022-01-13T09:00:00Z', 72],
      ['gemeenten_geinformeerd', '2022-01-14T12:00:00Z', 99],
      ['blootstelling_laatste', '2022-02-01T00:00:00Z', 519],
    ]);
    const [other] = incidentTimelines(session, { incident: 'I2' });
    expect(other.events.map((event) => event.kind)).toEqual(['ontdekt', 'meldtermijn_einde', 'gemeld_ap']);
  });
});
