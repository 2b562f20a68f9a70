// A small hand-computed snapshot for the datalek tests (SQL text for the analysis fixture
// of testing/fixture.ts) and the rows the loader would skip in it. The expected figures are worked out in datalek/datalek.test.ts.
// Municipalities GM0001–GM0003; persons p1 (Wi2013, GM0001), p2 (Wi2013, no municipality),
// p3 (Wi2021, GM0001), p4 (Wi2013, GM0002); signal 5 and 7 are lawful, the rest unlawful.
import type { FixtureOptions } from './snapshot';
import { skippedFinding } from './snapshot';

export const DATALEK_SQL = `
INSERT INTO gemeente VALUES ('GM0001', 'Aa', NULL), ('GM0002', 'Bb', NULL), ('GM0003', 'Cc', NULL);
INSERT INTO gegevenscategorie VALUES ('NAW', 'Naam, adres, woonplaats', 0), ('STL', 'Stelsel', 0), ('MED', 'Medische gegevens', 1);
INSERT INTO inburgeraar VALUES
  ('p1', 'Wi2013', 'asiel', '2021-01-01', NULL, 'GM0001', 'lopend', NULL),
  ('p2', 'Wi2013', 'asiel', '2021-01-01', NULL, NULL, 'lopend', NULL),
  ('p3', 'Wi2021', 'gezin', '2021-01-01', NULL, 'GM0001', 'lopend', NULL),
  ('p4', 'Wi2013', 'asiel', '2021-01-01', NULL, 'GM0002', 'lopend', NULL);
INSERT INTO portaal_signaal VALUES
  (1, 'p1', 'GM0001', 'Wi2021', '2022-01-10T00:00:00Z', '2022-01-20T00:00:00Z'),
  (2, 'p1', 'GM0001', 'Wi2021', '2022-01-15T00:00:00Z', '2022-01-25T00:00:00Z'),
  (3, 'p2', 'GM0001', 'Wi2013', '2022-01-30T12:00:00Z', NULL),
  (4, 'p3', 'GM0002', 'Wi2013', '2022-01-05T00:00:00Z', '2022-01-06T06:00:00Z'),
  (5, 'p4', 'GM0002', 'Wi2013', '2022-01-01T00:00:00Z', NULL),
  (6, 'p4', 'GM0003', 'Wi2013', '2022-02-01T00:00:00Z', NULL),
  (7, 'p3', 'GM0001', 'Wi2021', '2022-01-01T00:00:00Z', NULL),
  (8, 'p1', 'GM0003', 'Wi2021', '2022-01-31T23:00:00Z', '2022-02-03T00:00:00Z'),
  (9, 'p2', 'GM0002', 'Wi2021', '2022-01-01T00:00:00Z', NULL);
INSERT INTO signaal_gegeven VALUES
  (1, 'NAW'), (1, 'STL'), (2, 'NAW'), (3, 'NAW'), (3, 'MED'), (4, 'STL'), (5, 'NAW'), (6, 'MED'), (8, 'NAW'), (9, 'MED');
INSERT INTO portaal_inzage VALUES
  (1, '2022-01-10T00:00:00Z', 'u1'),
  (1, '2022-01-20T00:00:00Z', 'u2'),
  (1, '2022-01-22T00:00:00Z', 'u1'),
  (2, '2022-01-22T00:00:00Z', 'u2'),
  (3, '2022-01-31T23:59:59Z', 'u3'),
  (3, '2022-02-01T00:00:00Z', 'u3'),
  (4, '2022-01-05T01:00:00Z', 'u4'),
  (4, '2022-01-04T00:00:00Z', 'u4'),
  (5, '2022-01-05T00:00:00Z', 'u5'),
  (6, '2022-02-02T00:00:00Z', 'u6'),
  (8, '2022-01-31T23:30:00Z', 'u1'),
  (9, '2022-01-02T00:00:00Z', 'u9'),
  (1, '2022-01-11T00:00:00Z', 'u7');
`;

// Signal 9 and the view of signal 1 by u7 (rowid 13) are skipped as the loader would.
export const DATALEK_SKIPPED = {
  skipped: { portaal_signaal: [9], portaal_inzage: [12, 13] },
  findings: [
    skippedFinding('portaal_signaal', 'dangling-reference', 1, 'gemeente_code verwijst naar een onbekende gemeente'),
    skippedFinding('portaal_inzage', 'skipped-reference', 2, 'signaal_id verwijst naar een portaal_signaal die wordt overgeslagen'),
  ],
  meta: { peildatum: '2022-01-31' },
} satisfies FixtureOptions;
