import { describe, expect, it } from 'vitest';
import { isValidDate, isValidInstant, parseInteger } from './values';

describe('strict date, instant and integer checks', () => {
  it('accepts real calendar days only, in YYYY-MM-DD', () => {
    for (const ok of ['2024-02-29', '2023-12-31', '2000-02-29', '0001-01-01']) expect(isValidDate(ok), ok).toBe(true);
    for (const bad of ['2023-02-29', '1900-02-29', '2023-13-01', '2023-00-10', '2023-04-31', '2023-4-01', '1-5-2022', '2023/01/01', '2023-01-0a', ' 2023-01-01', '']) {
      expect(isValidDate(bad), bad).toBe(false);
    }
  });

  it('accepts UTC instants YYYY-MM-DDTHH:MM:SSZ only', () => {
    for (const ok of ['2022-01-27T12:00:00Z', '2024-02-29T23:59:59Z']) expect(isValidInstant(ok), ok).toBe(true);
    for (const bad of ['2022-01-27 12:00:00Z', '2022-01-27T24:00:00Z', '2022-01-27T12:60:00Z', '2022-01-27T12:00:60Z', '2022-01-27T12:00:00', '2022-01-27T12:00:00+01:00', '2023-02-29T00:00:00Z', '2022-01-27T1a:00:00Z']) {
      expect(isValidInstant(bad), bad).toBe(false);
    }
  });

  it('parses whole numbers within the safe range', () => {
    expect(parseInteger('-20000')).toBe(-20000);
    expect(parseInteger('0')).toBe(0);
    for (const bad of ['12.50', '1e3', '007', '', '-', '9007199254740993']) expect(parseInteger(bad), bad).toBeNull();
  });
});
