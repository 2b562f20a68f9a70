import { describe, expect, it } from 'vitest';
import { addMonths, dayOf, instantFromSeconds, isoDate } from './dates';
import { createRandom, shuffled } from './random';

describe('dates', () => {
  it('adds calendar months, 29 February becoming 28 February', () => {
    expect(addMonths('2022-05-01', 12)).toBe('2023-05-01');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2023-12-15', 1)).toBe('2024-01-15');
  });

  it('round-trips days and formats instants', () => {
    expect(isoDate(dayOf('2023-09-15'))).toBe('2023-09-15');
    expect(instantFromSeconds(dayOf('2022-01-27') * 86_400 + 3600 * 9 + 61)).toBe('2022-01-27T09:01:01Z');
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
