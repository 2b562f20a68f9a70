// The cut at the end of a reference date and the strict reading of snapshot instants.
import { describe, expect, it } from 'vitest';
import { endOfDate, instantOf, secondsOf } from './time';

describe('datalek time', () => {
  it('ends a date at the next day 00:00:00Z, across month, leap day and year', () => {
    expect(instantOf(endOfDate('2022-01-31'))).toBe('2022-02-01T00:00:00Z');
    expect(instantOf(endOfDate('2024-02-28'))).toBe('2024-02-29T00:00:00Z');
    expect(instantOf(endOfDate('2023-12-31'))).toBe('2024-01-01T00:00:00Z');
  });

  it('reads only real instants of the form YYYY-MM-DDTHH:MM:SSZ', () => {
    expect(secondsOf('2022-01-10T09:00:00Z')).toBe(Date.UTC(2022, 0, 10, 9) / 1000);
    expect(secondsOf('2022-02-30T00:00:00Z')).toBeNull();
    expect(secondsOf('2022-01-10 09:00:00')).toBeNull();
    expect(secondsOf('2022-01-10T09:00:00.000Z')).toBeNull();
    expect(secondsOf(null)).toBeNull();
  });
});
