import { describe, expect, it } from 'vitest';
import { dateOfDay, dayNumber } from '../dates';
import { instantFromSeconds, isoDate } from './dates';
import { createRandom, shuffled } from './random';

describe('remembered dates', () => {
  it('formats days and instants as shared/dates.ts does', () => {
    expect(isoDate(dayNumber('2023-09-15'))).toBe('2023-09-15');
    expect(isoDate(dayNumber('2023-09-15'))).toBe(dateOfDay(dayNumber('2023-09-15')));
    expect(instantFromSeconds(dayNumber('2022-01-27') * 86_400 + 3600 * 9 + 61)).toBe('2022-01-27T09:01:01Z');
  });
});

describe('random', () => {
  it('repeats for a seed and stays in range', () => {
    const first = createRandom(7);
    const second = createRandom(7);
    const values = Array.from({ length: 1000 }, () => first.integer(3, 9));
    expect(values).toEqual(Array.from({ length: 1000 }, () => second.integer(3, 9)));
    expect(Math.min(...values)).toBe(3);
    expect(Math.max(...values)).toBe(9);
    expect(createRandom(8).next()).not.toBe(createRandom(7).next());
    expect(shuffled(createRandom(1), [1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
