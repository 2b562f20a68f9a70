// The drill-down and the art. 34 list on the hand-computed datalek fixture: users of a
// municipality with counts and times, one user's views in order, the same cut at the end
// of P and the same skipped rows as the tables, and the exposed persons per municipality.
import { describe, expect, it } from 'vitest';
import { InvalidParameterError, UnprotectedExportError } from '../../errors';
import { fixtureSession } from '../../../test/support/snapshot';
import { DATALEK_SQL, DATALEK_SKIPPED as SKIPPED } from '../../../test/support/datalek-fixture';
import { datalekFacts } from './facts';
import { exposedPersons, municipalityUsers, userViews } from './drilldown';
import { art34Model } from './art34';
import { endOfDate } from '../../dates';
import { assertExportAllowed } from '../../export/guard';

describe('drill-down', () => {
  it('lists the users of a municipality with views, persons viewed, first and last view and categories', async () => {
    const facts = datalekFacts(await fixtureSession(DATALEK_SQL, SKIPPED));
    // At P = 31 January: u1 saw signal 1 (p1) at its start, u2 signal 2 (p1), u3 signal 3 (p2)
    // one second before the end of P; u2's view at the end of signal 1 and the skipped u7 do not count.
    expect(municipalityUsers(facts, endOfDate('2022-01-31'), 'GM0001')).toEqual([
      { user: 'u1', views: 1, personsViewed: 1, first: '2022-01-10T00:00:00Z', last: '2022-01-10T00:00:00Z', categories: ['NAW', 'STL'] },
      { user: 'u2', views: 1, personsViewed: 1, first: '2022-01-22T00:00:00Z', last: '2022-01-22T00:00:00Z', categories: ['NAW'] },
      { user: 'u3', views: 1, personsViewed: 1, first: '2022-01-31T23:59:59Z', last: '2022-01-31T23:59:59Z', categories: ['MED', 'NAW'] },
    ]);
    // A later P: u3's view at exactly 1 February 00:00 now counts, so u3 comes first.
    const later = municipalityUsers(facts, endOfDate('2022-02-05'), 'GM0001');
    expect(later[0]).toEqual({ user: 'u3', views: 2, personsViewed: 1, first: '2022-01-31T23:59:59Z', last: '2022-02-01T00:00:00Z', categories: ['MED', 'NAW'] });
    expect(municipalityUsers(facts, endOfDate('2022-01-31'), 'GM0003')).toEqual([
      { user: 'u1', views: 1, personsViewed: 1, first: '2022-01-31T23:30:00Z', last: '2022-01-31T23:30:00Z', categories: ['NAW'] },
    ]);
  });

  it("gives one user's views in time order, and refuses users without counted views", async () => {
    const facts = datalekFacts(await fixtureSession(DATALEK_SQL, SKIPPED));
    expect(userViews(facts, endOfDate('2022-02-05'), 'GM0001', 'u3')).toEqual([
      { at: '2022-01-31T23:59:59Z', categories: ['MED', 'NAW'] },
      { at: '2022-02-01T00:00:00Z', categories: ['MED', 'NAW'] },
    ]);
    // u7's view is a row the loader skipped; u1 has no views at GM0002; GM9999 does not exist.
    expect(() => userViews(facts, endOfDate('2022-01-31'), 'GM0001', 'u7')).toThrow(InvalidParameterError);
    expect(() => userViews(facts, endOfDate('2022-01-31'), 'GM0002', 'u1')).toThrow(/no counted views/);
    expect(() => municipalityUsers(facts, endOfDate('2022-01-31'), 'GM9999')).toThrow(/GM9999/);
  });
});

describe('art. 34 list', () => {
  it('lists every exposed person per municipality with what was exposed and whether it was viewed', async () => {
    const facts = datalekFacts(await fixtureSession(DATALEK_SQL, SKIPPED));
    expect(exposedPersons(facts, endOfDate('2022-01-31'))).toEqual([
      { municipality: 0, person: 'p1', categories: ['NAW', 'STL'], causes: ['overgangsrecht'], first: '2022-01-10T00:00:00Z', last: '2022-01-25T00:00:00Z', views: 2 },
      { municipality: 0, person: 'p2', categories: ['MED', 'NAW'], causes: ['adreskoppeling'], first: '2022-01-30T12:00:00Z', last: '2022-02-01T00:00:00Z', views: 1 },
      { municipality: 1, person: 'p3', categories: ['STL'], causes: ['overgangsrecht', 'adreskoppeling'], first: '2022-01-05T00:00:00Z', last: '2022-01-06T06:00:00Z', views: 1 },
      // Signal 6 (p4 at GM0003) starts exactly at the end of P: left out.
      { municipality: 2, person: 'p1', categories: ['NAW'], causes: ['overgangsrecht', 'adreskoppeling'], first: '2022-01-31T23:00:00Z', last: '2022-02-01T00:00:00Z', views: 1 },
    ]);
  });

  it('is a person-level model that no exporter takes without confirmation', async () => {
    const model = art34Model(await fixtureSession(DATALEK_SQL, SKIPPED));
    expect(model.parameters).toEqual({ peildatum: '2022-01-31', person_level: true });
    expect(model.rows[1]).toMatchObject({ gemeente: 'Aa', inburgeraar_id: 'p2', categorieen: 'MED,NAW', bijzonder: true, oorzaak: 'adreskoppeling', ingezien: true, inzagen: 1 });
    expect(() => assertExportAllowed(model)).toThrow(UnprotectedExportError);
    expect(() => assertExportAllowed(model, { confirmedUnprotected: true })).not.toThrow();
  });
});
