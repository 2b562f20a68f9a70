import { describe, expect, it } from 'vitest';
import type { TableColumn } from '../../shared/tables/model';
import { matchesColumnFilter, matchesSearch, parseNumericFilter } from './grid-filters';

const count: TableColumn = { key: 'n', label: 'Aantal', type: 'count' };
const money: TableColumn = { key: 'bedrag', label: 'Bedrag', type: 'money_cent' };
const name: TableColumn = { key: 'naam', label: 'Naam', type: 'text' };

describe('grid filters', () => {
  it('reads comparisons, ranges and Dutch numbers', () => {
    expect(parseNumericFilter('>= 20')?.(20)).toBe(true);
    expect(parseNumericFilter('>= 20')?.(19)).toBe(false);
    expect(parseNumericFilter('<5')?.(5)).toBe(false);
    expect(parseNumericFilter('10-20')?.(15)).toBe(true);
    expect(parseNumericFilter('10-20')?.(21)).toBe(false);
    expect(parseNumericFilter('2.396')?.(2396)).toBe(true);
    expect(parseNumericFilter('abc')).toBeNull();
  });

  it('filters money in euros as people type them', () => {
    expect(matchesColumnFilter({ bedrag: 950000 }, money, '>= 9500')).toBe(true);
    expect(matchesColumnFilter({ bedrag: 949999 }, money, '>= 9500')).toBe(false);
  });

  it('filters text by substring and searches the shown text of every column', () => {
    expect(matchesColumnFilter({ naam: 'Amsterdam' }, name, 'dam')).toBe(true);
    expect(matchesColumnFilter({ naam: 'Utrecht' }, name, 'dam')).toBe(false);
    expect(matchesSearch({ naam: 'Utrecht', n: 2396 }, [name, count], '2.396')).toBe(true);
    expect(matchesSearch({ naam: 'Utrecht', n: 2396 }, [name, count], 'Zwolle')).toBe(false);
  });
});
