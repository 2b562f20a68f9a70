import { describe, expect, it } from 'vitest';
import type { TableColumn, TableRow } from '../../shared/tables/model';
import { filterRows, sortRows } from './grid-rows';

const columns: TableColumn[] = [
  { key: 'gemeente', label: 'Gemeente', type: 'text' },
  { key: 'n', label: 'Aantal', type: 'count' },
];
const rows: TableRow[] = [
  { gemeente: 'Zwolle', n: 5 },
  { gemeente: 'Almere', n: null },
  { gemeente: "'s-Hertogenbosch", n: 30 },
  { gemeente: 'Amsterdam', n: 30 },
];

describe('grid rows', () => {
  it('filters by column and search, keeping the original order', () => {
    expect(Array.from(filterRows(rows, columns, { n: '>= 10' }, ''))).toEqual([2, 3]);
    expect(Array.from(filterRows(rows, columns, {}, 'am'))).toEqual([3]);
    expect(Array.from(filterRows(rows, columns, {}, ''))).toEqual([0, 1, 2, 3]);
  });

  it('sorts numbers, then ties by the next key, with empty cells last either way', () => {
    const all = filterRows(rows, columns, {}, '');
    expect(Array.from(sortRows(rows, all, [{ key: 'n', descending: false }, { key: 'gemeente', descending: false }]))).toEqual([0, 3, 2, 1]);
    expect(Array.from(sortRows(rows, all, [{ key: 'n', descending: true }]))).toEqual([2, 3, 0, 1]);
  });

  it('sorts text in Dutch collation', () => {
    const all = filterRows(rows, columns, {}, '');
    expect(Array.from(sortRows(rows, all, [{ key: 'gemeente', descending: false }])).map((i) => rows[i]?.gemeente)).toEqual([
      'Almere', 'Amsterdam', "'s-Hertogenbosch", 'Zwolle',
    ]);
  });

  it('handles a million rows (a generous bound: the machine may be shared)', () => {
    const many: TableRow[] = Array.from({ length: 1_000_000 }, (_, i) => ({ gemeente: `G${i % 1000}`, n: (i * 7919) % 100_003 }));
    const started = performance.now();
    const all = filterRows(many, columns, {}, '');
    const sorted = sortRows(many, all, [{ key: 'n', descending: false }]);
    expect(sorted.length).toBe(1_000_000);
    expect(many[sorted[0] ?? 0]?.n).toBe(0);
    const byText = sortRows(many, all, [{ key: 'gemeente', descending: true }, { key: 'n', descending: false }]);
    expect(many[byText[0] ?? 0]?.gemeente).toBe('G999');
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});
