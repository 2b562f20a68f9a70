import { describe, expect, it } from 'vitest';
import type { TableModel } from '../tables/model';
import { fitWidths, provenanceLine, publishedTable } from './layout';

const model: TableModel = {
  id: 't', title: 'Titel', source: 'DUO', notes: [], parameters: {},
  columns: [
    { key: 'naam', label: 'Naam', type: 'text' },
    { key: 'a', label: 'A', type: 'count' },
    { key: 'totaal', label: 'Totaal', type: 'count' },
  ],
  // A totals row that does not add up: the exporter shows what the model holds.
  rows: [{ naam: 'x', a: 5, totaal: 5 }],
  totals: { naam: null, a: 999, totaal: 1000 },
  disclosure: { method: 'none' },
  provenance: { snapshot_sha256: 'f'.repeat(64), peildatum: '2023-07-01', generator: 'ketenlens 0.1.0', created_at: '2023-07-01T22:30:00Z' },
};

describe('published layout', () => {
  it('renders the totals the model holds, labelled Totaal, and a provenance line in Amsterdam time', () => {
    const table = publishedTable(model, 3);
    expect(table.caption).toBe('Tabel 3: Titel');
    expect(table.totals?.map((cell) => cell.text)).toEqual(['Totaal', '999', '1.000']);
    expect(provenanceLine(model)).toBe('Ketenlens-snapshot ffffffffffff · peildatum 01-07-2023 · ketenlens 0.1.0 · gemaakt 02-07-2023 00:30');
  });

  it('says the parameters in words in the provenance line, without repeating its peildatum', () => {
    const assessed = { ...model, parameters: { peildatum: '2023-07-01', incident: 'INC-7', enisa: { dpc: 4 } } };
    expect(provenanceLine(assessed)).toBe(
      'Ketenlens-snapshot ffffffffffff · peildatum 01-07-2023 · incident INC-7 · DPC 4 (aangepast) · ketenlens 0.1.0 · gemaakt 02-07-2023 00:30',
    );
    const period = { ...model, parameters: { peildatum: '2023-06-30', vanaf: '2022-01-01', tot_en_met: null } };
    expect(provenanceLine(period)).toContain('· peildatum 01-07-2023 · peildatum 30-06-2023 · vanaf 01-01-2022 · ketenlens');
  });

  it('marks rounded totals with *', () => {
    const table = publishedTable({ ...model, disclosure: { method: 'round', base: 5 } });
    expect(table.headers).toEqual(['Naam', 'A', 'Totaal*']);
    expect(table.totals?.[0]?.text).toBe('Totaal*');
  });

  it('fits widths by narrowing the widest columns first, never below their minimum', () => {
    expect(fitWidths([10, 20, 30], [10, 5, 5], 100)).toEqual([10, 20, 30]);
    const fitted = fitWidths([10, 20, 70], [10, 20, 5], 60);
    expect(fitted[0]).toBe(10);
    expect(fitted[1]).toBe(20);
    expect(fitted[2]).toBeCloseTo(30, 5);
    // Minimums that do not fit are scaled together.
    expect(fitWidths([40, 40], [40, 40], 40)).toEqual([20, 20]);
  });
});
