// The worker core on a real, encrypted snapshot: the app's incident timeline reads the
// incidents through the same function as the datalek-ernst table (readIncidents), so a row
// the loader skipped or an invalid ontdekt_op is left out of both, the same way.
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encryptAge } from '../../shared/age/index';
import { buildPlaintext, FIXTURE_PASSPHRASE } from '../../test/support/snapshot';
import type { TableModel } from '../../shared/tables/model';

// The worker loads sql.js from the bundled wasm URL; under Node it loads the package's own.
vi.mock('./sql-provider', () => ({ loadSqlJs: () => initSqlJs() }));
const { handlers } = await import('./core');

const INCIDENTS = `
INSERT INTO incident VALUES
  ('I1', 'Portaal toonde onterechte signalen', 'datalek', '2022-01-10T09:00:00Z', '2022-01-12T08:00:00Z', NULL, NULL, NULL),
  ('I2', 'Datum bestaat niet', 'datalek', '2022-02-30T09:00:00Z', NULL, NULL, NULL, NULL),
  ('I3', 'Geen tijdstip', 'vertraging', 'gisteren', NULL, NULL, NULL, NULL),
  ('I4', 'Vertraagde levering', 'vertraging', '2022-01-05T10:00:00Z', NULL, NULL, NULL, 'IND');
`;

beforeAll(async () => {
  const plaintext = await buildPlaintext(INCIDENTS, { meta: { peildatum: '2022-01-31' } });
  const bytes = new Uint8Array(await encryptAge(plaintext, { kind: 'passphrase', passphrase: FIXTURE_PASSPHRASE, logN: 4 }));
  await handlers.open({ bytes, key: { kind: 'passphrase', passphrase: FIXTURE_PASSPHRASE }, fileName: 'incidenten.age' }, () => {});
  const completion = await handlers.completeOpen({}, () => {});
  // The loader itself reports both bad rows and skips them.
  expect(completion.findings.filter((finding) => finding.table === 'incident' && finding.skipped).length).toBeGreaterThan(0);
});

afterAll(async () => {
  await handlers.close({}, () => {});
});

describe('incidents in the app and in datalek-ernst', () => {
  it('leaves out the skipped row and the invalid ontdekt_op in both, in the same order', async () => {
    const { incidents } = await handlers.incidents({}, () => {});
    const table = (await handlers.table({ id: 'datalek-ernst', parameters: {} }, () => {})) as TableModel;
    expect(incidents.map((incident) => incident.id)).toEqual(['I4', 'I1']);
    expect(table.rows.map((row) => row.incident)).toEqual(['I4', 'I1']);
    expect(incidents[0]).toEqual({
      id: 'I4', titel: 'Vertraagde levering', soort: 'vertraging', ontdekt_op: '2022-01-05T10:00:00Z',
      gemeld_ap_op: null, gemeenten_geinformeerd_op: null, betrokkenen_geinformeerd_op: null, beschrijving: 'IND',
    });
  });
});
