// The same action gives the same protection by default wherever it is done: a bijlage
// made in the app (Bijlage screen → worker) and with `ketenlens bijlage` is suppressed
// with k = 10 unless its maker chooses otherwise. Both read BIJLAGE_DEFAULT_DISCLOSURE.
import { describe, expect, it } from 'vitest';
import { applyDisclosure, BIJLAGE_DEFAULT_DISCLOSURE, DEFAULT_SUPPRESSION_K } from '../../shared/export/disclosure';
import { resolveDisclosure } from '../../shared/node/cli/output';
import { BIJLAGE_DISCLOSURE_DEFAULT, BIJLAGE_DISCLOSURES } from '../../renderer/screens/bijlage-options';
import type { TableModel } from '../../shared/tables/model';

function smallCounts(): TableModel {
  return {
    id: 'klein',
    title: 'Klein',
    columns: [
      { key: 'gemeente', label: 'Gemeente', type: 'text' },
      { key: 'a', label: 'A', type: 'count' },
      { key: 'b', label: 'B', type: 'count' },
      { key: 'totaal', label: 'Totaal', type: 'count' },
    ],
    rows: [
      { gemeente: 'Utrecht', a: 3, b: 40, totaal: 43 },
      { gemeente: 'Zeist', a: 25, b: 31, totaal: 56 },
      { gemeente: 'Bunnik', a: 12, b: 9, totaal: 21 },
    ],
    totals: { gemeente: null, a: 40, b: 80, totaal: 120 },
    notes: [],
    source: 'DUO',
    parameters: { peildatum: '2023-09-15' },
    disclosure: { method: 'none' },
    provenance: { snapshot_sha256: 'a'.repeat(64), peildatum: '2023-09-15', generator: 'ketenlens 0.1.0', created_at: '2023-09-15T10:00:00Z' },
  };
}

describe('the default protection of a bijlage', () => {
  it('is suppression with k = 10 in the app and on the command line', () => {
    expect(BIJLAGE_DEFAULT_DISCLOSURE).toEqual({ method: 'suppress', k: 10 });
    // The command line without --disclosure, and the app's preselected option.
    const cli = resolveDisclosure(undefined, BIJLAGE_DEFAULT_DISCLOSURE);
    expect(cli).toEqual({ method: 'suppress', k: DEFAULT_SUPPRESSION_K });
    expect(BIJLAGE_DISCLOSURE_DEFAULT).toBe('suppress');
    expect(BIJLAGE_DISCLOSURES[0]).toBe('suppress');
  });

  it('hides the same cells either way', () => {
    // The worker's bijlage handler applies the app's option as applyDisclosure(model, option).
    const fromApp = applyDisclosure(smallCounts(), BIJLAGE_DISCLOSURE_DEFAULT);
    const fromCli = applyDisclosure(smallCounts(), resolveDisclosure(undefined, BIJLAGE_DEFAULT_DISCLOSURE));
    expect(fromApp).toEqual(fromCli);
    expect(fromApp.disclosure).toMatchObject({ method: 'suppress', k: 10 });
    // 3 and 9 are below 10; the row and column around them lose a second cell.
    expect(fromApp.rows[0]?._suppressed).toContain('a');
    expect(fromApp.rows[2]?._suppressed).toContain('b');
  });
});
